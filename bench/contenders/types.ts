/** What every contender implements, so the driver (bench/run.ts) treats them alike. */
import type { Entity, World } from "@rbxts/jecs";
import type { HarnessApi, Simulation } from "@rbxts/skyrocket-test";
import type { GameComponents, StateName, Transform } from "../game";
import type { ScenarioSpec } from "../scenarios/types";

/** An entity's replicated values as a client should hold them. */
export interface Expected {
	readonly transform: Transform;
	readonly health: number;
	readonly state: StateName;
}

/** Real CPU seconds accumulated by the timed regions. */
export interface Timing {
	/** Server: the contender's Heartbeat work (net step, or change detection + remote calls). */
	server: number;
	/** All clients together: applying what arrived (net step, or the OnClientEvent handler). */
	client: number;
	/** Server: the game's random walk (jecs sets, including every contender's change listeners). */
	game: number;
	/** Server, part of `server`: time inside FireAllClients (hand-written contenders), where the harness copies and measures the arguments per client. */
	remote: number;
}

export interface ContenderContext {
	readonly harness: HarnessApi;
	readonly sim: Simulation;
	readonly spec: ScenarioSpec;
	readonly timing: Timing;
	/**
	 * Set with --profile: CPU seconds per net phase ("server receive", "client
	 * receive", ...), for contenders that have phases. Off by default, so a
	 * normal run measures each contender unmodified.
	 */
	readonly profile?: Map<string, number>;
}

/** One contender booted in one simulation. */
export interface ContenderInstance {
	/** The server's world and components (the truth, written by the game). */
	readonly world: World;
	readonly c: GameComponents;
	/**
	 * Boots every client (its world, components and remote handlers or net).
	 * The server's tick is not running yet; may step the simulation.
	 */
	connectClients(): void;
	/** The server's Heartbeat work (timed by the driver). */
	serverTick(dt: number): void;
	/** Whether every client holds all `count` entities (after the initial sync). */
	synced(count: number): boolean;
	/** The values every client should hold for the server's entity `e` (after the contender's rounding). */
	expected(e: Entity): Expected;
	/** Why client `index` disagrees with `expected` about `e`, or undefined when it agrees. */
	mismatch(index: number, e: Entity, expected: Expected): string | undefined;
	/** Cumulative counters of the contender's own (e.g. Skyrocket's NetStats); the driver reports their change over the measured ticks. */
	counters?(): Map<string, number>;
	/** A note on the measured counters and result (e.g. "the bandwidth budget was binding"), if any. */
	explain?(counters: Map<string, number>, bytesPerClientPerSec: number): string | undefined;
	/** Full name of the remote carrying Transform updates (for bytes per moving entity), if only they travel on it. */
	readonly mutationRemote?: string;
	/** Lines printed under the table (e.g. what the contender compares against). */
	readonly notes: string[];
}

export interface Contender {
	readonly name: string;
	/** One line: what common practice it implements. */
	readonly description: string;
	create(ctx: ContenderContext): ContenderInstance;
}
