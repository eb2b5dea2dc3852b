/**
 * Server side of prediction: applies each player's inputs to the entity the
 * player controls, in tick order, then quantizes the state and records the
 * newest applied input tick (replicated with the state).
 *
 * No speed hack: a player may apply inputs only as fast as the server's
 * clock advances (one input per `dt` of server time), plus INPUT_SLACK
 * inputs banked to absorb jitter. Sending more inputs per frame, ticks far
 * ahead or batches out of order moves nobody faster: over any window of T
 * seconds a player applies at most T / dt + 1 + INPUT_SLACK inputs. Each input
 * must pass the prediction's `check` (the batch is dropped otherwise), and
 * `apply` must clamp what an input may do (e.g. a movement vector's length).
 * A state that `apply` leaves non-finite is refused (the entity keeps its
 * previous state; counted as "non-finite: prediction").
 */
import { Entity, World } from "@rbxts/jecs";
import { Codec } from "../codec";
import { ServerEventHandle } from "./eventHandles";
import { InputBatch, PredictionOptions } from "../core/prediction";
import { noteOutOfRange } from "../core/finite";

/** Inputs a player may bank beyond the server clock's rate, for jitter (4: 67 ms at 60 Hz). */
export const INPUT_SLACK = 4;
/** Inputs further ahead of the last applied one than this are ignored (bounds each player's queue). */
const MAX_AHEAD = 120;

function sizeOf(map: ReadonlyMap<unknown, unknown>): number {
	let n = 0;
	for (const _ of map) n += 1;
	return n;
}

export class ServerPrediction<I extends defined, T> {
	private readonly controlled = new Map<Player, Entity>();
	private readonly lastApplied = new Map<Player, number>();
	private readonly queued = new Map<Player, Map<number, I>>();
	/** Inputs each player may still apply (earned at one per `dt` of server time, capped). */
	private readonly credits = new Map<Player, number>();
	private readonly ticks: number[] = [];

	constructor(
		private readonly world: World,
		private readonly options: PredictionOptions<I, T>,
		private readonly codec: Codec<T>,
		private readonly ack: Entity<number>,
		private readonly controller: Entity<number>,
		private readonly inputs: ServerEventHandle<InputBatch<I>>,
		private readonly dt: number,
		/** Drops an input batch that failed `check` (a validation violation). */
		private readonly refuse: (eventEntity: Entity, reason: string) => void,
		private readonly counters: Map<string, number>,
	) {}

	/** Makes `player`'s inputs drive `entity` (the client predicts it). */
	bind(player: Player, entity: Entity) {
		const world = this.world;
		this.controlled.set(player, entity);
		this.lastApplied.delete(player);
		this.queued.delete(player);
		this.credits.set(player, 0);
		world.set(entity, this.controller, player.UserId);
		world.set(entity, this.ack, 0);
		const value = world.get(entity, this.options.component);
		if (value !== undefined) world.set(entity, this.options.component, this.codec.canonical(value as T));
	}

	unbind(player: Player) {
		const e = this.controlled.get(player);
		this.controlled.delete(player);
		this.lastApplied.delete(player);
		this.queued.delete(player);
		this.credits.delete(player);
		if (e !== undefined && this.world.contains(e)) {
			this.world.remove(e, this.controller);
			this.world.remove(e, this.ack);
		}
	}

	/** Forgets a player who left (as unbind). */
	forget(player: Player) {
		this.unbind(player);
	}

	/** The per-player maps and their sizes (debugSizes). */
	sizes(): [string, () => number][] {
		return [
			["controlled", () => sizeOf(this.controlled)],
			["applied", () => sizeOf(this.lastApplied)],
			["queued", () => sizeOf(this.queued)],
			["credits", () => sizeOf(this.credits)],
		];
	}

	/** The entity `player` controls. */
	entityOf(player: Player): Entity | undefined {
		return this.controlled.get(player);
	}

	/** Events phase: queues this step's inputs and applies those the server clock allows. */
	readonly system = (dt: number) => {
		const world = this.world;
		const check = this.options.check;
		for (const [e, batch, sender] of this.inputs.incoming()) {
			if (!this.controlled.has(sender)) continue;
			if (check !== undefined && !batch.inputs.every((input) => check(input) === true)) {
				this.refuse(e, "an input failed the prediction's check");
				continue;
			}
			const last = this.lastApplied.get(sender) ?? 0;
			let queue = this.queued.get(sender);
			if (queue === undefined) {
				queue = new Map();
				this.queued.set(sender, queue);
			}
			batch.inputs.forEach((input, i) => {
				const tick = batch.first + i;
				if (tick > last && tick <= last + MAX_AHEAD) queue!.set(tick, input);
			});
		}
		const component = this.options.component;
		const earned = dt / this.dt;
		for (const [player, e] of this.controlled) {
			// one input per dt of server time, at most 1 + INPUT_SLACK banked
			const credit = math.min((this.credits.get(player) ?? 0) + earned, 1 + INPUT_SLACK);
			const queue = this.queued.get(player);
			if (queue === undefined || queue.isEmpty() || !world.contains(e)) {
				this.credits.set(player, credit);
				continue;
			}
			const ticks = this.ticks;
			ticks.clear();
			for (const [tick] of queue) ticks.push(tick);
			ticks.sort();
			let last = this.lastApplied.get(player) ?? 0;
			let left = credit;
			for (const tick of ticks) {
				if (left < 1) break;
				const input = queue.get(tick)!;
				queue.delete(tick);
				if (tick <= last) continue;
				const before = world.get(e, component);
				this.options.apply(world, e, input, this.dt);
				const value = world.get(e, component);
				if (value !== undefined) {
					if (this.codec.validate(value as T) !== undefined) {
						// NaN, infinite or out of the codec's range: keep the previous state
						noteOutOfRange(this.counters, "prediction", "a predicted state");
						if (before !== undefined) world.set(e, component, before);
					} else {
						world.set(e, component, this.codec.canonical(value as T));
					}
				}
				last = tick;
				left -= 1;
			}
			this.credits.set(player, left);
			this.lastApplied.set(player, last);
			world.set(e, this.ack, last);
		}
	};
}
