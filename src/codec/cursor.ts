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
export class CodecError {
	constructor(public readonly reason: string) {}
	toString() {
		return `CodecError: ${this.reason}`;
	}
}

/** Whether a caught error is a CodecError (a decode refusal), not a bug. */
export function isCodecError(value: unknown): value is CodecError {
	return value instanceof CodecError;
}

/** Creates a writer with `capacity` bytes of initial storage. */
export function newWriter(capacity = 64): Writer {
	return { b: buffer.create(capacity), p: 0 };
}

/** Creates a reader over `b` (all of it, or `length` bytes from `offset`). */
export function newReader(b: buffer, offset = 0, length?: number): Reader {
	return { b, p: offset, n: length !== undefined ? offset + length : buffer.len(b) };
}

/** Makes room for `bytes` more bytes, doubling the storage as needed. */
export function reserve(w: Writer, bytes: number) {
	const need = w.p + bytes;
	let size = buffer.len(w.b);
	if (need <= size) return;
	while (size < need) size *= 2;
	const grown = buffer.create(size);
	buffer.copy(grown, 0, w.b, 0, w.p);
	w.b = grown;
}

/** Copies what was written into a new buffer of exactly that size. */
export function toBuffer(w: Writer): buffer {
	const out = buffer.create(w.p);
	buffer.copy(out, 0, w.b, 0, w.p);
	return out;
}

/** Rewinds the writer for reuse without freeing its storage. */
export function resetWriter(w: Writer) {
	w.p = 0;
}

/** Throws a CodecError: how a reader refuses input (name the problem and where it is). */
export function fail(reason: string): never {
	throw new CodecError(reason);
}

/** Throws unless `bytes` more bytes can be read. */
export function need(r: Reader, bytes: number) {
	if (r.p + bytes > r.n) fail(`truncated: need ${bytes} byte(s) at ${r.p}, packet ends at ${r.n}`);
}

/** Bytes left to read. */
export function remaining(r: Reader): number {
	return r.n - r.p;
}

// Fixed-size numbers ---------------------------------------------------------------

export function writeU8(w: Writer, v: number) {
	if (w.p + 1 > buffer.len(w.b)) reserve(w, 1);
	buffer.writeu8(w.b, w.p, v);
	w.p += 1;
}
export function readU8(r: Reader): number {
	if (r.p + 1 > r.n) need(r, 1);
	const v = buffer.readu8(r.b, r.p);
	r.p += 1;
	return v;
}
export function writeU16(w: Writer, v: number) {
	if (w.p + 2 > buffer.len(w.b)) reserve(w, 2);
	buffer.writeu16(w.b, w.p, v);
	w.p += 2;
}
export function readU16(r: Reader): number {
	if (r.p + 2 > r.n) need(r, 2);
	const v = buffer.readu16(r.b, r.p);
	r.p += 2;
	return v;
}
export function writeU32(w: Writer, v: number) {
	if (w.p + 4 > buffer.len(w.b)) reserve(w, 4);
	buffer.writeu32(w.b, w.p, v);
	w.p += 4;
}
export function readU32(r: Reader): number {
	if (r.p + 4 > r.n) need(r, 4);
	const v = buffer.readu32(r.b, r.p);
	r.p += 4;
	return v;
}
export function writeI8(w: Writer, v: number) {
	if (w.p + 1 > buffer.len(w.b)) reserve(w, 1);
	buffer.writei8(w.b, w.p, v);
	w.p += 1;
}
export function readI8(r: Reader): number {
	if (r.p + 1 > r.n) need(r, 1);
	const v = buffer.readi8(r.b, r.p);
	r.p += 1;
	return v;
}
export function writeI16(w: Writer, v: number) {
	if (w.p + 2 > buffer.len(w.b)) reserve(w, 2);
	buffer.writei16(w.b, w.p, v);
	w.p += 2;
}
export function readI16(r: Reader): number {
	if (r.p + 2 > r.n) need(r, 2);
	const v = buffer.readi16(r.b, r.p);
	r.p += 2;
	return v;
}
export function writeI32(w: Writer, v: number) {
	if (w.p + 4 > buffer.len(w.b)) reserve(w, 4);
	buffer.writei32(w.b, w.p, v);
	w.p += 4;
}
export function readI32(r: Reader): number {
	if (r.p + 4 > r.n) need(r, 4);
	const v = buffer.readi32(r.b, r.p);
	r.p += 4;
	return v;
}
export function writeF32(w: Writer, v: number) {
	if (w.p + 4 > buffer.len(w.b)) reserve(w, 4);
	buffer.writef32(w.b, w.p, v);
	w.p += 4;
}
export function readF32(r: Reader): number {
	if (r.p + 4 > r.n) need(r, 4);
	const v = buffer.readf32(r.b, r.p);
	r.p += 4;
	return v;
}
export function writeF64(w: Writer, v: number) {
	if (w.p + 8 > buffer.len(w.b)) reserve(w, 8);
	buffer.writef64(w.b, w.p, v);
	w.p += 8;
}
export function readF64(r: Reader): number {
	if (r.p + 8 > r.n) need(r, 8);
	const v = buffer.readf64(r.b, r.p);
	r.p += 8;
	return v;
}

// Variable-length integers ------------------------------------------------------------

/** Largest integer a varint carries exactly (2^53 - 1). */
export const MAX_SAFE_INTEGER = 9007199254740991;

