/**
 * Vector3: three f32, or with a precision three zigzag varints of steps
 * whose deltas cost a byte or so per axis for small moves.
 */
import { Codec, describe, Lanes, sameNumber } from "./codec";
import * as C from "./cursor";
import { checkPrecision, checkSteps, fromSteps, MAX_STEPS, stepsSize } from "./quantized";

/** Options of Vector3 and CFrame positions. */
export interface VectorOptions {
	/** Quantization step per axis (e.g. 1/64 stud). Without it, axes are f32. */
	precision?: number;
	/** Largest allowed |axis| value; larger values are rejected by validate. */
	range?: number;
}

const f32Scratch = buffer.create(4);

export function toF32(v: number) {
	buffer.writef32(f32Scratch, 0, v);
	return buffer.readf32(f32Scratch, 0);
}

/**
 * Why a float32 axis cannot be sent within +-range (range32: range rounded to f32), or undefined.
 * An axis just past range is accepted when it is a float32 no larger than range32: what an
 * in-range axis decodes to.
 */
export function checkF32Axis(name: string, axis: number, range: number, range32: number) {
	if (axis !== axis || axis === math.huge || axis === -math.huge) return `${name} cannot encode ${describe(axis)}`;
	const a = math.abs(toF32(axis));
	if (a === math.huge) return `${name} axis ${axis} overflows float32 to infinity; keep |axis| <= 3.4e38`;
	if (math.abs(axis) > range && !(a === math.abs(axis) && a <= range32)) return `${name} axis ${axis} is outside +-${range}`;
	return undefined;
}

/** A decoded float32 axis, refusing what validate refuses (NaN, infinities, past the range). */
export function readF32Axis(r: C.Reader, range32: number): number {
	const v = C.readF32(r);
	if (v !== v || v === math.huge || v === -math.huge) C.fail(`vector3: non-finite axis ${describe(v)} on the wire`);
	if (math.abs(v) > range32) C.fail(`vector3: axis ${v} is outside +-${range32}`);
	return v;
}

/**
 * A Vector3. With `precision`: three zigzag varints of steps, and deltas of
 * steps per axis. Without: three f32 (12 bytes).
 */
export function vector3(options?: VectorOptions): Codec<Vector3> {
	const precision = options?.precision;
	const range = options?.range ?? math.huge;
	if (precision === undefined) {
		const range32 = toF32(range);
		return {
			name: "vector3(f32)",
			exact: false,
			maxSize: 12,
			fixedSize: 12,
			write: (w, v) => {
				C.writeF32(w, v.X);
				C.writeF32(w, v.Y);
				C.writeF32(w, v.Z);
			},
			read: (r) => new Vector3(readF32Axis(r, range32), readF32Axis(r, range32), readF32Axis(r, range32)),
			validate: (v) => {
				if (!typeIs(v, "Vector3")) return `vector3 expects a Vector3, got ${describe(v)}`;
				return (
					checkF32Axis("vector3", v.X, range, range32) ??
					checkF32Axis("vector3", v.Y, range, range32) ??
					checkF32Axis("vector3", v.Z, range, range32)
				);
			},
			canonical: (v) => new Vector3(toF32(v.X), toF32(v.Y), toF32(v.Z)),
			equals: (a, b) => a === b || (sameNumber(a.X, b.X) && sameNumber(a.Y, b.Y) && sameNumber(a.Z, b.Z)),
		};
	}
	checkPrecision("vector3", precision);
	const q = (x: number) => math.round(x / precision) + 0; // + 0: never -0, as the reader decodes
	const name = `vector3(${precision})`;
	// the steps that axes within +-range encode to: decoding refuses every other step
	const hi = math.min(math.round(range / precision), MAX_STEPS);
	const lo = -hi;
	const axis = (s: number) => fromSteps(name, s, precision, lo, hi);
	// axes well inside the range skip validate's edge cases (NaN fails the comparison, infinities exceed it)
	const fast = math.min(range, (MAX_STEPS - 1) * precision);
	// three lanes: the step count of each axis
	const lanes: Lanes = {
		count: 3,
		ints: { u16Offset: [-1, -1, -1], wrap: [0, 0, 0], lo: [lo, lo, lo], hi: [hi, hi, hi] },
		load: (v, out, off) => {
			if (!typeIs(v, "Vector3")) return codec.validate(v);
			const x = v.X;
			const y = v.Y;
			const z = v.Z;
			if (!(math.abs(x) <= fast && math.abs(y) <= fast && math.abs(z) <= fast)) {
				const err = codec.validate(v);
				if (err !== undefined) return err;
			}
			out[off] = math.round(x / precision) + 0;
			out[off + 1] = math.round(y / precision) + 0;
			out[off + 2] = math.round(z / precision) + 0;
			return undefined;
		},
		same: (a, ao, b, bo) => a[ao] === b[bo] && a[ao + 1] === b[bo + 1] && a[ao + 2] === b[bo + 2],
		write: (w, a, ao) => {
			C.writeVarInt(w, a[ao] as number);
			C.writeVarInt(w, a[ao + 1] as number);
			C.writeVarInt(w, a[ao + 2] as number);
		},
		writeDelta: (w, base, bo, a, ao) => {
			C.writeVarInt(w, (a[ao] as number) - (base[bo] as number));
			C.writeVarInt(w, (a[ao + 1] as number) - (base[bo + 1] as number));
			C.writeVarInt(w, (a[ao + 2] as number) - (base[bo + 2] as number));
		},
		value: (a, ao) => new Vector3((a[ao] as number) * precision, (a[ao + 1] as number) * precision, (a[ao + 2] as number) * precision),
	};
	const codec: Codec<Vector3> = {
		lanes,
		name,
		exact: false,
		maxSize: 3 * stepsSize(lo, hi),
		write: (w, v) => {
			C.writeVarInt(w, q(v.X));
			C.writeVarInt(w, q(v.Y));
			C.writeVarInt(w, q(v.Z));
		},
		read: (r) => new Vector3(axis(C.readVarInt(r)), axis(C.readVarInt(r)), axis(C.readVarInt(r))),
		validate: (v) => {
			if (!typeIs(v, "Vector3")) return `${name} expects a Vector3, got ${describe(v)}`;
			return (
				checkSteps(name, "axis", v.X, precision, lo, hi, -range, range) ??
				checkSteps(name, "axis", v.Y, precision, lo, hi, -range, range) ??
				checkSteps(name, "axis", v.Z, precision, lo, hi, -range, range)
			);
		},
		canonical: (v) => new Vector3(q(v.X) * precision, q(v.Y) * precision, q(v.Z) * precision),
		equals: (a, b) => a === b || (a.X === b.X && a.Y === b.Y && a.Z === b.Z),
		writeDelta: (w, base, v) => {
			C.writeVarInt(w, q(v.X) - q(base.X));
			C.writeVarInt(w, q(v.Y) - q(base.Y));
			C.writeVarInt(w, q(v.Z) - q(base.Z));
		},
		readDelta: (r, base) =>
			new Vector3(axis(q(base.X) + C.readVarInt(r)), axis(q(base.Y) + C.readVarInt(r)), axis(q(base.Z) + C.readVarInt(r))),
	};
	return codec;
}
