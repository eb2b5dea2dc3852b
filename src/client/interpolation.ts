/**
 * Snapshot interpolation (client): for a component marked interpolated, the
 * client keeps the server's timestamped values per entity and renders, into
 * a component of its own, the value at (server time - delay), interpolating
 * between the samples around it and extrapolating briefly past the newest.
 * The delay adapts to how late and how irregularly samples arrive. A jump
 * larger than `teleportDistance` snaps instead of sliding.
 */
import { inRange, noteOutOfRange } from "../core/finite";
import jecs, { Entity, World } from "@rbxts/jecs";
import { ReplicatedInfo } from "../core/registry";
import { ClientContext } from "./context";
import { ClientClock } from "./clock";
import { Lerp, lerpFor, positionIn } from "./lerp";

export interface InterpolateOptions<T extends defined> {
	/** Fixed render delay in seconds (default: adaptive, 50-500 ms). */
	delay?: number;
	/** Longest extrapolation past the newest sample, in seconds (default 0.25). */
	extrapolate?: number;
	/** A position jump larger than this (studs) snaps (default 20). */
	teleportDistance?: number;
	/** Custom teleport test between consecutive samples (overrides teleportDistance). */
	teleport?: (a: T, b: T) => boolean;
	/** Custom interpolation (default: by type; see lerp.ts). */
	lerp?: Lerp<T>;
}

interface Samples<T extends defined> {
	ticks: number[];
	values: T[];
	/** Sample i begins after a teleport (no interpolation from i-1 to i). */
	snaps: boolean[];
}

const MAX_SAMPLES = 32;

export class Interpolator<T extends defined> {
	/** The rendered (interpolated) value: read this in render systems. */
	readonly Rendered: Entity<T>;
	private readonly buffers = new Map<Entity, Samples<T>>();
	private readonly lerp: Lerp<T>;
	private readonly teleport: (a: T, b: T) => boolean;
	private readonly extrapolateTicks: number;
	private interval = 1;
	private lateness = 0;
	private spread = 0;
	private current = 0.1;

	constructor(
		private readonly world: World,
		private readonly ctx: ClientContext,
		private readonly clock: ClientClock,
		readonly info: ReplicatedInfo,
		private readonly options: InterpolateOptions<T>,
	) {
		const codec = info.codec as import("../codec").Codec<T>;
		this.Rendered = world.component<T>();
		world.set(this.Rendered, jecs.Name, `Skyrocket.Interpolated.${info.name}`);
		this.lerp = options.lerp ?? lerpFor(codec);
		const distance = options.teleportDistance ?? 20;
		this.teleport =
			options.teleport ??
			((a: T, b: T) => {
				const pa = positionIn(a);
				const pb = positionIn(b);
				return pa !== undefined && pb !== undefined && pa.sub(pb).Magnitude > distance;
			});
		this.extrapolateTicks = (options.extrapolate ?? 0.25) * ctx.config.tickRate;
		if (options.delay !== undefined) this.current = options.delay;
		ctx.onValue.push((e, i, value, tick) => {
			if (i === info) this.push(e, value as T, tick);
		});
	}

	/** Records a server value of `e` stamped with its server tick. */
	private push(e: Entity, value: T, tick: number) {
		const at = positionIn(value);
		if (at !== undefined && !inRange(at)) {
			// a non-finite sample would poison every frame interpolated from it: skipped
			noteOutOfRange(this.ctx.counters, "interpolation", "a server sample's position");
			return;
		}
		let s = this.buffers.get(e);
		if (s === undefined) {
			s = { ticks: [], values: [], snaps: [] };
			this.buffers.set(e, s);
		}
		const n = s.ticks.size();
		if (n > 0 && tick <= s.ticks[n - 1]) {
			if (tick === s.ticks[n - 1]) s.values[n - 1] = value;
			return;
		}
		if (n > 0) {
			const gap = tick - s.ticks[n - 1];
			if (gap < 30) this.interval += (gap - this.interval) * 0.05;
		}
		// how late samples arrive (in ticks) and how much that varies: the adaptive delay
		const late = this.clock.synced ? this.clock.serverTime() * this.ctx.config.tickRate - tick : 0;
		this.lateness += (late - this.lateness) * 0.05;
		this.spread += (math.abs(late - this.lateness) - this.spread) * 0.05;
		s.snaps.push(n > 0 && this.teleport(s.values[n - 1], value));
		s.ticks.push(tick);
		s.values.push(value);
		if (s.ticks.size() > MAX_SAMPLES) {
			s.ticks.shift();
			s.values.shift();
			s.snaps.shift();
		}
	}

	/** The render delay in seconds now. */
	delay(): number {
		return this.current;
	}

	private adapt() {
		if (this.options.delay !== undefined) return;
		const rate = this.ctx.config.tickRate;
		const target = math.clamp((this.lateness + 2.5 * this.spread + 1.5 * this.interval) / rate, 0.05, 0.5);
		this.current += (target - this.current) * 0.1;
	}

	/** Writes each entity's rendered value for this frame. */
	readonly system = () => {
		const world = this.world;
		this.adapt();
		const rate = this.ctx.config.tickRate;
		const renderTick = this.clock.serverTime() * rate - this.current * rate - 1;
		for (const [e, s] of this.buffers) {
			if (!world.contains(e) || !world.has(e, this.info.id)) {
				this.buffers.delete(e);
				if (world.contains(e)) world.remove(e, this.Rendered);
				continue;
			}
			const ticks = s.ticks;
			const n = ticks.size();
			let value: T;
			if (renderTick <= ticks[0]) {
				value = s.values[0];
			} else if (renderTick >= ticks[n - 1]) {
				// past the newest sample: extrapolate a little along the last motion
				value = s.values[n - 1];
				if (n >= 2 && !s.snaps[n - 1]) {
					const over = math.min(renderTick - ticks[n - 1], this.extrapolateTicks);
					const span = ticks[n - 1] - ticks[n - 2];
					if (over > 0 && span > 0) value = this.lerp(s.values[n - 2], s.values[n - 1], 1 + over / span);
				}
			} else {
				let i = n - 1;
				while (i > 0 && ticks[i - 1] > renderTick) i -= 1;
				// ticks[i-1] <= renderTick < ticks[i]
				const t = (renderTick - ticks[i - 1]) / (ticks[i] - ticks[i - 1]);
				value = s.snaps[i] ? s.values[i - 1] : this.lerp(s.values[i - 1], s.values[i], t);
			}
			world.set(e, this.Rendered, value);
		}
	};
}
