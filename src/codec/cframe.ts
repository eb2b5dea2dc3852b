/**
 * CFrame: a position (as vector3) and a rotation in smallest-three form
 * (three components of rotationBits each, plus which one was dropped).
 */
import { Codec, describe } from "./codec";
import * as C from "./cursor";
import { vector3, VectorOptions } from "./vector3";

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
			for (const c of [...v.GetComponents()])
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
