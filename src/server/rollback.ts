/**
 * Rollback snapshots (server): a ring buffer of the values of chosen
 * components over the last N ticks, so the server can rewind the world to the
 * tick a client saw (lag compensation: hit checks against what the shooter
 * saw) and restore the present afterwards. Rewinding inside a step and
 * restoring before the collect phase replicates nothing: the values are back.
 */
import { Entity, World } from "@rbxts/jecs";
import { idLabel } from "../core/registry";

export interface RollbackOptions {
	/** Components to record (e.g. Transform). */
	components: Entity[];
	/** Ticks of history kept (default 64: about a second at 60 Hz). */
	ticks?: number;
}

type Frame = Map<Entity, unknown>[];

export class Rollback {
	private readonly size: number;
	private readonly frames = new Map<number, Frame>();
	private saved?: Frame;
	private savedSets?: Set<Entity>[];
	/** Tick of the newest recorded frame. */
	newest = -1;

	constructor(
		private readonly world: World,
		private readonly components: Entity[],
		size: number,
		private readonly tickOf: () => number,
	) {
		this.size = size;
	}

	/** Cleanup phase: records this tick's values. */
	readonly record = () => {
		const tick = this.tickOf();
		const frame: Frame = [];
		for (const component of this.components) {
			const values = new Map<Entity, unknown>();
			for (const [e, value] of this.world.query(component as Entity<unknown>)) values.set(e, value);
			frame.push(values);
		}
		this.frames.set(tick, frame);
		this.frames.delete(tick - this.size);
		this.newest = tick;
	};

	/** Whether `tick` is still in the history. */
	has(tick: number): boolean {
		return this.frames.has(tick);
	}

	/** A component's value for an entity at a past tick, without touching the world. */
	at<T>(tick: number, entity: Entity, component: Entity<T>): T | undefined {
		const i = this.components.indexOf(component);
		if (i < 0) error(`Skyrocket: ${idLabel(this.world, component)} is not recorded by this rollback; list it in net.rollback({ components: [...] })`, 2);
		return this.frames.get(tick)?.[i].get(entity) as T | undefined;
	}

	/**
	 * Sets the recorded components of every entity to their values at `tick`
	 * (removing them from entities that did not have them then). Call
	 * `restore()` before the step ends.
	 */
	rewind(tick: number) {
		if (this.saved) error("Skyrocket: rollback is already rewound; call restore() first", 2);
		const frame = this.frames.get(tick);
		if (frame === undefined) error(`Skyrocket: tick ${tick} is not in the rollback history (newest ${this.newest}, kept ${this.size})`, 2);
		const world = this.world;
		const saved: Frame = [];
		const present: Set<Entity>[] = [];
		this.components.forEach((component, i) => {
			const now = new Map<Entity, unknown>();
			const had = new Set<Entity>();
			for (const [e, value] of world.query(component as Entity<unknown>)) {
				now.set(e, value);
				had.add(e);
			}
			saved.push(now);
			present.push(had);
			const past = frame[i];
			for (const e of had) if (!past.has(e)) world.remove(e, component);
			for (const [e, value] of past) if (world.contains(e)) world.set(e, component as Entity<unknown>, value);
		});
		this.saved = saved;
		this.savedSets = present;
	}

	/** Puts back exactly the present that rewind() saved. */
	restore() {
		const saved = this.saved;
		const present = this.savedSets;
		if (saved === undefined || present === undefined) error("Skyrocket: rollback is not rewound", 2);
		const world = this.world;
		this.components.forEach((component, i) => {
			const had = present[i];
			const strays: Entity[] = [];
			for (const [e] of world.query(component)) if (!had.has(e)) strays.push(e);
			for (const e of strays) world.remove(e, component);
			for (const [e, value] of saved[i]) if (world.contains(e)) world.set(e, component as Entity<unknown>, value);
		});
		this.saved = undefined;
		this.savedSets = undefined;
	}
}
