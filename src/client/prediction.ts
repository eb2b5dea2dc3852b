/**
 * Client side of prediction: finds the entity this player controls, applies
 * each step's input to it at once, sends the recent inputs, and reconciles
 * when the server's state (with the newest input tick it applied) arrives.
 */
import { Entity, World } from "@rbxts/jecs";
import { noteOutOfRange } from "../core/finite";
import { Codec } from "../codec";
import { ReplicatedInfo } from "../core/registry";
import { ClientContext } from "./context";
import { own, release } from "./ownership";
import { unstored } from "../core/stored";
import { ClientEventHandle } from "./eventHandles";
import { positionIn } from "./lerp";
import { InputBatch, PredictionOptions } from "../core/prediction";
import { Players } from "@rbxts/services";

function withOffset<T>(value: T, offset: Vector3): T {
	if (offset.Magnitude < 1e-6) return value;
	if (typeIs(value, "Vector3")) return value.add(offset) as unknown as T;
	if (typeIs(value, "CFrame")) return value.add(offset) as unknown as T;
	const p = positionIn(value);
	if (p === undefined) return value;
	const copy = table.clone(value as unknown as object) as { position: Vector3 | CFrame };
	copy.position = typeIs(copy.position, "CFrame") ? copy.position.add(offset) : p.add(offset);
	return copy as unknown as T;
}

export class ClientPrediction<I extends defined, T> {
	/** The value to render: the prediction with small corrections faded in (read this for display). */
	readonly Rendered: Entity<T>;
	/** The local entity being predicted, once the server bound one to this player. */
	entity?: Entity;
	/** How many times the server's state disagreed with the prediction. */
	corrections = 0;
	/** How many of those snapped (too large to smooth). */
	snaps = 0;
	private tick = 0;
	private history: [number, I][] = [];
	private input?: I;
	private predicted?: T;
	private offset = Vector3.zero;
	private dirty = false;
	private readonly redundancy: number;

	constructor(
		private readonly world: World,
		private readonly ctx: ClientContext,
		private readonly options: PredictionOptions<I, T>,
		private readonly info: ReplicatedInfo,
		private readonly ackInfo: ReplicatedInfo,
		private readonly controllerInfo: ReplicatedInfo,
		private readonly inputs: ClientEventHandle<InputBatch<I>>,
		private readonly dt: number,
		rendered: Entity<T>,
	) {
		this.Rendered = rendered;
		this.redundancy = options.redundancy ?? 8;
		ctx.onValue.push((e, i, value) => {
			if (i === controllerInfo) {
				if (value === Players.LocalPlayer?.UserId && this.entity !== e) this.take(e);
			} else if (e === this.entity && (i === info || i === ackInfo)) {
				this.dirty = true;
			}
		});
	}

	private take(e: Entity) {
		if (this.entity !== undefined && this.world.contains(this.entity)) release(this.ctx, this.entity, this.info);
		this.entity = e;
		this.history = [];
		this.tick = (unstored(this.ctx.authoritative.get(e)?.get(this.ackInfo.wireId)) as number | undefined) ?? 0;
		own(this.ctx, e, this.info);
		this.predicted = this.world.get(e, this.options.component) as T | undefined;
	}

	/** Sets this step's input (kept for the following steps until set again). */
	setInput(input: I) {
		const err = this.options.input.validate(input);
		if (err !== undefined) error(`Skyrocket: invalid input: ${err}`, 2);
		// the server decodes the quantized input: predict with exactly that
		this.input = this.options.input.canonical(input);
	}

	private step(input: I) {
		const e = this.entity!;
		const world = this.world;
		const before = world.get(e, this.options.component);
		this.options.apply(world, e, input, this.dt);
		const value = world.get(e, this.options.component);
		const codec = this.info.codec as Codec<T>;
		if (value === undefined) return;
		if (codec.validate(value as T) !== undefined) {
			// NaN, infinite or out of the codec's range (as the server refuses it): keep the previous state
			noteOutOfRange(this.ctx.counters, "prediction", "a predicted state");
			if (before !== undefined) world.set(e, this.options.component, before);
			return;
		}
		world.set(e, this.options.component, codec.canonical(value as T));
	}

	/** Receive phase: rewinds to the server's state and replays what it has not applied yet. */
	readonly reconcile = () => {
		const e = this.entity;
		if (e === undefined || !this.dirty || !this.world.contains(e)) return;
		this.dirty = false;
		const auth = this.ctx.authoritative.get(e);
		const state = unstored(auth?.get(this.info.wireId)) as T | undefined;
		const ack = unstored(auth?.get(this.ackInfo.wireId)) as number | undefined;
		if (state === undefined || ack === undefined) return;
		while (this.history.size() > 0 && this.history[0][0] <= ack) this.history.shift();
		const world = this.world;
		world.set(e, this.options.component, state);
		for (const [, input] of this.history) this.step(input);
		const now = world.get(e, this.options.component) as T;
		const before = this.predicted;
		this.predicted = now;
		if (before === undefined) return;
		const codec = this.info.codec as Codec<T>;
		if (codec.equals(before, now)) return;
		this.corrections += 1;
		const a = positionIn(before);
		const b = positionIn(now);
		const distance = a !== undefined && b !== undefined ? a.sub(b).Magnitude : math.huge;
		if (!(distance <= (this.options.snapDistance ?? 4))) {
			// far, or not a number at all (a NaN offset would never fade): snap
			this.snaps += 1;
			this.offset = Vector3.zero;
		} else {
			this.offset = this.offset.add(a!.sub(b!));
		}
	};

	/** After the game systems: applies this step's input and sends the recent ones. */
	readonly predict = (dt: number) => {
		const e = this.entity;
		if (e === undefined || !this.world.contains(e)) return;
		if (this.input !== undefined) {
			this.tick += 1;
			this.history.push([this.tick, this.input]);
			if (this.history.size() > 256) this.history.shift();
			this.step(this.input);
			this.predicted = this.world.get(e, this.options.component) as T;
			const count = math.min(this.redundancy, this.history.size());
			const recent: I[] = [];
			for (let i = this.history.size() - count; i < this.history.size(); i++) recent.push(this.history[i][1]);
			this.inputs.send({ first: this.history[this.history.size() - count][0], inputs: recent });
		}
		// fade the visual correction
		const smoothing = this.options.smoothing ?? 0.1;
		this.offset = this.offset.mul(math.exp(-dt / smoothing));
		const value = this.world.get(e, this.options.component);
		if (value !== undefined) this.world.set(e, this.Rendered, withOffset(value as T, this.offset));
	};
}
