/**
 * Server-side atomic groups (`net.atomic(fn)`): remembers the entities whose
 * unreliable components `fn` changed, so this step's reliable packet carries
 * them (see systems/server/sendAtomicReliably.ts).
 *
 * What is atomic without it: everything that travels on the reliable stream
 * in one step (spawns, despawns, reliable components, tags, relations,
 * reliable events) arrives in one packet, applied whole in one client step.
 * Unreliable components travel apart, in their own packets, and may arrive
 * a step later, sooner, or (lost) only in a resend. Inside `net.atomic`, the
 * unreliable values changed go on that step's reliable packet too, as a
 * reliable definition that restarts the entity's mutation stream (like a
 * spawn's state), so every change of the group lands in the same client step.
 *
 * The listeners exist only while `fn` runs: outside `net.atomic` this costs
 * nothing per change (the collect-phase system returns at once).
 */
import { Entity, World } from "@rbxts/jecs";
import { Registry } from "../core/registry";
import { WireKind } from "../wire/protocol";

export class AtomicScope {
	/** Entities whose unreliable values changed inside an atomic group since the last collect. */
	readonly entities = new Set<Entity>();
	private depth = 0;
	private disconnects: (() => void)[] = [];

	constructor(
		private readonly world: World,
		private readonly registry: Registry,
	) {}

	/** Runs `fn` with its unreliable changes marked atomic; rethrows what `fn` throws (its changes stay made). */
	run(fn: () => void) {
		if (this.depth === 0) {
			const remember = (e: Entity) => {
				this.entities.add(e);
			};
			for (const info of this.registry.list) {
				if (info.kind !== WireKind.Component || !info.unreliable) continue;
				this.disconnects.push(this.world.changed(info.id as Entity<unknown>, remember));
			}
		}
		this.depth += 1;
		const [ok, err] = pcall(fn);
		this.depth -= 1;
		if (this.depth === 0) {
			for (const disconnect of this.disconnects) disconnect();
			this.disconnects = [];
		}
		if (!ok) error(err, 0);
	}
}
