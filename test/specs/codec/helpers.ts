// Helpers shared by the codec specs: encode/decode through the public codec
// API, catch decode errors, and assertions whose failure message says what
// was expected.
import * as codec from "../../../src/codec";
import { assertAtMost, assertBetween, assertEqual, check } from "../../support/check";
export { assertAtMost, assertBetween, assertEqual, check };

type Codec<T> = codec.Codec<T>;

/** True when two numbers are the same IEEE value: NaN matches NaN, -0 does not match 0. */
export function sameBits(a: number, b: number): boolean {
	if (a !== a) return b !== b;
	return a === b && (a !== 0 || 1 / a === 1 / b);
}

/** Fails unless `actual` and `expected` are the same IEEE value (sign of zero included). */
export function assertSameNumber(actual: number, expected: number, message: string) {
	if (!sameBits(actual, expected)) error(`${message}: expected ${tostring(expected)}, got ${tostring(actual)}`, 2);
}

/** Encodes `value` with `c` into a buffer of exactly the written size. */
export function encode<T>(c: Codec<T>, value: T, ctx?: codec.CodecContext): buffer {
	const w = codec.newWriter(8);
	c.write(w, value, ctx);
	return codec.toBuffer(w);
}

/** Bytes `c` writes for `value`. */
export function sizeOf<T>(c: Codec<T>, value: T, ctx?: codec.CodecContext): number {
	return buffer.len(encode(c, value, ctx));
}

/** Decodes all of `b` with `c`; fails unless every byte was consumed. */
export function decode<T>(c: Codec<T>, b: buffer, ctx?: codec.CodecContext): T {
	const r = codec.newReader(b);
	const v = c.read(r, ctx);
	if (r.p !== r.n) error(`${c.name} read ${r.p} of ${r.n} bytes: it should consume exactly what write produced`, 2);
	return v;
}

/** read(write(value)). */
export function roundTrip<T>(c: Codec<T>, value: T, ctx?: codec.CodecContext): T {
	return decode(c, encode(c, value, ctx), ctx);
}

/** Encodes `value` as a delta against `base`. */
export function encodeDelta<T>(c: Codec<T>, base: T, value: T, ctx?: codec.CodecContext): buffer {
	const w = codec.newWriter(8);
	c.writeDelta!(w, base, value, ctx);
	return codec.toBuffer(w);
}

/** readDelta(base, writeDelta(base, value)); fails unless every byte was consumed. */
export function deltaRoundTrip<T>(c: Codec<T>, base: T, value: T, ctx?: codec.CodecContext): T {
	const r = codec.newReader(encodeDelta(c, base, value, ctx));
	const v = c.readDelta!(r, base, ctx);
	if (r.p !== r.n) error(`${c.name} readDelta read ${r.p} of ${r.n} bytes`, 2);
	return v;
}

/** A buffer holding `values` as bytes. */
export function bytesOf(values: number[]): buffer {
	const b = buffer.create(values.size());
	values.forEach((v, i) => buffer.writeu8(b, i, v));
	return b;
}

/**
 * Runs `fn` and returns the CodecError it threw. Fails if it did not throw,
 * or threw anything other than a CodecError (a Luau error means a reader
 * ran past its checks).
 */
export function codecErrorOf(fn: () => unknown, message: string): codec.CodecError {
	const [ok, err] = pcall(fn);
	if (ok) error(`${message}: expected a CodecError, but the call succeeded`, 2);
	if (!codec.isCodecError(err)) error(`${message}: expected a CodecError, got ${tostring(err)}`, 2);
	return err;
}

/** Reads the first `length` bytes of `b` with `c` and returns the CodecError (fails otherwise). */
export function readPrefixError<T>(c: Codec<T>, b: buffer, length: number, ctx?: codec.CodecContext): codec.CodecError {
	return codecErrorOf(() => c.read(codec.newReader(b, 0, length), ctx), `${c.name} reading ${length} of ${buffer.len(b)} bytes`);
}

/**
 * Checks that every strict prefix of `value`'s encoding (including the empty
 * one) fails with a CodecError: the formats are self-delimiting, so a prefix
 * is never a whole value.
 */
export function checkTruncations<T>(c: Codec<T>, value: T, ctx?: codec.CodecContext) {
	const b = encode(c, value, ctx);
	check(buffer.len(b) > 0, `${c.name} should write at least one byte`);
	for (let n = 0; n < buffer.len(b); n++) readPrefixError(c, b, n, ctx);
}

/** Same as checkTruncations for writeDelta/readDelta against `base`. */
export function checkDeltaTruncations<T>(c: Codec<T>, base: T, value: T, ctx?: codec.CodecContext) {
	const b = encodeDelta(c, base, value, ctx);
	for (let n = 0; n < buffer.len(b); n++) {
		codecErrorOf(() => c.readDelta!(codec.newReader(b, 0, n), base, ctx), `${c.name} readDelta of ${n} of ${buffer.len(b)} bytes`);
	}
}

/** Fails unless validate() returns a message containing `needle` (case-insensitive). */
export function checkRejects<T>(c: Codec<T>, value: unknown, needle: string) {
	const msg = c.validate(value);
	if (msg === undefined) error(`${c.name}.validate(${tostring(value)}) should reject the value`, 2);
	if (!typeIs(msg, "string")) error(`${c.name}.validate should return a string message, got ${typeOf(msg)}`, 2);
	if (msg.lower().find(needle.lower(), 1, true)[0] === undefined)
		error(`${c.name}.validate(${tostring(value)}) message should mention "${needle}", got "${msg}"`, 2);
}

/** Fails unless validate() accepts `value`. */
export function checkAccepts<T>(c: Codec<T>, value: unknown) {
	const msg = c.validate(value);
	if (msg !== undefined) error(`${c.name}.validate(${tostring(value)}) should accept the value, got "${msg}"`, 2);
}

/** Smallest angle between two angles in radians (0..pi). */
export function angleBetween(a: number, b: number): number {
	const tau = 2 * math.pi;
	const d = (a - b) % tau; // floored: 0..tau
	return math.min(d, tau - d);
}
