/**
 * Receive phase (client), after packets: the server is the authority. A
 * replicated component or tag that the game changed locally (set, removed,
 * added) is put back to the server's last state, and a replicated entity the
 * game deleted is rebuilt (see restoreEntity.ts), so local writes never
 * stick, except the components the client owns for now (predicted, or an
 * optimistic change waiting for the server's answer).
 *
 * Reads: jecs hooks on replicated ids, owned components. Writes: the world (restored values and entities).
 */
import { Entity } from "@rbxts/jecs";
import { ReplicatedInfo } from "../../src/core/registry";
import { ClientContext } from "../../src/client/context";
import { restoreDeleted } from "../../src/client/restoreEntity";
import { WireKind } from "../../src/wire/protocol";
import { unstored } from "../../src/core/stored";
import { ServerHandle } from "../../components/replication";

export function enforceAuthority(ctx: ClientContext) {
	const world = ctx.world;
	const mark = (e: Entity, info: ReplicatedInfo) => {
		if (ctx.applying || !ctx.handles.has(e)) return;
		if (ctx.capture) {
			ctx.capture.push([e, info]);
			return;
		}
		if (ctx.owned.get(e)?.get(info.wireId) !== undefined) return;
		let set = ctx.tampered.get(e);
		if (set === undefined) {
			set = new Set();
			ctx.tampered.set(e, set);
		}
		set.add(info);
	};
	const listen = (info: ReplicatedInfo) => {
		if (info.kind === WireKind.Relation) return;
		const id = info.id as Entity<unknown>;
		ctx.hooks.added(id, (e) => mark(e, info));
		if (info.kind === WireKind.Component) ctx.hooks.changed(id, (e) => mark(e, info));
		ctx.hooks.removed(id, (e, _, deleted) => {
			if (deleted !== true) mark(e, info);
		});
	};
	for (const info of ctx.registry.list) listen(info);
	// a deleted replicated entity: rebuilt at the next step
	ctx.hooks.removed(ServerHandle, (e, _, deleted) => {
		if (deleted !== true) return;
		ctx.deletions += 1;
		if (!ctx.applying && ctx.handles.has(e)) ctx.deleted.push(e);
	});
	return {
		listen,
		system: () => {
			restoreDeleted(ctx);
			if (ctx.tampered.isEmpty()) return;
			ctx.applying = true;
			for (const [e, infos] of ctx.tampered) {
				if (!world.contains(e)) continue;
				const auth = ctx.authoritative.get(e);
				for (const info of infos) {
					const value = auth?.get(info.wireId);
					ctx.stats.restored += 1;
					if (info.kind === WireKind.Tag) {
						if (value !== undefined) world.add(e, info.id);
						else world.remove(e, info.id);
					} else if (value !== undefined) world.set(e, info.id as Entity<unknown>, unstored(value));
					else if (world.has(e, info.id)) world.remove(e, info.id);
				}
			}
			ctx.tampered.clear();
			ctx.applying = false;
		},
	};
}
