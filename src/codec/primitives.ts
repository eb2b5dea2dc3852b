/**
 * Scalar codecs: fixed-width integers and floats, varints, booleans, strings
 * and raw buffers. Integer codecs reject non-integers, NaN and out-of-range
 * values in validate(); float codecs keep NaN unless `finite` is asked for.
 */
import { Codec, describe, identity, sameNumber, strictEquals } from "./codec";
import * as C from "./cursor";
import type { Tick } from "../../components/tick";

function intCodec(
	name: string,
	min: number,
	max: number,
	write: (w: C.Writer, v: number) => void,
	read: (r: C.Reader) => number,
	maxSize: number,
	fixed: boolean,
): Codec<number> {
	return {
		name,
		exact: true,
		maxSize,
		fixedSize: fixed ? maxSize : undefined,
		write: (w, v) => write(w, v),
		read: (r) => read(r),
		validate: (v) => {
			if (!typeIs(v, "number")) return `${name} expects a number, got ${describe(v)}`;
			if (v !== v) return `${name} cannot encode NaN`;
			if (v % 1 !== 0) return `${name} expects an integer, got ${describe(v)}`;
			if (v < min || v > max) return `${name} value ${describe(v)} is out of range [${min}, ${max}]`;
			return undefined;
		},
		canonical: identity,
		equals: strictEquals,
		writeDelta: (w, _base, v) => write(w, v),
		readDelta: (r) => read(r),
	};
}

/** Unsigned 8-bit integer (0..255), 1 byte. */
export const u8 = intCodec("u8", 0, 255, C.writeU8, C.readU8, 1, true);
/** Unsigned 16-bit integer (0..65535), 2 bytes. */
export const u16 = intCodec("u16", 0, 65535, C.writeU16, C.readU16, 2, true);
/** Unsigned 32-bit integer, 4 bytes. */
export const u32 = intCodec("u32", 0, 4294967295, C.writeU32, C.readU32, 4, true);
/** Signed 8-bit integer (-128..127), 1 byte. */
export const i8 = intCodec("i8", -128, 127, C.writeI8, C.readI8, 1, true);
/** Signed 16-bit integer, 2 bytes. */
export const i16 = intCodec("i16", -32768, 32767, C.writeI16, C.readI16, 2, true);
/** Signed 32-bit integer, 4 bytes. */
export const i32 = intCodec("i32", -2147483648, 2147483647, C.writeI32, C.readI32, 4, true);
/** Unsigned integer up to 2^53-1 as a varint: 1 byte below 128, 2 below 16384... */
export const varuint = intCodec("varuint", 0, C.MAX_SAFE_INTEGER, C.writeVarUint, C.readVarUint, C.varUintSize(C.MAX_SAFE_INTEGER), false);
/** Signed integer as a zigzag varint: small magnitudes of either sign stay short. */
export const varint = intCodec(
	"varint",
	-C.MAX_SAFE_INTEGER,
	C.MAX_SAFE_INTEGER,
	C.writeVarInt,
	C.readVarInt,
	C.varIntSize(-C.MAX_SAFE_INTEGER),
	false,
);

/** Options of float codecs. */
export interface FloatOptions {
	/** Reject NaN and infinities (default false: they round-trip). */
	finite?: boolean;
}

const f32Scratch = buffer.create(4);

/** `v` rounded to the nearest f32, as the receiver decodes it. */
function toF32(v: number): number {
	buffer.writef32(f32Scratch, 0, v);
	return buffer.readf32(f32Scratch, 0);
}

function floatCodec(
	name: string,
	write: (w: C.Writer, v: number) => void,
	read: (r: C.Reader) => number,
	options?: FloatOptions,
): Codec<number> {
	const finite = options?.finite === true;
	const isF32 = name === "f32";
	return {
		name: finite ? `${name}(finite)` : name,
		exact: !isF32,
		maxSize: isF32 ? 4 : 8,
		fixedSize: isF32 ? 4 : 8,
		write: (w, v) => write(w, v),
		read: (r) => {
			const v = read(r);
			if (finite && (v !== v || v === math.huge || v === -math.huge)) C.fail(`${name}: non-finite value on the wire`);
			return v;
		},
		validate: (v) => {
			if (!typeIs(v, "number")) return `${name} expects a number, got ${describe(v)}`;
			if (finite && (v !== v || v === math.huge || v === -math.huge)) return `${name} cannot encode ${describe(v)} (finite only)`;
			// a finite double beyond the f32 range would be sent as infinity, which the reader then refuses
			if (finite && isF32 && math.abs(toF32(v)) === math.huge)
				return `${name} value ${describe(v)} overflows to infinity (finite only); keep |value| <= 3.4e38`;
			return undefined;
		},
		// round through f32 so the server compares what the client decodes
		canonical: isF32 ? toF32 : identity,
		equals: sameNumber,
	};
}

