/**
 * Rollback snapshots (server): a ring buffer of the values of chosen
 * components over the last N ticks, so the server can rewind the world to the
 * tick a client saw (lag compensation: hit checks against what the shooter
 * saw) and restore the present afterwards. Rewinding inside a step and
 * restoring before the collect phase replicates nothing: the values are back.
 *
 * Bounded lag compensation: a tick a client sent is untrusted. `rewindFor`
 * lets a player rewind at most its measured RTT + the clients'
 * interpolation delay + a margin into the past (and never into the future);
 * a tick outside that bound is clamped to it (or refused with
 * `outOfBound: "reject"`), a tick outside the history is clamped to the
 * history. Nothing here throws on a tick from the network.
 */
import { Entity, World } from "@rbxts/jecs";
import { idLabel } from "../core/registry";
import { bump } from "../core/report";

export interface RollbackOptions {
	/** Components to record (e.g. Transform). */
	components: Entity[];
	/** Ticks of history kept (default 64: about a second at 60 Hz). */
	ticks?: number;
	/** Seconds clients render behind the server (their interpolation delay; default 0.1). Part of each player's rewind bound. */
	interpolationDelay?: number;
	/** Extra seconds a player may rewind beyond RTT + interpolation delay (default 0.1). */
	margin?: number;
	/** A tick beyond a player's bound: "clamp" to the bound (default) or "reject" (rewindFor returns undefined). */
	outOfBound?: "clamp" | "reject";
}

/** What a bounded rewind needs from the net. */
export interface RewindBound {
	/** A player's round-trip time in seconds (0 before it is measured). */
	readonly rtt: (player: Player) => number;
	readonly tickRate: number;
	readonly counters: Map<string, number>;
}

type Frame = Map<Entity, unknown>[];

export class Rollback {
	private readonly size: number;
	private readonly frames = new Map<number, Frame>();
	private saved?: Frame;
	private savedSets?: Set<Entity>[];
	/** Tick of the newest recorded frame. */
	newest = -1;

	private readonly delay: number;
	private readonly margin: number;
	private readonly reject: boolean;

	constructor(
		private readonly world: World,
		private readonly components: Entity[],
		size: number,
		private readonly tickOf: () => number,
		private readonly bound?: RewindBound,
		options: RollbackOptions = { components },
	) {
		this.size = size;
		this.delay = options.interpolationDelay ?? 0.1;
		this.margin = options.margin ?? 0.1;
		this.reject = options.outOfBound === "reject";
	}

	/** The oldest tick `player` may rewind to now: RTT + interpolation delay + margin back, in ticks. */
	oldestFor(player: Player): number {
		const b = this.bound;
		if (b === undefined) return this.newest - this.size + 1;
		const back = math.ceil((b.rtt(player) + this.delay + this.margin) * b.tickRate);
		return this.newest - back;
	}

	/**
	 * Lag compensation for a tick a player sent (e.g. with a shot): rewinds to
	 * `tick` when it is within the player's bound and the history; otherwise
	 * to the nearest tick that is (or, with outOfBound "reject", not at all).
	 * Returns the tick rewound to, or undefined when nothing was rewound
	 * (then restore() does nothing). Clamps and refusals are counted
	 * ("rollback: clamped", "rollback: rejected").
	 */
	rewindFor(player: Player, tick: number): number | undefined {
		if (this.newest < 0) return undefined;
		const oldest = math.max(this.oldestFor(player), this.newest - this.size + 1);
		let target = typeIs(tick, "number") && tick === tick ? math.floor(tick) : this.newest;
		if (target < oldest || target > this.newest) {
			const counters = this.bound?.counters;
			if (this.reject) {
				if (counters) bump(counters, "rollback: rejected");
				return undefined;
			}
			if (counters) bump(counters, "rollback: clamped");
			target = math.clamp(target, oldest, this.newest);
		}
		while (target < this.newest && !this.frames.has(target)) target += 1;
		return this.rewind(target) ? target : undefined;
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
		if (i < 0)
			error(
				`Skyrocket: ${idLabel(this.world, component)} is not recorded by this rollback; list it in net.rollback({ components: [...] })`,
				2,
			);
		return this.frames.get(tick)?.[i].get(entity) as T | undefined;
	}

	/**
	 * Sets the recorded components of every entity to their values at `tick`
	 * (removing them from entities that did not have them then). Call
	 * `restore()` before the step ends. Returns false (and changes nothing)
	 * when `tick` is not in the history. For a tick a client sent, use
	 * rewindFor (bounded by that player's RTT).
	 */
	rewind(tick: number): boolean {
		if (this.saved) error("Skyrocket: rollback is already rewound; call restore() first", 2);
		const frame = this.frames.get(tick);
		if (frame === undefined) return false;
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
		return true;
	}

	/** Puts back exactly the present that rewind() saved (nothing when not rewound). */
	restore() {
		const saved = this.saved;
		const present = this.savedSets;
		if (saved === undefined || present === undefined) return;
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
