/**
 * Cursors over Luau `buffer`s: a Writer that grows geometrically and a Reader
 * whose every read is bounds-checked, so a truncated or garbage packet throws
 * a {@link CodecError} instead of reading past its end. Little-endian.
 * These are plain functions over small records (not methods) because they sit
 * on the hottest path of every tick.
 */
/** A growable output buffer: `b` is the storage, `p` the write position. */
export interface Writer {
    b: buffer;
    p: number;
}
/** A bounded input cursor: reads from `p` up to (not including) `n`. */
export interface Reader {
    b: buffer;
    p: number;
    n: number;
}
/** Thrown by every decode error; carries the reason for counters and warnings. */
export declare class CodecError {
    readonly reason: string;
    constructor(reason: string);
    toString(): string;
}
export declare function isCodecError(value: unknown): value is CodecError;
/** Creates a writer with `capacity` bytes of initial storage. */
export declare function newWriter(capacity?: number): Writer;
/** Creates a reader over `b` (all of it, or `length` bytes from `offset`). */
export declare function newReader(b: buffer, offset?: number, length?: number): Reader;
/** Makes room for `bytes` more bytes, doubling the storage as needed. */
export declare function reserve(w: Writer, bytes: number): void;
/** Copies what was written into a new buffer of exactly that size. */
export declare function toBuffer(w: Writer): buffer;
/** Rewinds the writer for reuse without freeing its storage. */
export declare function resetWriter(w: Writer): void;
export declare function fail(reason: string): never;
/** Throws unless `bytes` more bytes can be read. */
export declare function need(r: Reader, bytes: number): void;
export declare function remaining(r: Reader): number;
export declare function writeU8(w: Writer, v: number): void;
export declare function readU8(r: Reader): number;
export declare function writeU16(w: Writer, v: number): void;
export declare function readU16(r: Reader): number;
export declare function writeU32(w: Writer, v: number): void;
export declare function readU32(r: Reader): number;
export declare function writeI8(w: Writer, v: number): void;
export declare function readI8(r: Reader): number;
export declare function writeI16(w: Writer, v: number): void;
export declare function readI16(r: Reader): number;
export declare function writeI32(w: Writer, v: number): void;
export declare function readI32(r: Reader): number;
export declare function writeF32(w: Writer, v: number): void;
export declare function readF32(r: Reader): number;
export declare function writeF64(w: Writer, v: number): void;
export declare function readF64(r: Reader): number;
/** Largest integer a varint carries exactly (2^53 - 1). */
export declare const MAX_SAFE_INTEGER = 9007199254740991;
/** Unsigned LEB128: 7 bits per byte, low bits first; 0..127 take one byte. */
export declare function writeVarUint(w: Writer, v: number): void;
export declare function readVarUint(r: Reader): number;
/**
 * Zigzag maps signed to unsigned (0, -1, 1, -2 -> 0, 1, 2, 3) so small magnitudes stay short.
 * The zigzag of a value beyond +-2^52 needs 54 bits, which a double cannot hold (odd values
 * round, -(2^52+1) came back as +2^52), so the first byte (sign and low 6 bits) is split off
 * and the rest (magnitude / 64) is a varuint: the same bytes as LEB128 of the zigzag value,
 * exact over the whole +-(2^53-1) range.
 */
export declare function writeVarInt(w: Writer, v: number): void;
export declare function readVarInt(r: Reader): number;
/** Bytes writeVarUint uses for `v`. */
export declare function varUintSize(v: number): number;
export declare function writeString(w: Writer, s: string): void;
/** Reads a length-prefixed string, refusing lengths over `maxLength` before allocating. */
export declare function readString(r: Reader, maxLength: number): string;
export declare function writeBytes(w: Writer, src: buffer, offset?: number, length?: number): void;