/** 32-bit float (4 bytes). NaN and infinities round-trip unless `finite`. */
export function f32(options?: FloatOptions): Codec<number> {
	return floatCodec("f32", C.writeF32, C.readF32, options);
}
/** 64-bit float (8 bytes): every Luau number exactly, -0 included. */
export function f64(options?: FloatOptions): Codec<number> {
	return floatCodec("f64", C.writeF64, C.readF64, options);
}

/** A boolean: one byte alone; one bit when it is a field of a struct. */
export const bool: Codec<boolean> = {
	name: "bool",
	exact: true,
	maxSize: 1,
	fixedSize: 1,
	write: (w, v) => C.writeU8(w, v ? 1 : 0),
	read: (r) => {
		const v = C.readU8(r);
		if (v > 1) C.fail(`bool: byte ${v} is neither 0 nor 1`);
		return v === 1;
	},
	validate: (v) => (typeIs(v, "boolean") ? undefined : `bool expects a boolean, got ${describe(v)}`),
	canonical: identity,
	equals: strictEquals,
};

/** Default maximum string length in bytes. */
export const DEFAULT_MAX_STRING = 65536;

/** A length-prefixed string (varint length + bytes), at most `maxLength` bytes (default 65536). Named `str` because `string` is reserved in roblox-ts. */
export function str(maxLength = DEFAULT_MAX_STRING): Codec<string> {
	return {
		name: `string(${maxLength})`,
		exact: true,
		maxSize: C.varUintSize(maxLength) + maxLength,
		write: (w, v) => C.writeString(w, v),
		read: (r) => C.readString(r, maxLength),
		validate: (v) => {
			if (!typeIs(v, "string")) return `string expects a string, got ${describe(v)}`;
			if (v.size() > maxLength) return `string of ${v.size()} bytes exceeds its limit of ${maxLength}`;
			return undefined;
		},
		canonical: identity,
		equals: strictEquals,
	};
}

/** A length-prefixed buffer, at most `maxLength` bytes (default 65536). Decoding copies. */
export function bytes(maxLength = DEFAULT_MAX_STRING): Codec<buffer> {
	return {
		name: `bytes(${maxLength})`,
		exact: true,
		maxSize: C.varUintSize(maxLength) + maxLength,
		write: (w, v) => {
			C.writeVarUint(w, buffer.len(v));
			C.writeBytes(w, v);
		},
		read: (r) => {
			const len = C.readVarUint(r);
			if (len > maxLength) C.fail(`buffer of ${len} bytes exceeds its limit of ${maxLength}`);
			C.need(r, len);
			const out = buffer.create(len);
			buffer.copy(out, 0, r.b, r.p, len);
			r.p += len;
			return out;
		},
		validate: (v) => {
			if (!typeIs(v, "buffer")) return `bytes expects a buffer, got ${describe(v)}`;
			if (buffer.len(v) > maxLength) return `buffer of ${buffer.len(v)} bytes exceeds its limit of ${maxLength}`;
			return undefined;
		},
		canonical: identity,
		equals: (a, b) => a === b || (buffer.len(a) === buffer.len(b) && buffer.tostring(a) === buffer.tostring(b)),
	};
}

/** A literal codec, exposing its options (so `packed` can give it ceil(log2(count)) bits). */
export interface LiteralCodec<T> extends Codec<T> {
	/** The allowed values; a value travels as its index in this list. */
	readonly options: readonly T[];
}

/** A value from a fixed list (literal union / enum), sent as its index (1 byte up to 256 options). */
export function literal<T extends string | number | boolean>(options: readonly T[]): LiteralCodec<T> {
	const index = new Map<T, number>();
	options.forEach((v, i) => index.set(v, i));
	const count = options.size();
	const wide = count > 256;
	return {
		name: `literal(${count})`,
		exact: true,
		options,
		maxSize: wide ? C.varUintSize(count - 1) : 1,
		fixedSize: wide ? undefined : 1,
		write: (w, v) => {
			const i = index.get(v)!;
			if (wide) C.writeVarUint(w, i);
			else C.writeU8(w, i);
		},
		read: (r) => {
			const i = wide ? C.readVarUint(r) : C.readU8(r);
			if (i >= count) C.fail(`literal: index ${i} is not one of ${count} options`);
			return options[i];
		},
		validate: (v) => (index.has(v as T) ? undefined : `${describe(v)} is not one of the ${count} allowed values`),
		canonical: identity,
		equals: strictEquals,
	};
}

/** A server tick (see Tick): a varuint, typed so the receiver gets a Tick to pass to rollback and the like. */
export const tick = varuint as unknown as Codec<Tick>;
