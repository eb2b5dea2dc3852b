/**
 * Observers: the bridge from the ECS to code that is not a system (UI,
 * shops, leaderboards, sounds). Once per step, where each side runs its
 * observers (client: after the net applied the server's packets; server:
 * after the game's systems and collect), each observer is called with what
 * changed since the previous run:
 * - `watch`: members of one entity (groups and properties), compared with
 *   what the observer last saw, reported once with every member that changed
 *   together (`fire` at once with the members present now);
 * - `component`: every entity whose value of a component changed (jecs hooks
 *   note which entities; values are read when the observers run), with the
 *   newest value (undefined once removed or despawned) and the one the
 *   observer saw before;
 * - `rows`: rows listed anew each run (an event's incoming entities).
 * Callbacks run outside jecs hooks, so they may write the world (seen at the
 * next run). A callback that throws is reported, at most every 10 s per
 * observer, and the others still run. The system joins the net's pipeline
 * when the first observer connects: observers cost nothing until used.
 */
import { Entity, World } from "@rbxts/jecs";
import { ReplicatedInfo } from "./registry";
import { reportError } from "./report";
import type { Hooks } from "./hooks";

/** Seconds between reports of the same failing observer. */
const REPORT_INTERVAL = 10;

/** What a watch reports: the indexes (into its members) that changed, the values now and before. */
export type WatchCallback = (changed: number[], values: unknown[], previous: unknown[]) => void;

interface Observer {
	readonly label: string;
	alive: boolean;
	failures: number;
	reportedAt: number;
	/** Calls the callback with what changed since the last run, each call through `call` (isolated). */
	readonly poll: (call: (f: () => void) => void) => void;
	readonly disconnect: () => void;
}

export class Observers {
	private list: Observer[] = [];
	private installed = false;

	/**
	 * `now` is the net's clock (failure reports); `install` adds the `run`
	 * system to the net's pipeline, called when the first observer connects.
	 */
	constructor(
		private readonly world: World,
		private readonly hooks: Hooks,
		private readonly now: () => number,
		private readonly install: (run: () => void) => void,
	) {}

	/** How many observers are connected. */
	size(): number {
		return this.list.size();
	}

	/**
	 * Watches `members` of the entity `entity()` returns (resolved each step, so
	 * it may appear later). Calls `fire` at once with the members present now,
	 * then once per step with those that changed. Returns the disconnect.
	 */
	watch(label: string, entity: () => Entity | undefined, members: readonly ReplicatedInfo[], fire: WatchCallback): () => void {
		const world = this.world;
		const last: unknown[] = [];
		const observer = this.add(
			label,
			() => {},
			(call) => {
				const e = entity();
				const exists = e !== undefined && world.contains(e);
				let changed: number[] | undefined;
				for (let i = 0; i < members.size(); i++) {
					const info = members[i];
					const value = exists ? world.get(e!, info.id as Entity<unknown>) : undefined;
					const old = last[i];
					if (value === old) continue;
					if (value !== undefined && old !== undefined && info.codec!.equals(value as defined, old as defined)) continue;
					changed ??= [];
					changed.push(i);
				}
				if (changed === undefined) return;
				const previous = table.clone(last);
				const values: unknown[] = [];
				for (let i = 0; i < members.size(); i++) values[i] = exists ? world.get(e!, members[i].id as Entity<unknown>) : undefined;
				for (let i = 0; i < members.size(); i++) last[i] = values[i];
				call(() => fire(changed!, values, previous));
			},
		);
		this.pollOne(observer);
		return () => this.remove(observer);
	}

	/** Observes a component: `callback(entity, value, old)` for each entity whose value changed. */
	component<T>(
		component: Entity<T>,
		label: string,
		callback: (entity: Entity, value: T | undefined, old: T | undefined) => void,
	): () => void {
		const world = this.world;
		let order: Entity[] = [];
		const touched = new Set<Entity>();
		const last = new Map<Entity, T>();
		const touch = (e: Entity) => {
			if (touched.has(e)) return;
			touched.add(e);
			order.push(e);
		};
		const disconnects = [
			this.hooks.added(component, touch),
			this.hooks.changed(component, touch),
			this.hooks.removed(component, touch),
		];
		// what holds it already is reported at the first run (old: undefined)
		for (const [e] of world.query(component)) touch(e);
		const observer = this.add(
			label,
			() => {
				for (const d of disconnects) d();
				last.clear();
			},
			(call) => {
				if (order.size() === 0) return;
				const now = order;
				order = [];
				touched.clear();
				for (const e of now) {
					const value = world.contains(e) ? world.get(e, component) : undefined;
					const old = last.get(e);
					if (value === old) continue; // set back within the step, or the same value again
					if (value === undefined) last.delete(e);
					else last.set(e, value);
					call(() => callback(e, value, old));
				}
			},
		);
		return () => this.remove(observer);
	}

	/** Observes rows that `rows()` lists at each run (an event's incoming entities of the step). */
	rows<R extends unknown[]>(label: string, rows: () => R[], callback: (...row: R) => void): () => void {
		const observer = this.add(
			label,
			() => {},
			(call) => {
				for (const row of rows()) call(() => callback(...row));
			},
		);
		return () => this.remove(observer);
	}

	private add(label: string, disconnect: () => void, poll: Observer["poll"]): Observer {
		if (!this.installed) {
			this.installed = true;
			this.install(this.run);
		}
		const observer: Observer = { label, alive: true, failures: 0, reportedAt: -math.huge, poll, disconnect };
		this.list.push(observer);
		return observer;
	}

	private remove(observer: Observer) {
		if (!observer.alive) return;
		observer.alive = false;
		observer.disconnect();
		const i = this.list.indexOf(observer);
		if (i >= 0) this.list.remove(i);
	}

	/** The system: runs every observer over what changed since the last run. */
	readonly run = () => {
		// a callback may disconnect observers (its own or others): iterate a snapshot
		for (const observer of [...this.list]) if (observer.alive) this.pollOne(observer);
	};

	private pollOne(observer: Observer) {
		observer.poll((f) => {
			const [ok, err] = pcall(f);
			if (!ok) this.failed(observer, err);
		});
	}

	private failed(observer: Observer, err: unknown) {
		observer.failures += 1;
		const now = this.now();
		if (now - observer.reportedAt < REPORT_INTERVAL) return;
		observer.reportedAt = now;
		const times = observer.failures > 1 ? ` (${observer.failures} times so far)` : "";
		reportError(`Skyrocket: an observer of ${observer.label} failed${times} (the others still ran): ${tostring(err)}`);
	}

	/** Disconnects every observer (the net was destroyed). */
	clear() {
		for (const observer of [...this.list]) this.remove(observer);
	}
}
