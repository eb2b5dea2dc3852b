/**
 * The jecs hooks (added / changed / removed listeners) a net installs, kept
 * together so `net.destroy()` disconnects every one: a destroyed net leaves
 * no listener behind in the game's world. Each hook can also be disconnected
 * alone (observers), once; the bag forgets it then.
 */
import { Entity, Id, World } from "@rbxts/jecs";

export class Hooks {
	private readonly live = new Set<() => void>();

	constructor(private readonly world: World) {}

	private keep(disconnect: () => void): () => void {
		let done = false;
		const once = () => {
			if (done) return;
			done = true;
			this.live.delete(once);
			disconnect();
		};
		this.live.add(once);
		return once;
	}

	/** world.added, kept; returns its disconnect. */
	added<T>(component: Entity<T>, listener: (e: Entity, id: Id<T>, value: T) => void): () => void {
		return this.keep(this.world.added(component, listener));
	}

	/** world.changed, kept; returns its disconnect. */
	changed<T>(component: Entity<T>, listener: (e: Entity, id: Id<T>, value: T) => void): () => void {
		return this.keep(this.world.changed(component, listener));
	}

	/** world.removed, kept; returns its disconnect. */
	removed<T>(component: Entity<T>, listener: (e: Entity, id: Id<T>, deleted?: true) => void): () => void {
		return this.keep(this.world.removed(component, listener));
	}

	/** How many hooks are connected. */
	size(): number {
		return this.live.size();
	}

	/** Disconnects every hook still connected. */
	disconnectAll() {
		const all: (() => void)[] = [];
		for (const d of this.live) all.push(d);
		for (const d of all) d();
	}
}
