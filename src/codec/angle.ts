/**
 * Angles in radians, wrapped to [-pi, pi) and sent in `bits` bits; deltas
 * take the shortest way round, usually one byte.
 */
import { Codec, describe, Lanes, sameNumber } from "./codec";
import { isFinite } from "./lanes";
import * as C from "./cursor";

const TAU = 2 * math.pi;

/** Options of an angle. */
export interface AngleOptions {
	/** Bits per angle (default 12: steps of 0.088 degrees). At most 16. */
	bits?: number;
}

/**
 * An angle in radians, wrapped to [-pi, pi) and sent in `bits` bits (2 bytes);
 * its delta is the shortest signed step count, usually one byte.
 */
export function angle(options?: AngleOptions): Codec<number> {
	const bits = options?.bits ?? 12;
	if (bits < 2 || bits > 16) error(`angle: bits must be 2..16, got ${bits}`, 2);
	const steps = 2 ** bits;
	const half = steps / 2;
	const toSteps = (a: number) => {
		let q = math.round((a / TAU) * steps) % steps; // Luau % is floored: 0..steps-1
		if (q >= half) q -= steps;
		return q;
	};
	const wrapDelta = (d: number) => {
		let x = d % steps;
		if (x >= half) x -= steps;
		return x;
	};
	const name = `angle(${bits})`;
	// one lane: the signed step count
	const lanes: Lanes = {
		count: 1,
		ints: { u16Offset: [half], wrap: [steps], lo: [-half], hi: [half - 1] },
		load: (v, out, off) => {
			if (!typeIs(v, "number") || !isFinite(v)) return codec.validate(v);
			out[off] = toSteps(v);
			return undefined;
		},
		same: (a, ao, b, bo) => a[ao] === b[bo],
		write: (w, a, ao) => C.writeU16(w, (a[ao] as number) + half),
		writeDelta: (w, base, bo, a, ao) => C.writeVarInt(w, wrapDelta((a[ao] as number) - (base[bo] as number))),
		value: (a, ao) => ((a[ao] as number) / steps) * TAU,
	};
	const codec: Codec<number> = {
		lanes,
		name,
		exact: false,
		maxSize: math.max(2, C.varIntSize(-half)),
		write: (w, v) => C.writeU16(w, toSteps(v) + half),
		read: (r) => {
			const raw = C.readU16(r);
			if (raw >= steps) C.fail(`${name}: ${raw} is out of range`);
			return ((raw - half) / steps) * TAU;
		},
		validate: (v) => {
			if (!typeIs(v, "number")) return `${name} expects a number, got ${describe(v)}`;
			if (v !== v || v === math.huge || v === -math.huge) return `${name} cannot encode ${describe(v)}`;
			return undefined;
		},
		canonical: (v) => (toSteps(v) / steps) * TAU,
		equals: sameNumber,
		writeDelta: (w, base, v) => C.writeVarInt(w, wrapDelta(toSteps(v) - toSteps(base))),
		readDelta: (r, base) => {
			const d = C.readVarInt(r);
			if (d < -half || d >= half) C.fail(`${name}: delta ${d} is out of range`);
			let q = toSteps(base) + d;
			if (q >= half) q -= steps;
			if (q < -half) q += steps;
			return (q / steps) * TAU;
		},
	};
	return codec;
}
