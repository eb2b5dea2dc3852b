/**
 * Observers of groups and properties, for code that is not an ECS system (UI,
 * shops, leaderboards): once per step, after the net applied the server's
 * packets (client) or after the game's systems (server), each observed entity's
 * members are compared with what the observer last saw, and the observer is
 * called once with every member that changed together. The cost is per
 * observer and member, nothing per replicated entity.
 */
import { Entity, World } from "@rbxts/jecs";
import { ReplicatedInfo } from "./registry";
import { reportError } from "./report";

/** What a watch reports: the indexes (into its members) that changed, the values now and before. */
export type WatchCallback = (changed: number[], values: unknown[], previous: unknown[]) => void;

interface Watch {
	readonly label: string;
	readonly entity: () => Entity | undefined;
	readonly members: readonly ReplicatedInfo[];
	readonly last: unknown[];
	readonly fire: WatchCallback;
	alive: boolean;
}

export class Observers {
	private watches: Watch[] = [];

	constructor(private readonly world: World) {}

	/** How many observers are connected. */
	size(): number {
		return this.watches.size();
	}

	/**
	 * Watches `members` of the entity `entity()` returns (resolved each step, so
	 * it may appear later). Calls `fire` at once with the members present now,
	 * then once per step with those that changed. Returns the disconnect.
	 */
	watch(label: string, entity: () => Entity | undefined, members: readonly ReplicatedInfo[], fire: WatchCallback): () => void {
		const w: Watch = { label, entity, members, last: [], fire, alive: true };
		this.watches.push(w);
		this.poll(w);
		return () => {
			if (!w.alive) return;
			w.alive = false;
			const i = this.watches.indexOf(w);
			if (i >= 0) this.watches.remove(i);
		};
	}

	/** The system: reports every watch's changes of this step. */
	readonly run = () => {
		// a callback may disconnect watches (its own or others): iterate a snapshot
		for (const w of [...this.watches]) if (w.alive) this.poll(w);
	};

	private poll(w: Watch) {
		const world = this.world;
		const e = w.entity();
		const exists = e !== undefined && world.contains(e);
		let changed: number[] | undefined;
		let values: unknown[] | undefined;
		for (let i = 0; i < w.members.size(); i++) {
			const info = w.members[i];
			const value = exists ? world.get(e!, info.id as Entity<unknown>) : undefined;
			const old = w.last[i];
			if (value === old) continue;
			if (value !== undefined && old !== undefined && info.codec!.equals(value as defined, old as defined)) continue;
			changed ??= [];
			changed.push(i);
		}
		if (changed === undefined) return;
		const previous = table.clone(w.last);
		values = [];
		for (let i = 0; i < w.members.size(); i++) values[i] = exists ? world.get(e!, w.members[i].id as Entity<unknown>) : undefined;
		for (let i = 0; i < w.members.size(); i++) w.last[i] = values[i];
		const [ok, err] = pcall(w.fire, changed, values, previous);
		if (!ok) reportError(`Skyrocket: an observer of ${w.label} failed (the others still ran): ${tostring(err)}`);
	}
}