/** Unsigned LEB128: 7 bits per byte, low bits first; 0..127 take one byte. */
export function writeVarUint(w: Writer, v: number) {
	if (w.p + 8 > buffer.len(w.b)) reserve(w, 8);
	const b = w.b;
	let p = w.p;
	while (v >= 128) {
		buffer.writeu8(b, p, (v % 128) + 128);
		v = math.floor(v / 128);
		p += 1;
	}
	buffer.writeu8(b, p, v);
	w.p = p + 1;
}

export function readVarUint(r: Reader): number {
	const b = r.b;
	let p = r.p;
	const n = r.n;
	if (p < n) {
		const first = buffer.readu8(b, p);
		if (first < 128) {
			r.p = p + 1;
			return first;
		}
	}
	let result = 0;
	let scale = 1;
	for (let i = 0; i < 8; i++) {
		if (p >= n) fail(`truncated varint at ${r.p}`);
		const byte = buffer.readu8(b, p);
		p += 1;
		if (byte < 128) {
			const v = result + byte * scale;
			// 8 bytes carry 56 bits: refuse what a double cannot hold exactly (and write never produces)
			if (v > MAX_SAFE_INTEGER) fail(`varint at ${r.p} exceeds 2^53-1`);
			r.p = p;
			return v;
		}
		result += (byte - 128) * scale;
		scale *= 128;
	}
	return fail(`varint longer than 8 bytes at ${r.p}`);
}

/**
 * Zigzag maps signed to unsigned (0, -1, 1, -2 -> 0, 1, 2, 3) so small magnitudes stay short.
 * The zigzag of a value beyond +-2^52 needs 54 bits, which a double cannot hold (odd values
 * round, -(2^52+1) came back as +2^52), so the first byte (sign and low 6 bits) is split off
 * and the rest (magnitude / 64) is a varuint: the same bytes as LEB128 of the zigzag value,
 * exact over the whole +-(2^53-1) range.
 */
export function writeVarInt(w: Writer, v: number) {
	const negative = v < 0;
	const m = negative ? -v - 1 : v; // zigzag(v) = 2m + sign
	const low = 2 * (m % 64) + (negative ? 1 : 0);
	const rest = math.floor(m / 64);
	if (rest === 0) {
		writeU8(w, low);
	} else {
		writeU8(w, low + 128);
		writeVarUint(w, rest);
	}
}

export function readVarInt(r: Reader): number {
	const start = r.p;
	if (start < r.n) {
		// one byte (|v| < 64): the common case, no calls
		const first = buffer.readu8(r.b, start);
		if (first < 128) {
			r.p = start + 1;
			return first % 2 === 0 ? first / 2 : -(first + 1) / 2;
		}
	}
	const first = readU8(r);
	const low = first % 128;
	const rest = first >= 128 ? readVarUint(r) : 0;
	const m = math.floor(low / 2) + rest * 64;
	const v = low % 2 === 0 ? m : -m - 1;
	if (math.abs(v) > MAX_SAFE_INTEGER) fail(`varint at ${start} exceeds +-(2^53-1)`);
	return v;
}

/**
 * Writes `v` as writeVarUint does at byte `p` of `b`, which must have room
 * (8 bytes); returns the position after it. For hot loops that keep the
 * position in a local instead of a Writer.
 */
export function putVarUint(b: buffer, p: number, v: number): number {
	while (v >= 128) {
		buffer.writeu8(b, p, (v % 128) + 128);
		v = math.floor(v / 128);
		p += 1;
	}
	buffer.writeu8(b, p, v);
	return p + 1;
}

/** Writes `v` as writeVarInt does at byte `p` of `b` (room for 9 bytes assumed); returns the position after it. */
export function putVarInt(b: buffer, p: number, v: number): number {
	if (v >= -64 && v < 64) {
		buffer.writeu8(b, p, v >= 0 ? v * 2 : -v * 2 - 1);
		return p + 1;
	}
	const negative = v < 0;
	const m = negative ? -v - 1 : v;
	buffer.writeu8(b, p, 2 * (m % 64) + (negative ? 1 : 0) + 128);
	return putVarUint(b, p + 1, math.floor(m / 64));
}

/** Bytes writeVarUint uses for `v`. */
export function varUintSize(v: number): number {
	let size = 1;
	while (v >= 128) {
		v = math.floor(v / 128);
		size += 1;
	}
	return size;
}

/** Bytes writeVarInt uses for `v`. */
export function varIntSize(v: number): number {
	const m = v < 0 ? -v - 1 : v;
	const rest = math.floor(m / 64);
	return rest === 0 ? 1 : 1 + varUintSize(rest);
}

// Bytes and strings ---------------------------------------------------------------------

export function writeString(w: Writer, s: string) {
	const len = s.size();
	writeVarUint(w, len);
	if (w.p + len > buffer.len(w.b)) reserve(w, len);
	buffer.writestring(w.b, w.p, s, len);
	w.p += len;
}

/** Reads a length-prefixed string, refusing lengths over `maxLength` before allocating. */
export function readString(r: Reader, maxLength: number): string {
	const len = readVarUint(r);
	if (len > maxLength) fail(`string of ${len} bytes exceeds its limit of ${maxLength}`);
	if (r.p + len > r.n) need(r, len);
	const s = buffer.readstring(r.b, r.p, len);
	r.p += len;
	return s;
}

export function writeBytes(w: Writer, src: buffer, offset = 0, length = buffer.len(src) - offset) {
	if (w.p + length > buffer.len(w.b)) reserve(w, length);
	buffer.copy(w.b, w.p, src, offset, length);
	w.p += length;
}
