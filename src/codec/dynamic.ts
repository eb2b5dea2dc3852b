/**
 * `codec.dynamic()`: a compact self-describing binary for any value a Roblox remote accepts
 * (but Instances): each value starts with a tag byte that often holds the value or its length
 * too, MessagePack-style. Tags (bytes are little-endian):
 *
 * | tag | value |
 * |---|---|
 * | 00-7f | integer 0..127 |
 * | 80-9f | string of 0..31 bytes (bytes follow) |
 * | a0-af | array of 0..15 values (values follow) |
 * | b0-bf | map of 0..15 entries (each: key as varint length + bytes, then the value; keys ascending) |
 * | c0 c1 c2 | nil, false, true |
 * | c3 c4 c5 | unsigned integer in u8 / u16 / u32 (128 and above) |
 * | c6 c7 c8 | negative integer in i8 / i16 / i32 (-33 and below) |
 * | c9 ca | f32 (when exact: halves, small integers past i32, NaN, infinities, -0) / f64 |
 * | cb cc | string / buffer: varint length + bytes |
 * | cd ce | array / map with a varint count (16 and more) |
 * | cf d0 | Vector3 (3 x f32) / Vector2 (2 x f32) |
 * | d1 d2 | CFrame: axis-aligned (3 x f32 position + rotation id 0..47) / any (12 x f32) |
 * | d3 d4 | Color3: 3 bytes when it is Color3.fromRGB of them / 3 x f32 |
 * | d5 | EnumItem: enum name (varint length + bytes) + value (zigzag varint) |
 * | d6 d7 | UDim2 (f32 scale + i32 offset, X then Y) / UDim (f32 + i32) |
 * | e0-ff | integer -32..-1 |
 *
 * Every value has exactly one encoding (the shortest form, map keys in ascending order), and
 * decoding refuses any other: unknown tags, non-shortest forms, unsorted or duplicate keys,
 * nil inside tables, past the depth or byte cap.
 */
import { Codec } from "./codec";
import * as C from "./cursor";
import { DEFAULT_MAX_DEPTH } from "./json";
import { ARRAY, deepEquals, shapeOf } from "./tables";

/** Options of `codec.dynamic()`. */
export interface DynamicOptions {
	/** Most bytes of one encoded value (default 4096, see DEFAULT_DYNAMIC_BYTES); larger values are refused by validate and on decode. */
	maxBytes?: number;
	/** Deepest nesting of tables (default 16); deeper values are refused by validate and on decode. */
	maxDepth?: number;
}

/** Default byte cap of `codec.dynamic()`. */
export const DEFAULT_DYNAMIC_BYTES = 4096;

