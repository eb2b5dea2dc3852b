/**
 * Client-side prediction with server reconciliation. Declared the same way
 * on both sides with `net.prediction(name, options)`:
 * - The client applies its own input at once, in the same step, with the
 *   shared `apply` system, and sends it (each packet repeats the last inputs,
 *   so a lost packet costs nothing) stamped with its input tick.
 * - The server applies the inputs authoritatively, in tick order, with the
 *   same `apply`, and replicates the newest applied input tick (the ack)
 *   together with the state, in the same snapshot.
 * - When the server's state arrives the client rewinds to it, replays the
 *   inputs the server has not applied yet, and compares: equal means no
 *   correction; a small difference is smoothed out in `Rendered`; a large one snaps.
 * Both sides quantize the state after every input (the component's codec),
 * so identical inputs give bit-identical states and never a correction.
 */
import jecs, { Entity, World } from "@rbxts/jecs";
import { Codec } from "../codec";
import * as k from "../codec";

export interface PredictionOptions<I extends defined, T> {
	/** The replicated component the inputs drive (usually unreliable, e.g. Transform). */
	component: Entity<T>;
	/** Encodes one input. */
	input: Codec<I>;
	/**
	 * The simulation, the same on both sides: applies `input` to `entity`
	 * (mutate with world.set). On the server the input comes from the client:
	 * `apply` must clamp what it may do (a movement vector's length, a
	 * turn rate...), as the codec only bounds its wire range. The server
	 * applies at most one input per `dt` of its own time (see server/prediction.ts).
	 */
	apply: (world: World, entity: Entity, input: I, dt: number) => void;
	/**
	 * Server: each decoded input must pass this (like an event's `check`);
	 * a batch with one that fails is dropped and counted as a validation violation.
	 */
	check?: (input: I) => boolean;
	/** Seconds of simulation per input (default 1 / tickRate). */
	dt?: number;
	/** Corrections larger than this distance (studs) snap; smaller ones are smoothed (default 4). */
	snapDistance?: number;
	/** Seconds over which a smoothed correction fades (default 0.1). */
	smoothing?: number;
	/** Inputs repeated in each packet (default 8). */
	redundancy?: number;
}

/** The wire payload of inputs: the tick of the first, then consecutive inputs. */
export interface InputBatch<I> {
	first: number;
	inputs: I[];
}

export function inputBatchCodec<I extends defined>(input: Codec<I>): Codec<InputBatch<I>> {
	return k.struct({ first: k.varuint, inputs: k.array(input, { maxLength: 32 }) }) as unknown as Codec<InputBatch<I>>;
}

/** The names of the internal replicated components of a prediction. */
export function predictionNames(name: string) {
	return { ack: `Skyrocket.${name}.Ack`, controller: `Skyrocket.${name}.Controller`, input: `Skyrocket.${name}.Input` };
}

/** What both nets offer that a prediction's wire needs. */
interface PredictionHost<H> {
	readonly world: World;
	replicate<T>(component: Entity<T>, options: Codec<T> | { codec: Codec<T>; channel?: "reliable" | "unreliable" }): unknown;
	event<T>(name: string, options: { codec: Codec<T>; from: "client"; reliable: boolean; rate?: { rate: number; burst: number } }): H;
}

/**
 * Registers a prediction's wire, the same on both sides: the newest applied
 * input tick (unreliable, so it travels in the same snapshot as the state),
 * the controlling player's UserId (reliable), and the input event.
 */
export function registerPredictionWire<I extends defined, H>(net: PredictionHost<H>, name: string, input: Codec<I>) {
	const names = predictionNames(name);
	const ack = namedComponent<number>(net.world, names.ack);
	const controller = namedComponent<number>(net.world, names.controller);
	net.replicate(ack, { codec: k.varuint, channel: "unreliable" });
	net.replicate(controller, k.varuint);
	// inputs arrive once per client step: the default event rate limit would drop them
	const inputs = net.event(names.input, {
		codec: inputBatchCodec(input),
		from: "client",
		reliable: false,
		rate: { rate: 240, burst: 480 },
	});
	return { ack, controller, inputs };
}

/** Creates a named component in `world` (both sides create the same names). */
export function namedComponent<T>(world: World, name: string): Entity<T> {
	const c = world.component<T>();
	world.set(c, jecs.Name, name);
	return c;
}
