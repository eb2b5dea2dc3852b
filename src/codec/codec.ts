import { Reader, Writer } from "./cursor";

/**
 * Translates entity references on the wire: the server writes a small handle
 * for an entity, each peer maps it back to its own entity.
 */
export interface CodecContext {
	/** Handle for a local entity, or 0 when the receiver cannot know it. */
	readonly toHandle: (entity: number) => number;
	/** Local entity for a handle (created on first sight on clients), or undefined. */
	readonly fromHandle: (handle: number) => number | undefined;
}

/**
 * A pure, schema'd encoding of values of type T into a buffer cursor: the extension point for
 * your own formats (see README "Writing your own codec"). Codecs never touch Roblox services;
 * they are safe to fuzz. The contract, which `checkCodec` verifies:
 * - `write` is pure and assumes `validate` accepted the value;
 * - `read` only uses the bounds-checked cursor readers and throws a CodecError (never another
 *   error) on input `write` never produces; every value it returns passes `validate`;
 * - `canonical` is what the receiver decodes, `equals` compares canonical values;
 * - `maxSize` bounds `write` and `writeDelta`; the delta pair is optional, both or neither;
 * - `fixedSize`, when set, is the size of every `write` and `writeDelta`.
 */
export interface Codec<T> {
	/** Short description, used in error messages and schema checks (e.g. "u16"). */
	readonly name: string;
	/** Whether canonical() is the identity (no quantization). */
	readonly exact: boolean;
	/** Whether values may hold entity references (so they are re-sent when a target appears). */
	readonly refs?: boolean;
	/** Writes `value`. Call validate() first: write assumes a valid value. */
	readonly write: (w: Writer, value: T, ctx?: CodecContext) => void;
	/** Reads a value; throws a CodecError on malformed input. */
	readonly read: (r: Reader, ctx?: CodecContext) => T;
	/** Why `value` cannot be encoded (wrong type, NaN, out of range, too long), or undefined. */
	readonly validate: (value: unknown) => string | undefined;
	/** The value the receiver will decode (after quantization). */
	readonly canonical: (value: T) => T;
	/** Whether two canonical values encode the same. */
	readonly equals: (a: T, b: T) => boolean;
	/** Writes `value` relative to `base` (both canonical), usually shorter than write(). */
	readonly writeDelta?: (w: Writer, base: T, value: T, ctx?: CodecContext) => void;
	/** Reads a value written by writeDelta against the same `base`. */
	readonly readDelta?: (r: Reader, base: T, ctx?: CodecContext) => T;
	/** Allocation-free flat form of the values (see lanes.ts); without it, `lanesOf` gives a generic one. */
	readonly lanes?: Lanes;
	/**
	 * Worst-case bytes of one encoded value: no value that validate() accepts makes write()
	 * (or writeDelta(), when there is one) emit more. Undefined means unbounded (e.g. an array
	 * without an explicit `maxLength`). Read by size reports; `checkCodec` verifies it.
	 */
	readonly maxSize?: number;
	/**
	 * Bytes of every encoded value when they are all the same size (`write`, and
	 * `writeDelta` when there is one): a receiver that does not know the codec
	 * can then skip a value without a length prefix. Undefined for codecs whose
	 * size varies (their values travel with a length where they may be
	 * skipped). When set, it equals `maxSize`; `checkCodec` verifies it.
	 */
	readonly fixedSize?: number;
}

/** Flat storage of one codec's values: `count` lanes per value, at an offset of an array. */
export interface Lanes {
	/** Lanes per value. */
	readonly count: number;
	/**
	 * Validates `value` and stores its canonical form in `out[off..off+count)`.
	 * Returns why the value cannot be encoded (as the codec's validate says), or undefined.
	 */
	readonly load: (value: unknown, out: unknown[], off: number) => string | undefined;
	/** Whether two stored values encode the same. */
	readonly same: (a: unknown[], ao: number, b: unknown[], bo: number) => boolean;
	/** Writes a stored value: the same bytes as the codec's write of the canonical value. */
	readonly write: (w: Writer, a: unknown[], ao: number, ctx?: CodecContext) => void;
	/** Writes a stored value against a stored base: the same bytes as the codec's writeDelta (when it has one). */
	readonly writeDelta?: (w: Writer, base: unknown[], bo: number, a: unknown[], ao: number, ctx?: CodecContext) => void;
	/** The canonical value a stored value stands for. */
	readonly value: (a: unknown[], ao: number) => unknown;
	/** Structs: how many fields a field mask names. */
	readonly fieldCount?: number;
	/** Structs: the mask of fields that differ between two stored values. */
	readonly fieldMask?: (base: unknown[], bo: number, a: unknown[], ao: number) => number;
	/**
	 * Lanes that are plain integers with a fixed encoding (quantized numbers,
	 * angles, vectors with a precision): lets a struct of them compare and
	 * write all its lanes in one loop.
	 */
	readonly ints?: IntLanes;
	/** Structs: writes the fields that differ from the base (as writeMasked with fieldMask) and returns their mask. */
	readonly writeChanged?: (w: Writer, base: unknown[], bo: number, a: unknown[], ao: number, ctx?: CodecContext) => number;
	/**
	 * Integer-lane structs, for the receiver: reads what writeChanged wrote for
	 * `mask` against the base lanes into `out` (unchanged fields copied from the
	 * base), or a whole value; bounds-checked like the codec's read.
	 */
	readonly readChanged?: (r: Reader, base: unknown[], bo: number, out: unknown[], oo: number, mask: number) => void;
	readonly readWhole?: (r: Reader, out: unknown[], oo: number) => void;
	/** Structs: writes the fields named by `mask` (as the codec's writeMasked). */
	readonly writeMasked?: (w: Writer, base: unknown[], bo: number, a: unknown[], ao: number, mask: number, ctx?: CodecContext) => void;
}

/** The value type a codec encodes. */
export type CodecValue<C> = C extends Codec<infer T> ? T : never;

/** Number equality for canonical values: NaN equals NaN (and 0 equals -0). */
export function sameNumber(a: number, b: number): boolean {
	// NaN equals NaN on the wire, so a NaN value is not resent forever
	return a === b || (a !== a && b !== b);
}

/** canonical() of exact codecs. */
export function identity<T>(value: T): T {
	return value;
}

/** equals() of codecs whose values compare with ===. */
export function strictEquals<T>(a: T, b: T): boolean {
	return a === b;
}

/** Describes a value for error messages, in TypeScript's words (undefined, not nil). */
export function describe(value: unknown): string {
	if (value === undefined) return "undefined";
	if (typeIs(value, "number")) return value !== value ? "NaN" : tostring(value);
	if (typeIs(value, "string")) return value.size() > 40 ? `string(${value.size()} bytes)` : `"${value}"`;
	return typeOf(value);
}

/** How integer lanes are written (see Lanes.ints), one entry per lane. */
export interface IntLanes {
	/** Whole value: -1 = zigzag varint of the lane; else u16 of (lane + this offset). */
	readonly u16Offset: readonly number[];
	/** Delta against a base: 0 = zigzag varint of the difference; else the difference wrapped to [-m/2, m/2) for this modulus m. */
	readonly wrap: readonly number[];
	/** The lane values encode produces (decode refuses others): lo[k] <= lane <= hi[k]. */
	readonly lo: readonly number[];
	readonly hi: readonly number[];
}