const enum Tag {
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
function toF32(v: number): number {
	buffer.writef32(f32Scratch, 0, v);
	return buffer.readf32(f32Scratch, 0);
}

/** Whether `v` takes an integer form: a whole number in [-2^31, 2^32-1], not -0. */
function isIntForm(v: number): boolean {
	return v % 1 === 0 && v >= -2147483648 && v <= 4294967295 && !(v === 0 && 1 / v < 0);
}

/** Whether `v` (not an integer form) travels as f32: it is exactly a float32 (NaN included). */
function isF32Form(v: number): boolean {
	return v !== v || toF32(v) === v;
}

function numberSize(v: number): number {
	if (isIntForm(v)) {
		if (v >= -32 && v <= 127) return 1;
		if (v >= 0) return v <= 255 ? 2 : v <= 65535 ? 3 : 5;
		return v >= -128 ? 2 : v >= -32768 ? 3 : 5;
	}
	return isF32Form(v) ? 5 : 9;
}

function writeNumber(w: C.Writer, v: number) {
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
const PERMUTATIONS = [
	[0, 1, 2],
	[0, 2, 1],
	[1, 0, 2],
	[1, 2, 0],
	[2, 0, 1],
	[2, 1, 0],
];

/** Rotation id 0..47 (permutation * 8 + row signs) of a row-major 3x3 matrix of 0 and +-1 with one non-zero per row and column, else -1. */
function axisRotation(m: number[]): number {
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
function rotationOf(cf: CFrame): number[] {
	const [, , , r00, r01, r02, r10, r11, r12, r20, r21, r22] = cf.GetComponents();
	return [r00, r01, r02, r10, r11, r12, r20, r21, r22].map(toF32);
}

/** The byte k when the f32 component `c` is exactly what Color3.fromRGB stores for k (f32 of k/255), else -1. */
function byteOf(c: number): number {
	const k = math.round(c * 255);
	return k >= 0 && k <= 255 && toF32(k / 255) === c ? k : -1;
}

/** [r, g, b] bytes when the f32 components are exactly Color3.fromRGB of them, else undefined. */
function rgbOf(r: number, g: number, b: number): [number, number, number] | undefined {
	const kr = byteOf(r);
	const kg = byteOf(g);
	const kb = byteOf(b);
	return kr >= 0 && kg >= 0 && kb >= 0 ? [kr, kg, kb] : undefined;
}

function isOffset(v: number) {
	return v % 1 === 0 && v >= -2147483648 && v <= 2147483647;
}

// Enum types by name, built from Enum.GetEnums() on first use and rebuilt once on a miss.
let enumsByName: Map<string, Enum> | undefined;
function enumNamed(name: string): Enum | undefined {
	let found = enumsByName?.get(name);
	if (found === undefined) {
		enumsByName = new Map();
		for (const e of Enum.GetEnums()) enumsByName.set(tostring(e), e);
		found = enumsByName.get(name);
	}
	return found;
}

/** State of one validate walk. */
interface Walk {
	size: number;
	cap: number;
	maxDepth: number;
	path: Set<object>;
}

function overCap(s: Walk) {
	return `dynamic value takes more than its limit of ${s.cap} bytes: raise maxBytes or send less`;
}

/** Adds the encoded size of `v` to s.size; returns why it cannot be encoded (stopping early), or undefined. */
function measure(s: Walk, v: unknown, depth: number): string | undefined {
	const t = typeOf(v);
	if (v === undefined || t === "boolean") s.size += 1;
	else if (t === "number") s.size += numberSize(v as number);
	else if (t === "string") {
		const len = (v as string).size();
		s.size += len <= 31 ? 1 + len : 1 + C.varUintSize(len) + len;
	} else if (t === "buffer") {
		const len = buffer.len(v as buffer);
		s.size += 1 + C.varUintSize(len) + len;
	} else if (t === "table") {
		const tbl = v as object;
		if (s.path.has(tbl)) return `dynamic cannot encode a table that contains itself (a cycle)`;
		if (depth >= s.maxDepth) return `dynamic value nests deeper than ${s.maxDepth} tables: raise maxDepth or flatten it`;
		const shape = shapeOf("dynamic", tbl);
		if (typeIs(shape, "string")) return shape;
		const n = shape[1];
		s.size += n <= 15 ? 1 : 1 + C.varUintSize(n);
		if (s.size > s.cap) return overCap(s);
		s.path.add(tbl);
		const m = tbl as Map<unknown, unknown>;
		if (shape[0] === ARRAY) {
			for (let i = 1; i <= n; i++) {
				const err = measure(s, m.get(i), depth + 1);
				if (err !== undefined) return `[${i - 1}]: ${err}`;
			}
		} else {
			for (const [k, item] of m) {
				const len = (k as string).size();
				s.size += C.varUintSize(len) + len;
				const err = measure(s, item, depth + 1);
				if (err !== undefined) return `[${k}]: ${err}`;
			}
		}
		s.path.delete(tbl);
	} else if (t === "Vector3") s.size += 13;
	else if (t === "Vector2") s.size += 9;
	else if (t === "CFrame") s.size += axisRotation(rotationOf(v as CFrame)) >= 0 ? 14 : 49;
	else if (t === "Color3") {
		const c = v as Color3;
		s.size += rgbOf(toF32(c.R), toF32(c.G), toF32(c.B)) !== undefined ? 4 : 13;
	} else if (t === "EnumItem") {
		const item = v as EnumItem;
		const len = tostring(item.EnumType).size();
		s.size += 1 + C.varUintSize(len) + len + C.varIntSize(item.Value);
	} else if (t === "UDim2") {
		const u = v as UDim2;
		if (!isOffset(u.X.Offset) || !isOffset(u.Y.Offset)) return `dynamic: UDim2 offsets must be whole int32 pixels, got ${u.X.Offset}, ${u.Y.Offset}`;
		s.size += 17;
	} else if (t === "UDim") {
		if (!isOffset((v as UDim).Offset)) return `dynamic: UDim offset must be whole int32 pixels, got ${(v as UDim).Offset}`;
		s.size += 9;
	} else if (t === "Instance") {
		return `dynamic cannot encode Instances (got ${tostring(v)}): send an id, a name or an entity (codec.entity) instead`;
	} else {
		return `dynamic cannot encode a ${t}: it carries nil, booleans, numbers, strings, buffers, arrays, string-keyed maps, Vector3, Vector2, CFrame, Color3, EnumItem, UDim and UDim2`;
	}
	return s.size > s.cap ? overCap(s) : undefined;
}

function writeLength(w: C.Writer, n: number, fixTag: number, fixMax: number, tag: number) {
	if (n <= fixMax) {
		C.writeU8(w, fixTag + n);
	} else {
		C.writeU8(w, tag);
		C.writeVarUint(w, n);
	}
}

function writeRaw(w: C.Writer, s: string) {
	const len = s.size();
	C.reserve(w, len);
	buffer.writestring(w.b, w.p, s, len);
	w.p += len;
}

/** Writes a valid value (measure() accepted it). */
function writeValue(w: C.Writer, v: unknown) {
	const t = typeOf(v);
	if (v === undefined) C.writeU8(w, Tag.Nil);
	else if (v === true) C.writeU8(w, Tag.True);
	else if (v === false) C.writeU8(w, Tag.False);
	else if (t === "number") writeNumber(w, v as number);
	else if (t === "string") {
		writeLength(w, (v as string).size(), Tag.FixStr, 31, Tag.Str);
		writeRaw(w, v as string);
	} else if (t === "buffer") {
		C.writeU8(w, Tag.Buffer);
		C.writeVarUint(w, buffer.len(v as buffer));
		C.writeBytes(w, v as buffer);
	} else if (t === "table") {
		const shape = shapeOf("dynamic", v as object) as [string, number];
		const m = v as Map<unknown, unknown>;
		if (shape[0] === ARRAY) {
			writeLength(w, shape[1], Tag.FixArray, 15, Tag.Array);
			for (let i = 1; i <= shape[1]; i++) writeValue(w, m.get(i));
		} else {
			writeLength(w, shape[1], Tag.FixMap, 15, Tag.Map);
			const keys: string[] = [];
			for (const [k] of m) keys.push(k as string);
			keys.sort();
			for (const k of keys) {
				C.writeString(w, k);
				writeValue(w, m.get(k));
			}
		}
	} else if (t === "Vector3") {
		const p = v as Vector3;
		C.writeU8(w, Tag.Vector3);
		C.writeF32(w, p.X);
		C.writeF32(w, p.Y);
		C.writeF32(w, p.Z);
	} else if (t === "Vector2") {
		const p = v as Vector2;
		C.writeU8(w, Tag.Vector2);
		C.writeF32(w, p.X);
		C.writeF32(w, p.Y);
	} else if (t === "CFrame") {
		const cf = v as CFrame;
		const m = rotationOf(cf);
		const id = axisRotation(m);
		C.writeU8(w, id >= 0 ? Tag.CFrameAxis : Tag.CFrame);
		C.writeF32(w, cf.X);
		C.writeF32(w, cf.Y);
		C.writeF32(w, cf.Z);
		if (id >= 0) C.writeU8(w, id);
		else for (const x of m) C.writeF32(w, x);
	} else if (t === "Color3") {
		const c = v as Color3;
		const rgb = rgbOf(toF32(c.R), toF32(c.G), toF32(c.B));
		if (rgb !== undefined) {
			C.writeU8(w, Tag.Rgb);
			for (const k of rgb) C.writeU8(w, k);
		} else {
			C.writeU8(w, Tag.Color3);
			C.writeF32(w, c.R);
			C.writeF32(w, c.G);
			C.writeF32(w, c.B);
		}
	} else if (t === "EnumItem") {
		const item = v as EnumItem;
		C.writeU8(w, Tag.EnumItem);
		C.writeString(w, tostring(item.EnumType));
		C.writeVarInt(w, item.Value);
	} else if (t === "UDim2") {
		const u = v as UDim2;
		C.writeU8(w, Tag.UDim2);
		C.writeF32(w, u.X.Scale);
		C.writeI32(w, u.X.Offset);
		C.writeF32(w, u.Y.Scale);
		C.writeI32(w, u.Y.Offset);
	} else if (t === "UDim") {
		const u = v as UDim;
		C.writeU8(w, Tag.UDim);
		C.writeF32(w, u.Scale);
		C.writeI32(w, u.Offset);
	} else {
		error(`dynamic.write: ${t} values cannot be encoded (call validate first)`, 2);
	}
}

function readLength(r: C.Reader, tag: number, fixTag: number, fixMax: number): number {
	if (tag >= fixTag && tag <= fixTag + fixMax) return tag - fixTag;
	const n = C.readVarUint(r);
	if (n <= fixMax) C.fail(`dynamic: length ${n} uses the long form, its short form is the only encoding`);
	return n;
}

function readRaw(r: C.Reader, len: number): string {
	C.need(r, len);
	const s = buffer.readstring(r.b, r.p, len);
	r.p += len;
	return s;
}

function nonMinimal(what: string): never {
	return C.fail(`dynamic: ${what} is not in its shortest form, the only encoding`);
}

/** Reads one value from a reader whose window is already capped at maxBytes. */
function readValue(r: C.Reader, depth: number, maxDepth: number): unknown {
	const tag = C.readU8(r);
	if (tag <= 0x7f) return tag;
	if (tag >= Tag.NegFixInt) return tag - Tag.NegFixInt - 32;
	if (tag < Tag.FixArray) return readRaw(r, tag - Tag.FixStr);
	if (tag < Tag.Nil || tag === Tag.Array || tag === Tag.Map) {
		if (depth >= maxDepth) C.fail(`dynamic: nests deeper than ${maxDepth} tables`);
		if (tag < Tag.FixMap || tag === Tag.Array) {
			const n = readLength(r, tag, Tag.FixArray, 15);
			if (n > C.remaining(r)) C.fail(`dynamic: array claims ${n} values but only ${C.remaining(r)} bytes remain`);
			const out = table.create<unknown>(n);
			for (let i = 0; i < n; i++) {
				const item = readValue(r, depth + 1, maxDepth);
				if (item === undefined) C.fail(`dynamic: nil inside an array (element ${i}): encode never writes a hole`);
				out[i] = item;
			}
			return out;
		}
		const n = readLength(r, tag, Tag.FixMap, 15);
		if (n * 2 > C.remaining(r)) C.fail(`dynamic: map claims ${n} entries but only ${C.remaining(r)} bytes remain`);
		const out = new Map<string, unknown>();
		let previous: string | undefined;
		for (let i = 0; i < n; i++) {
			const key = readRaw(r, C.readVarUint(r));
			if (previous !== undefined && !(previous < key)) C.fail(`dynamic: map keys must ascend without duplicates (key ${i})`);
			previous = key;
			const item = readValue(r, depth + 1, maxDepth);
			if (item === undefined) C.fail(`dynamic: nil map value (key ${i}): encode leaves nil members out`);
			out.set(key, item);
		}
		return out;
	}
	switch (tag) {
		case Tag.Nil:
			return undefined;
		case Tag.False:
			return false;
		case Tag.True:
			return true;
		case Tag.U8: {
			const v = C.readU8(r);
			return v < 128 ? nonMinimal("u8") : v;
		}
		case Tag.U16: {
			const v = C.readU16(r);
			return v < 256 ? nonMinimal("u16") : v;
		}
		case Tag.U32: {
			const v = C.readU32(r);
			return v < 65536 ? nonMinimal("u32") : v;
		}
		case Tag.I8: {
			const v = C.readI8(r);
			return v > -33 ? nonMinimal("i8") : v;
		}
		case Tag.I16: {
			const v = C.readI16(r);
			return v >= -128 ? nonMinimal("i16") : v;
		}
		case Tag.I32: {
			const v = C.readI32(r);
			return v >= -32768 ? nonMinimal("i32") : v;
		}
		case Tag.F32: {
			const v = C.readF32(r);
			return isIntForm(v) ? nonMinimal("f32") : v;
		}
		case Tag.F64: {
			const v = C.readF64(r);
			return isIntForm(v) || isF32Form(v) ? nonMinimal("f64") : v;
		}
		case Tag.Str:
			return readRaw(r, readLength(r, tag, Tag.FixStr, 31));
		case Tag.Buffer: {
			const len = C.readVarUint(r);
			C.need(r, len);
			const out = buffer.create(len);
			buffer.copy(out, 0, r.b, r.p, len);
			r.p += len;
			return out;
		}
		case Tag.Vector3:
			return new Vector3(C.readF32(r), C.readF32(r), C.readF32(r));
		case Tag.Vector2:
			return new Vector2(C.readF32(r), C.readF32(r));
		case Tag.CFrameAxis: {
			const [x, y, z] = [C.readF32(r), C.readF32(r), C.readF32(r)];
			const id = C.readU8(r);
			if (id >= 48) C.fail(`dynamic: axis-aligned rotation id ${id} is not 0..47`);
			const perm = PERMUTATIONS[math.floor(id / 8)];
			const m = [0, 0, 0, 0, 0, 0, 0, 0, 0];
			for (let row = 0; row < 3; row++) m[row * 3 + perm[row]] = math.floor(id / 2 ** row) % 2 === 1 ? -1 : 1;
			return new CFrame(x, y, z, m[0], m[1], m[2], m[3], m[4], m[5], m[6], m[7], m[8]);
		}
		case Tag.CFrame: {
			const c: number[] = [];
			for (let i = 0; i < 12; i++) c.push(C.readF32(r));
			if (axisRotation([c[3], c[4], c[5], c[6], c[7], c[8], c[9], c[10], c[11]]) >= 0) nonMinimal("axis-aligned CFrame");
			return new CFrame(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9], c[10], c[11]);
		}
		case Tag.Rgb:
			return Color3.fromRGB(C.readU8(r), C.readU8(r), C.readU8(r));
		case Tag.Color3: {
			const [cr, cg, cb] = [C.readF32(r), C.readF32(r), C.readF32(r)];
			if (rgbOf(cr, cg, cb) !== undefined) nonMinimal("Color3");
			return new Color3(cr, cg, cb);
		}
		case Tag.EnumItem: {
			const name = readRaw(r, C.readVarUint(r));
			const value = C.readVarInt(r);
			const item = enumNamed(name)?.FromValue(value);
			if (item === undefined) C.fail(`dynamic: no EnumItem of value ${value} in an enum named ${string.format("%q", name)}`);
			return item;
		}
		case Tag.UDim2:
			return new UDim2(C.readF32(r), C.readI32(r), C.readF32(r), C.readI32(r));
		case Tag.UDim:
			return new UDim(C.readF32(r), C.readI32(r));
	}
	return C.fail(`dynamic: unknown tag 0x${string.format("%02x", tag)}`);
}

/** canonical()'s scratch: a value is written here and read back. */
const scratch = C.newWriter(256);

/**
 * Any value a Roblox remote accepts (nil, booleans, numbers, strings, buffers, arrays,
 * string-keyed maps, Vector3, Vector2, CFrame, Color3, EnumItem, UDim, UDim2), self-describing
 * and compact (see the tag table above): no schema to declare, at about half the bytes of JSON
 * but more than a struct. Instances are refused: send an id or an entity instead. Capped at
 * `maxBytes` (default 4096) and `maxDepth` nested tables (default 16). Vectors, CFrames and
 * colours travel as f32 (as Roblox stores them), so canonical() rounds to f32.
 */
export function dynamic(options?: DynamicOptions): Codec<unknown> {
	const cap = options?.maxBytes ?? DEFAULT_DYNAMIC_BYTES;
	const maxDepth = options?.maxDepth ?? DEFAULT_MAX_DEPTH;
	const read = (r: C.Reader) => {
		const window: C.Reader = { b: r.b, p: r.p, n: math.min(r.n, r.p + cap) };
		const v = readValue(window, 0, maxDepth);
		r.p = window.p;
		return v;
	};
	return {
		name: `dynamic(${cap})`,
		exact: false,
		maxSize: cap,
		write: (w, v) => writeValue(w, v),
		read,
		validate: (v) => measure({ size: 0, cap, maxDepth, path: new Set() }, v, 0),
		canonical: (v) => {
			C.resetWriter(scratch);
			writeValue(scratch, v);
			return read(C.newReader(scratch.b, 0, scratch.p));
		},
		equals: deepEquals,
	};
}
