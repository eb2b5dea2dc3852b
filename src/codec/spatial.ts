/**
 * Quantized numbers, angles, Vector3 and CFrame. Quantizing before comparing
 * means the server compares exactly what the client will decode, so both
 * agree bit for bit; deltas of quantized integers are zigzag varints, so a
 * small motion costs a byte or two per axis.
 */
import { Codec, describe, Lanes, sameNumber } from "./codec";
import { isFinite } from "./lanes";
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

function checkPrecision(name: string, precision: number) {
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
function checkSteps(name: string, what: string, v: number, precision: number, lo: number, hi: number, min: number, max: number) {
	if (v !== v || v === math.huge || v === -math.huge) return `${name} cannot encode ${describe(v)}`;
	const q = math.round(v / precision);
	const c = q * precision;
	if (math.abs(q) > MAX_STEPS || c === math.huge || c === -math.huge)
		return `${name} ${what} ${v} is too large for its precision (more than 2^48 steps); use a coarser precision`;
	if ((v < min || v > max) && !(q >= lo && q <= hi && onGrid(v, q, precision)))
		return `${name} ${what} ${v} is outside [${min}, ${max}]`;
	return undefined;
}

/** The value of step `q`, refusing steps outside [lo, hi] that encode never produces. */
function fromSteps(name: string, q: number, precision: number, lo: number, hi: number): number {
	if (q < lo || q > hi) C.fail(`${name}: ${q} steps is outside the encodable range [${lo}, ${hi}]`);
	return q * precision;
}

/** Worst-case bytes of a step count in [lo, hi] or of a delta between two of them. */
function stepsSize(lo: number, hi: number): number {
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

/** Options of Vector3 and CFrame positions. */
export interface VectorOptions {
	/** Quantization step per axis (e.g. 1/64 stud). Without it, axes are f32. */
	precision?: number;
	/** Largest allowed |axis| value; larger values are rejected by validate. */
	range?: number;
}

const f32Scratch = buffer.create(4);

function f32(v: number) {
	buffer.writef32(f32Scratch, 0, v);
	return buffer.readf32(f32Scratch, 0);
}

/**
 * Why a float32 axis cannot be sent within +-range (range32: range rounded to f32), or undefined.
 * An axis just past range is accepted when it is a float32 no larger than range32: what an
 * in-range axis decodes to.
 */
function checkF32Axis(name: string, axis: number, range: number, range32: number) {
	if (axis !== axis || axis === math.huge || axis === -math.huge) return `${name} cannot encode ${describe(axis)}`;
	const a = math.abs(f32(axis));
	if (a === math.huge) return `${name} axis ${axis} overflows float32 to infinity; keep |axis| <= 3.4e38`;
	if (math.abs(axis) > range && !(a === math.abs(axis) && a <= range32)) return `${name} axis ${axis} is outside +-${range}`;
	return undefined;
}

/** A decoded float32 axis, refusing what validate refuses (NaN, infinities, past the range). */
function readF32Axis(r: C.Reader, range32: number): number {
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
		const range32 = f32(range);
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
				return checkF32Axis("vector3", v.X, range, range32) ?? checkF32Axis("vector3", v.Y, range, range32) ?? checkF32Axis("vector3", v.Z, range, range32);
			},
			canonical: (v) => new Vector3(f32(v.X), f32(v.Y), f32(v.Z)),
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

/** Options of a CFrame. */
export interface CFrameOptions extends VectorOptions {
	/** Bits per quaternion component in smallest-three form (default 12; 2..15). */
	rotationBits?: number;
}

const SQRT1_2 = math.sqrt(0.5);

/** Unit quaternion (x, y, z, w) of a CFrame's rotation, with w >= 0. */
function quaternionOf(cf: CFrame): [number, number, number, number] {
	const [, , , r00, r01, r02, r10, r11, r12, r20, r21, r22] = cf.GetComponents();
	const trace = r00 + r11 + r22;
	let x: number, y: number, z: number, w: number;
	if (trace > 0) {
		const s = math.sqrt(trace + 1) * 2;
		w = 0.25 * s;
		x = (r21 - r12) / s;
		y = (r02 - r20) / s;
		z = (r10 - r01) / s;
	} else if (r00 > r11 && r00 > r22) {
		const s = math.sqrt(1 + r00 - r11 - r22) * 2;
		w = (r21 - r12) / s;
		x = 0.25 * s;
		y = (r01 + r10) / s;
		z = (r02 + r20) / s;
	} else if (r11 > r22) {
		const s = math.sqrt(1 + r11 - r00 - r22) * 2;
		w = (r02 - r20) / s;
		x = (r01 + r10) / s;
		y = 0.25 * s;
		z = (r12 + r21) / s;
	} else {
		const s = math.sqrt(1 + r22 - r00 - r11) * 2;
		w = (r10 - r01) / s;
		x = (r02 + r20) / s;
		y = (r12 + r21) / s;
		z = 0.25 * s;
	}
	const len = math.sqrt(x * x + y * y + z * z + w * w);
	if (w < 0) return [-x / len, -y / len, -z / len, -w / len];
	return [x / len, y / len, z / len, w / len];
}

/**
 * Quantizes a rotation in smallest-three form: the index of one component (2 bits, usually the
 * largest) and the other three in `bits` bits each; returns the packed integer (at most 47 bits)
 * and the dequantized quaternion.
 *
 * The packing is idempotent: re-packing a decoded rotation gives the same integer, so canonical
 * values are stable and deltas of them decode exactly. Two rules make it so. Each candidate
 * index's three components are kept inside the unit sphere (sum of squares <= 1, stepping the
 * largest toward 0 when rounding pushes it out), so a decoded quaternion is exactly its grid
 * point; and among the candidates (indices whose other components fit in +-sqrt(1/2)) the one
 * whose decoded rotation lies nearest wins, so near-ties between two large components cannot
 * flip on re-packing.
 */
const qcScratch = [0, 0, 0, 0];

function packRotation(cf: CFrame, bits: number): [number, number, number, number, number] {
	const quat = quaternionOf(cf);
	const maxQ = 2 ** bits - 1;
	const width = 2 * SQRT1_2;
	const limit = SQRT1_2 + width / maxQ;
	// a component past +-sqrt(1/2) (plus a step) must be the one left out: then it is the only candidate
	let only = -1;
	for (let i = 0; i < 4; i++) if (math.abs(quat[i]) > limit) only = i;
	const qc = qcScratch;
	let best = -1;
	let bestPacked = 0;
	for (let largest = 0; largest < 4; largest++) {
		if (only >= 0 && largest !== only) continue;
		const sign = quat[largest] < 0 ? -1 : 1;
		let sumSq = 0;
		for (let i = 0; i < 4; i++) {
			if (i === largest) continue;
			qc[i] = math.clamp(math.round(((quat[i] * sign + SQRT1_2) / width) * maxQ), 0, maxQ);
			const d = (qc[i] / maxQ) * width - SQRT1_2; // as unpackRotation decodes it
			sumSq += d * d;
		}
		while (sumSq > 1) {
			// rounding left the unit sphere (coarse bits): step the largest component toward 0
			let far = -1;
			let farAbs = -1;
			for (let i = 0; i < 4; i++) {
				const a = math.abs((qc[i] / maxQ) * width - SQRT1_2);
				if (i !== largest && a > farAbs) {
					far = i;
					farAbs = a;
				}
			}
			const before = (qc[far] / maxQ) * width - SQRT1_2;
			qc[far] += before > 0 ? -1 : 1;
			const after = (qc[far] / maxQ) * width - SQRT1_2;
			sumSq += after * after - before * before;
		}
		let packed = largest;
		let scale = 4;
		let dot = math.sqrt(math.max(0, 1 - sumSq)) * quat[largest] * sign;
		for (let i = 0; i < 4; i++) {
			if (i === largest) continue;
			packed += qc[i] * scale;
			scale *= maxQ + 1;
			dot += ((qc[i] / maxQ) * width - SQRT1_2) * quat[i] * sign;
		}
		// strictly nearer by more than rounding noise, so exact ties keep the lowest index
		if (dot > best + 1e-12) {
			best = dot;
			bestPacked = packed;
		}
	}
	const [x, y, z, w] = unpackRotation(bestPacked, bits);
	return [bestPacked, x, y, z, w];
}

function unpackRotation(packed: number, bits: number): [number, number, number, number] {
	const maxQ = 2 ** bits - 1;
	const largest = packed % 4;
	let rest = math.floor(packed / 4);
	const out = [0, 0, 0, 0];
	let sumSq = 0;
	for (let i = 0; i < 4; i++) {
		if (i === largest) continue;
		const qc = rest % (maxQ + 1);
		rest = math.floor(rest / (maxQ + 1));
		const c = (qc / maxQ) * (2 * SQRT1_2) - SQRT1_2;
		out[i] = c;
		sumSq += c * c;
	}
	out[largest] = math.sqrt(math.max(0, 1 - sumSq));
	return [out[0], out[1], out[2], out[3]];
}

/**
 * A CFrame: position as vector3(options) and rotation in smallest-three form
 * (2 + 3 x rotationBits bits; 5 bytes at the default 12). Deltas send a flags
 * byte and only the part that changed.
 */
export function cframe(options?: CFrameOptions): Codec<CFrame> {
	const bits = options?.rotationBits ?? 12;
	if (bits < 2 || bits > 15) error(`cframe: rotationBits must be 2..15, got ${bits}`, 2);
	const pos = vector3(options);
	const rotBytes = math.ceil((2 + 3 * bits) / 8);
	const writeRot = (w: C.Writer, packed: number) => {
		for (let i = 0; i < rotBytes; i++) {
			C.writeU8(w, packed % 256);
			packed = math.floor(packed / 256);
		}
	};
	const readRot = (r: C.Reader) => {
		let packed = 0;
		let scale = 1;
		for (let i = 0; i < rotBytes; i++) {
			packed += C.readU8(r) * scale;
			scale *= 256;
		}
		if (packed >= 2 ** (2 + 3 * bits)) C.fail(`cframe: rotation bits out of range`);
		return packed;
	};
	const build = (p: Vector3, packed: number) => {
		const [x, y, z, w] = unpackRotation(packed, bits);
		return new CFrame(p.X, p.Y, p.Z, x, y, z, w);
	};
	const packedOf = (cf: CFrame) => packRotation(cf, bits)[0];
	const name = `cframe(${options?.precision ?? "f32"},${bits})`;
	return {
		name,
		exact: false,
		// a delta's flags byte, the position, the rotation
		maxSize: pos.maxSize !== undefined ? 1 + pos.maxSize + rotBytes : undefined,
		write: (w, v) => {
			pos.write(w, v.Position);
			writeRot(w, packedOf(v));
		},
		read: (r) => {
			const p = pos.read(r);
			return build(p, readRot(r));
		},
		validate: (v) => {
			if (!typeIs(v, "CFrame")) return `${name} expects a CFrame, got ${describe(v)}`;
			const err = pos.validate(v.Position);
			if (err !== undefined) return err;
			for (const c of v.GetComponents())
				if (c !== c || c === math.huge || c === -math.huge) return `${name} cannot encode ${describe(c)}`;
			return undefined;
		},
		canonical: (v) => build(pos.canonical(v.Position), packedOf(v)),
		equals: (a, b) => a === b || (pos.equals(a.Position, b.Position) && packedOf(a) === packedOf(b)),
		writeDelta: (w, base, v) => {
			const posChanged = !pos.equals(base.Position, v.Position);
			const rot = packedOf(v);
			const rotChanged = rot !== packedOf(base);
			C.writeU8(w, (posChanged ? 1 : 0) + (rotChanged ? 2 : 0));
			if (posChanged) {
				if (pos.writeDelta) pos.writeDelta(w, base.Position, v.Position);
				else pos.write(w, v.Position);
			}
			if (rotChanged) writeRot(w, rot);
		},
		readDelta: (r, base) => {
			const flags = C.readU8(r);
			if (flags > 3) C.fail(`${name}: delta flags ${flags}`);
			let p = base.Position;
			if (flags % 2 === 1) p = pos.readDelta ? pos.readDelta(r, p) : pos.read(r);
			const packed = flags >= 2 ? readRot(r) : packedOf(base);
			return build(p, packed);
		},
	};
}
