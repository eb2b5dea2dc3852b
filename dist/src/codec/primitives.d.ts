/**
 * Scalar codecs: fixed-width integers and floats, varints, booleans, strings
 * and raw buffers. Integer codecs reject non-integers, NaN and out-of-range
 * values in validate(); float codecs keep NaN unless `finite` is asked for.
 */
import { Codec } from "./codec";
/** Unsigned 8-bit integer (0..255), 1 byte. */
export declare const u8: Codec<number>;
/** Unsigned 16-bit integer (0..65535), 2 bytes. */
export declare const u16: Codec<number>;
/** Unsigned 32-bit integer, 4 bytes. */
export declare const u32: Codec<number>;
/** Signed 8-bit integer (-128..127), 1 byte. */
export declare const i8: Codec<number>;
/** Signed 16-bit integer, 2 bytes. */
export declare const i16: Codec<number>;
/** Signed 32-bit integer, 4 bytes. */
export declare const i32: Codec<number>;
/** Unsigned integer up to 2^53-1 as a varint: 1 byte below 128, 2 below 16384... */
export declare const varuint: Codec<number>;
/** Signed integer as a zigzag varint: small magnitudes of either sign stay short. */
export declare const varint: Codec<number>;
/** Options of float codecs. */
export interface FloatOptions {
    /** Reject NaN and infinities (default false: they round-trip). */
    finite?: boolean;
}
/** 32-bit float (4 bytes). NaN and infinities round-trip unless `finite`. */
export declare function f32(options?: FloatOptions): Codec<number>;
/** 64-bit float (8 bytes): every Luau number exactly, -0 included. */
export declare function f64(options?: FloatOptions): Codec<number>;
/** A boolean: one byte alone; one bit when it is a field of a struct. */
export declare const bool: Codec<boolean>;
/** Default maximum string length in bytes. */
export declare const DEFAULT_MAX_STRING = 65536;
/** A length-prefixed string (varint length + bytes), at most `maxLength` bytes (default 65536). Named `str` because `string` is reserved in roblox-ts. */
export declare function str(maxLength?: number): Codec<string>;
/** A length-prefixed buffer, at most `maxLength` bytes (default 65536). Decoding copies. */
export declare function bytes(maxLength?: number): Codec<buffer>;
/** A value from a fixed list (literal union / enum), sent as its index (1 byte up to 255 options). */
export declare function literal<T extends string | number | boolean>(options: readonly T[]): Codec<T>;
