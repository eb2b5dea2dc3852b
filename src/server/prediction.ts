/**
 * Server side of prediction: applies each player's inputs to the entity the
 * player controls, in tick order, then quantizes the state and records the
 * newest applied input tick (replicated with the state).
 */
import { Entity, World } from "@rbxts/jecs";
import { Codec } from "../codec";
import { ServerEventHandle } from "./eventHandles";
import { InputBatch, PredictionOptions } from "../core/prediction";

/** Most inputs applied for one player in one step (a client cannot speed itself up). */
const MAX_PER_STEP = 4;
/** Inputs further ahead than this are ignored. */
const MAX_AHEAD = 120;

export class ServerPrediction<I extends defined, T> {
	private readonly controlled = new Map<Player, Entity>();
	private readonly lastApplied = new Map<Player, number>();
	private readonly queued = new Map<Player, Map<number, I>>();

	constructor(
		private readonly world: World,
		private readonly options: PredictionOptions<I, T>,
		private readonly codec: Codec<T>,
		private readonly ack: Entity<number>,
		private readonly controller: Entity<number>,
		private readonly inputs: ServerEventHandle<InputBatch<I>>,
		private readonly dt: number,
	) {}

	/** Makes `player`'s inputs drive `entity` (the client predicts it). */
	bind(player: Player, entity: Entity) {
		const world = this.world;
		this.controlled.set(player, entity);
		this.lastApplied.delete(player);
		this.queued.delete(player);
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
		if (e !== undefined && this.world.contains(e)) {
			this.world.remove(e, this.controller);
			this.world.remove(e, this.ack);
		}
	}

	/** The entity `player` controls. */
	entityOf(player: Player): Entity | undefined {
		return this.controlled.get(player);
	}

	/** Events phase: applies this step's inputs. */
	readonly system = () => {
		const world = this.world;
		for (const [, batch, sender] of this.inputs.incoming()) {
			if (!this.controlled.has(sender)) continue;
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
		for (const [player, queue] of this.queued) {
			const e = this.controlled.get(player);
			if (e === undefined || !world.contains(e) || queue.isEmpty()) continue;
			const ticks: number[] = [];
			for (const [tick] of queue) ticks.push(tick);
			ticks.sort();
			let last = this.lastApplied.get(player) ?? 0;
			let applied = 0;
			for (const tick of ticks) {
				if (applied >= MAX_PER_STEP) break;
				const input = queue.get(tick)!;
				queue.delete(tick);
				if (tick <= last) continue;
				this.options.apply(world, e, input, this.dt);
				const value = world.get(e, component);
				if (value !== undefined) world.set(e, component, this.codec.canonical(value as T));
				last = tick;
				applied += 1;
			}
			this.lastApplied.set(player, last);
			world.set(e, this.ack, last);
		}
	};
}
