/**
 * The benchmark's game: the server's truth in a jecs world, and the random
 * walk that changes it every tick. Every contender runs this same code with
 * the same seed, so every contender replicates exactly the same changes.
 *
 * - Transform = { position: Vector3, yaw: number }: a random walk on flat
 *   ground (yaw turns by up to 0.35 rad per tick, speed 2..16 studs/s,
 *   reflecting off the map's edges). Positions are rounded to f32 after each
 *   step, as a Roblox Vector3 stores them (the harness's Vector3 holds f64).
 * - Health = integer 0..100, set to a new random value.
 * - State = one of "Idle" | "Walk" | "Run" | "Attack", switched to another one.
 * Each tick a fresh random subset moves (moveFraction of the entities), another
 * changes health (healthFraction) and another changes state (stateFraction).
 */
import type * as JecsModule from "@rbxts/jecs";
import type { Entity, World } from "@rbxts/jecs";
import type { ScenarioSpec } from "./scenarios/types";

export type Jecs = typeof JecsModule;

export interface Transform {
	position: Vector3;
	yaw: number;
}

export type StateName = "Idle" | "Walk" | "Run" | "Attack";
export const STATES: StateName[] = ["Idle", "Walk", "Run", "Attack"];

export interface GameComponents {
	readonly Transform: Entity<Transform>;
	readonly Health: Entity<number>;
	readonly State: Entity<StateName>;
}

export const JECS_PATH = "ReplicatedStorage/rbxts_include/node_modules/@rbxts/jecs/src/jecs";

/** Creates the three components in `world`, named as a Skyrocket user would name them. */
export function defineComponents(jecs: Jecs, world: World): GameComponents {
	const Transform = world.component<Transform>();
	const Health = world.component<number>();
	const State = world.component<StateName>();
	world.set(Transform, jecs.Name, "Transform");
	world.set(Health, jecs.Name, "Health");
	world.set(State, jecs.Name, "State");
	return { Transform, Health, State };
}

const TAU = 2 * math.pi;
const GROUND_Y = 3;
const MAX_TURN = 0.35;
const MIN_SPEED = 2;
const MAX_SPEED = 16;

const f32scratch = buffer.create(4);
/** Rounds to the nearest f32, as Roblox's Vector3 stores its axes. */
export function toF32(x: number): number {
	buffer.writef32(f32scratch, 0, x);
	return buffer.readf32(f32scratch, 0);
}

/** Wraps an angle to [-pi, pi). */
function wrapAngle(a: number): number {
	return ((a + math.pi) % TAU) - math.pi;
}

/** Picks `count` distinct indices of 0..n-1 into the front of `order` (partial Fisher-Yates). */
function pick(rng: Random, order: number[], count: number) {
	const n = order.size();
	for (let i = 0; i < count; i++) {
		const j = rng.NextInteger(i, n - 1);
		const tmp = order[i];
		order[i] = order[j];
		order[j] = tmp;
	}
}

export class Game {
	readonly entities: Entity[] = [];
	private readonly rng: Random;
	private readonly order: number[] = [];
	private readonly half: number;
	/** Entity moves applied so far (for "bytes per moving entity"). */
	moves = 0;

	constructor(
		private readonly world: World,
		private readonly c: GameComponents,
		private readonly spec: ScenarioSpec,
		seed: number,
	) {
		this.rng = new Random(seed);
		this.half = spec.mapSize / 2;
	}

	/** Spawns the scenario's entities with their initial values. */
	spawn() {
		const { world, c, rng } = this;
		const h = this.half;
		for (let i = 0; i < this.spec.entities; i++) {
			const e = world.entity();
			const position = new Vector3(toF32(rng.NextNumber(-h, h)), GROUND_Y, toF32(rng.NextNumber(-h, h)));
			world.set(e, c.Transform, { position, yaw: wrapAngle(rng.NextNumber(-math.pi, math.pi)) });
			world.set(e, c.Health, 100);
			world.set(e, c.State, "Idle");
			this.entities.push(e);
			this.order.push(i);
		}
	}

	/** One tick of game changes (dt seconds). */
	tick(dt: number) {
		const { world, c, rng, entities, order, spec } = this;
		const n = entities.size();
		const h = this.half;

		const moving = math.floor(n * spec.moveFraction);
		pick(rng, order, moving);
		for (let i = 0; i < moving; i++) {
			const e = entities[order[i]];
			const t = world.get(e, c.Transform)!;
			let yaw = wrapAngle(t.yaw + rng.NextNumber(-MAX_TURN, MAX_TURN));
			const step = rng.NextNumber(MIN_SPEED, MAX_SPEED) * dt;
			let x = t.position.X + math.cos(yaw) * step;
			let z = t.position.Z + math.sin(yaw) * step;
			if (x < -h || x > h || z < -h || z > h) {
				// turn around at the edge of the map
				x = math.clamp(x, -h, h);
				z = math.clamp(z, -h, h);
				yaw = wrapAngle(yaw + math.pi);
			}
			world.set(e, c.Transform, { position: new Vector3(toF32(x), GROUND_Y, toF32(z)), yaw });
		}
		this.moves += moving;

		const hurt = math.floor(n * spec.healthFraction);
		pick(rng, order, hurt);
		for (let i = 0; i < hurt; i++) {
			const e = entities[order[i]];
			const old = world.get(e, c.Health)!;
			let health = rng.NextInteger(0, 100);
			if (health === old) health = (old + 1) % 101;
			world.set(e, c.Health, health);
		}

		const switching = math.floor(n * spec.stateFraction);
		pick(rng, order, switching);
		for (let i = 0; i < switching; i++) {
			const e = entities[order[i]];
			const old = STATES.indexOf(world.get(e, c.State)!);
			world.set(e, c.State, STATES[(old + rng.NextInteger(1, STATES.size() - 1)) % STATES.size()]);
		}
	}
}
