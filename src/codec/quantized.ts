/**
 * Quantized numbers: a number rounded to a multiple of its precision and sent
 * as a zigzag varint of steps, so the server compares exactly what the client
 * decodes. Also the step helpers the vector and angle codecs share.
 */
import { Codec, describe, Lanes, sameNumber } from "./codec";
import * as C from "./cursor";

/** Options of a quantized number. */
export interface QuantizeOptions {
	/** Step between representable values, e.g. 1/64 for 1/64 stud. */
	precision: number;
	/** Smallest allowed value (with max: values outside are rejected by validate). */
	min?: number;
	/** Largest allowed value. */
	max?: number;
}

export function checkPrecision(name: string, precision: number) {
	if (!(precision > 0)) error(`${name}: precision must be a positive number, got ${precision}`, 3);
}

/**
 * Most steps (of its precision) a quantized number or axis may hold: 2^48, e.g. +-4.4e12 studs at
 * 1/64. Below it steps * precision / precision rounds back to the same step, and the delta between
 * any two values (up to 2^49 steps) fits a varint.
 */
export const MAX_STEPS = 2 ** 48;

/** Whether `v` is what step `q` decodes to (allowing the float32 rounding of Roblox's vectors). */
function onGrid(v: number, q: number, precision: number): boolean {
	const c = q * precision;
	return v === c || math.abs(v - c) <= math.abs(c) * 1.2e-7;
}

/**
 * Why the number `v` cannot be quantized to `precision` within steps [lo, hi] and values
 * [min, max], or undefined. A value just past min/max is accepted when it is exactly what an
 * in-range value decodes to (the edge step rounded outward), so every decoded value validates.
 */
export function checkSteps(name: string, what: string, v: number, precision: number, lo: number, hi: number, min: number, max: number) {
	if (v !== v || v === math.huge || v === -math.huge) return `${name} cannot encode ${describe(v)}`;
	const q = math.round(v / precision);
	const c = q * precision;
	if (math.abs(q) > MAX_STEPS || c === math.huge || c === -math.huge)
		return `${name} ${what} ${v} is too large for its precision (more than 2^48 steps); use a coarser precision`;
	if ((v < min || v > max) && !(q >= lo && q <= hi && onGrid(v, q, precision))) return `${name} ${what} ${v} is outside [${min}, ${max}]`;
	return undefined;
}

/** The value of step `q`, refusing steps outside [lo, hi] that encode never produces. */
export function fromSteps(name: string, q: number, precision: number, lo: number, hi: number): number {
	if (q < lo || q > hi) C.fail(`${name}: ${q} steps is outside the encodable range [${lo}, ${hi}]`);
	return q * precision;
}

/** Worst-case bytes of a step count in [lo, hi] or of a delta between two of them. */
export function stepsSize(lo: number, hi: number): number {
	return math.max(C.varIntSize(lo), C.varIntSize(hi), C.varIntSize(lo - hi), C.varIntSize(hi - lo));
}

/** A number rounded to a multiple of `precision`, sent as a zigzag varint of steps. */
export function quantized(options: QuantizeOptions): Codec<number> {
	const { precision, min, max } = options;
	checkPrecision("quantized", precision);
	const name = `quantized(${precision})`;
	// the steps that values in [min, max] encode to: decoding refuses every other step
	const lo = min !== undefined ? math.max(math.round(min / precision), -MAX_STEPS) : -MAX_STEPS;
	const hi = max !== undefined ? math.min(math.round(max / precision), MAX_STEPS) : MAX_STEPS;
	const lower = min ?? -math.huge;
	const upper = max ?? math.huge;
	// values well inside every bound skip validate's edge cases
	const fastLow = math.max(lower, (1 - MAX_STEPS) * precision);
	const fastHigh = math.min(upper, (MAX_STEPS - 1) * precision);
	// one lane: the step count
	const lanes: Lanes = {
		count: 1,
		ints: { u16Offset: [-1], wrap: [0], lo: [lo], hi: [hi] },
		load: (v, out, off) => {
			if (!(typeIs(v, "number") && v >= fastLow && v <= fastHigh)) {
				const err = codec.validate(v);
				if (err !== undefined) return err;
			}
			out[off] = math.round((v as number) / precision) + 0;
			return undefined;
		},
		same: (a, ao, b, bo) => a[ao] === b[bo],
		write: (w, a, ao) => C.writeVarInt(w, a[ao] as number),
		writeDelta: (w, base, bo, a, ao) => C.writeVarInt(w, (a[ao] as number) - (base[bo] as number)),
		value: (a, ao) => (a[ao] as number) * precision,
	};
	const codec: Codec<number> = {
		lanes,
		name,
		exact: false,
		maxSize: stepsSize(lo, hi),
		write: (w, v) => C.writeVarInt(w, math.round(v / precision)),
		read: (r) => fromSteps(name, C.readVarInt(r), precision, lo, hi),
		validate: (v) => {
			if (!typeIs(v, "number")) return `${name} expects a number, got ${describe(v)}`;
			return checkSteps(name, "value", v, precision, lo, hi, lower, upper);
		},
		// + 0 turns the -0 that math.round gives small negatives into the +0 the reader decodes
		canonical: (v) => (math.round(v / precision) + 0) * precision,
		equals: sameNumber,
		writeDelta: (w, base, v) => C.writeVarInt(w, math.round(v / precision) - math.round(base / precision)),
		readDelta: (r, base) => fromSteps(name, math.round(base / precision) + C.readVarInt(r), precision, lo, hi),
	};
	return codec;
}
