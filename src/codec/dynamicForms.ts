/**
 * The forms of `codec.dynamic()`'s values: tag bytes, shortest number forms, axis-aligned CFrame
 * rotations, RGB colours and enum lookup, shared by its writer (dynamic.ts) and reader
 * (dynamicRead.ts). Encoder and decoder decide each form with the same predicate on the same
 * (f32-rounded) values, so every value has exactly one encoding.
 */
import * as C from "./cursor";

/** The tag byte that starts every value (see the table in dynamic.ts). */
export const enum Tag {
	FixStr = 0x80,
	FixArray = 0xa0,
	FixMap = 0xb0,
	Nil = 0xc0,
	False = 0xc1,
	True = 0xc2,
	U8 = 0xc3,
	U16 = 0xc4,
	U32 = 0xc5,
	I8 = 0xc6,
	I16 = 0xc7,
	I32 = 0xc8,
	F32 = 0xc9,
	F64 = 0xca,
	Str = 0xcb,
	Buffer = 0xcc,
	Array = 0xcd,
	Map = 0xce,
	Vector3 = 0xcf,
	Vector2 = 0xd0,
	CFrameAxis = 0xd1,
	CFrame = 0xd2,
	Rgb = 0xd3,
	Color3 = 0xd4,
	EnumItem = 0xd5,
	UDim2 = 0xd6,
	UDim = 0xd7,
	NegFixInt = 0xe0,
}

const f32Scratch = buffer.create(4);
/** `v` rounded to float32. */
export function toF32(v: number): number {
	buffer.writef32(f32Scratch, 0, v);
	return buffer.readf32(f32Scratch, 0);
}

/** Whether `v` takes an integer form: a whole number in [-2^31, 2^32-1], not -0. */
export function isIntForm(v: number): boolean {
	return v % 1 === 0 && v >= -2147483648 && v <= 4294967295 && !(v === 0 && 1 / v < 0);
}

/** Whether `v` (not an integer form) travels as f32: it is exactly a float32 (NaN included). */
export function isF32Form(v: number): boolean {
	return v !== v || toF32(v) === v;
}

/** Encoded bytes of the number `v` (tag included). */
export function numberSize(v: number): number {
	if (isIntForm(v)) {
		if (v >= -32 && v <= 127) return 1;
		if (v >= 0) return v <= 255 ? 2 : v <= 65535 ? 3 : 5;
		return v >= -128 ? 2 : v >= -32768 ? 3 : 5;
	}
	return isF32Form(v) ? 5 : 9;
}

/** Writes the number `v` in its shortest form. */
export function writeNumber(w: C.Writer, v: number) {
	if (isIntForm(v)) {
		if (v >= 0 && v <= 127) C.writeU8(w, v);
		else if (v < 0 && v >= -32) C.writeU8(w, Tag.NegFixInt + (v + 32));
		else if (v >= 0) {
			if (v <= 255) {
				C.writeU8(w, Tag.U8);
				C.writeU8(w, v);
			} else if (v <= 65535) {
				C.writeU8(w, Tag.U16);
				C.writeU16(w, v);
			} else {
				C.writeU8(w, Tag.U32);
				C.writeU32(w, v);
			}
		} else if (v >= -128) {
			C.writeU8(w, Tag.I8);
			C.writeI8(w, v);
		} else if (v >= -32768) {
			C.writeU8(w, Tag.I16);
			C.writeI16(w, v);
		} else {
			C.writeU8(w, Tag.I32);
			C.writeI32(w, v);
		}
	} else if (isF32Form(v)) {
		C.writeU8(w, Tag.F32);
		C.writeF32(w, v);
	} else {
		C.writeU8(w, Tag.F64);
		C.writeF64(w, v);
	}
}

/** The 6 orders of three axes; an axis-aligned rotation is one of them with a sign per row. */
export const PERMUTATIONS = [
	[0, 1, 2],
	[0, 2, 1],
	[1, 0, 2],
	[1, 2, 0],
	[2, 0, 1],
	[2, 1, 0],
];

/** Rotation id 0..47 (permutation * 8 + row signs) of a row-major 3x3 matrix of 0 and +-1 with one non-zero per row and column, else -1. */
export function axisRotation(m: number[]): number {
	let signs = 0;
	const cols = [-1, -1, -1];
	for (let row = 0; row < 3; row++) {
		for (let col = 0; col < 3; col++) {
			const x = m[row * 3 + col];
			if (x === 0) continue;
			if ((x !== 1 && x !== -1) || cols[row] !== -1) return -1;
			cols[row] = col;
			if (x < 0) signs += 2 ** row;
		}
		if (cols[row] === -1) return -1;
	}
	for (let p = 0; p < 6; p++) {
		const perm = PERMUTATIONS[p];
		if (perm[0] === cols[0] && perm[1] === cols[1] && perm[2] === cols[2]) return p * 8 + signs;
	}
	return -1;
}

/** The f32-rounded rotation entries of a CFrame, row-major. */
export function rotationOf(cf: CFrame): number[] {
	const [, , , r00, r01, r02, r10, r11, r12, r20, r21, r22] = cf.GetComponents();
	return [r00, r01, r02, r10, r11, r12, r20, r21, r22].map(toF32);
}

/** The byte k when the f32 component `c` is exactly what Color3.fromRGB stores for k (f32 of k/255), else -1. */
export function byteOf(c: number): number {
	const k = math.round(c * 255);
	return k >= 0 && k <= 255 && toF32(k / 255) === c ? k : -1;
}

/** [r, g, b] bytes when the f32 components are exactly Color3.fromRGB of them, else undefined. */
export function rgbOf(r: number, g: number, b: number): [number, number, number] | undefined {
	const kr = byteOf(r);
	const kg = byteOf(g);
	const kb = byteOf(b);
	return kr >= 0 && kg >= 0 && kb >= 0 ? [kr, kg, kb] : undefined;
}

/** Whether `v` is a whole int32, as UDim offsets are. */
export function isOffset(v: number) {
	return v % 1 === 0 && v >= -2147483648 && v <= 2147483647;
}

let enumsByName: Map<string, Enum> | undefined;
/** The enum type named `name`, from Enum.GetEnums() (cached; rebuilt once on a miss). */
export function enumNamed(name: string): Enum | undefined {
	let found = enumsByName?.get(name);
	if (found === undefined) {
		enumsByName = new Map();
		for (const e of Enum.GetEnums()) enumsByName.set(tostring(e), e);
		found = enumsByName.get(name);
	}
	return found;
}
