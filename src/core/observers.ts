/**
 * Observers: the bridge from the ECS to code that is not a system (UI,
 * sounds, Instances). `net.observe(Component, (entity, value, old) => ...)`
 * and `handle.observe(...)` on events call back once per net step, at the
 * start of its cleanup phase, with what changed during the step: a
 * component's newest value per entity (undefined once removed or despawned)
 * and the value the observer saw before; each event of the step in arrival
 * order. jecs hooks only note which entities changed; callbacks run outside
 * them, so they may write the world (what they change is seen next step).
 * A callback that throws is reported (at most every 10 s per observer) and
 * the others still run.
 */
import { Entity, World } from "@rbxts/jecs";
import { Hooks } from "./hooks";
import { reportError } from "./report";

/** Seconds between reports of the same failing observer. */
const REPORT_INTERVAL = 10;

interface Observer {
	readonly label: string;
	live: boolean;
	failures: number;
	reportedAt: number;
	/** Calls the callback with what happened since the last dispatch. */
	readonly run: (call: (f: () => void) => void) => void;
	readonly disconnect: () => void;
}

export class Observers {
	private list: Observer[] = [];

	constructor(
		private readonly world: World,
		private readonly hooks: Hooks,
		private readonly now: () => number,
	) {}

	/** Observes a component: `callback(entity, value, old)` for each entity whose value changed during a step. */
	component<T>(component: Entity<T>, label: string, callback: (entity: Entity, value: T | undefined, old: T | undefined) => void): () => void {
		const world = this.world;
		let order: Entity[] = [];
		const touched = new Set<Entity>();
		const last = new Map<Entity, T>();
		const touch = (e: Entity) => {
			if (touched.has(e)) return;
			touched.add(e);
			order.push(e);
		};
		const disconnects = [this.hooks.added(component, touch), this.hooks.changed(component, touch), this.hooks.removed(component, touch)];
		// what holds it already is delivered at the first dispatch (old: undefined)
		for (const [e] of world.query(component)) touch(e);
		return this.add({
			label,
			run: (call) => {
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
			disconnect: () => {
				for (const d of disconnects) d();
				last.clear();
			},
		});
	}

	/** Observes rows that `rows()` lists at each dispatch (an event's incoming entities of the step). */
	rows<R extends unknown[]>(label: string, rows: () => R[], callback: (...row: R) => void): () => void {
		return this.add({
			label,
			run: (call) => {
				for (const row of rows()) call(() => callback(...row));
			},
			disconnect: () => {},
		});
	}

	private add(o: Omit<Observer, "live" | "failures" | "reportedAt">): () => void {
		const observer: Observer = { ...o, live: true, failures: 0, reportedAt: -math.huge };
		this.list.push(observer);
		return () => {
			if (!observer.live) return;
			observer.live = false;
			observer.disconnect();
			this.list = this.list.filter((x) => x !== observer);
		};
	}

	/** How many observers are connected. */
	size(): number {
		return this.list.size();
	}

	/** Runs every observer over what happened since the last dispatch (one system, in the cleanup phase). */
	dispatch() {
		if (this.list.size() === 0) return;
		for (const observer of table.clone(this.list)) {
			if (!observer.live) continue;
			observer.run((f) => {
				const [ok, err] = pcall(f);
				if (!ok) this.failed(observer, err);
			});
		}
	}

	private failed(observer: Observer, err: unknown) {
		observer.failures += 1;
		const now = this.now();
		if (now - observer.reportedAt < REPORT_INTERVAL) return;
		observer.reportedAt = now;
		const times = observer.failures > 1 ? ` (${observer.failures} times so far)` : "";
		reportError(`Skyrocket: an observer of ${observer.label} threw${times}; the other observers ran. ${tostring(err)}`);
	}

	/** Disconnects every observer (the net was destroyed). */
	clear() {
		for (const observer of this.list) {
			observer.live = false;
			observer.disconnect();
		}
		this.list = [];
	}
}
