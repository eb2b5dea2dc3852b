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
import { axisRotation, isOffset, numberSize, rgbOf, rotationOf, Tag, toF32, writeNumber } from "./dynamicForms";
import { readValue } from "./dynamicRead";
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
		if (!isOffset(u.X.Offset) || !isOffset(u.Y.Offset))
			return `dynamic: UDim2 offsets must be whole int32 pixels, got ${u.X.Offset}, ${u.Y.Offset}`;
		s.size += 17;
	} else if (t === "UDim") {
		if (!isOffset((v as UDim).Offset)) return `dynamic: UDim offset must be whole int32 pixels, got ${(v as UDim).Offset}`;
		s.size += 9;
	} else if (t === "Instance") {
		return `dynamic cannot encode Instances (got ${tostring(v)}): send an id, a name or an entity (codec.entity) instead`;
	} else {
		return `dynamic cannot encode a ${t}: it carries undefined, booleans, numbers, strings, buffers, arrays, string-keyed maps, Vector3, Vector2, CFrame, Color3, EnumItem, UDim and UDim2`;
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

/** validate()'s state, reused across calls (measure is not re-entrant). */
const walk: Walk = { size: 0, cap: 0, maxDepth: 0, path: new Set() };

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
		validate: (v) => {
			walk.size = 0;
			walk.cap = cap;
			walk.maxDepth = maxDepth;
			walk.path.clear();
			return measure(walk, v, 0);
		},
		canonical: (v) => {
			C.resetWriter(scratch);
			writeValue(scratch, v);
			return read(C.newReader(scratch.b, 0, scratch.p));
		},
		equals: deepEquals,
	};
}
