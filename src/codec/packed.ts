/**
 * Bit-level codecs: `bits(n)`, an unsigned integer of n bits, and `packed({...})`, a record whose
 * fields (bits, bool, small literals) are packed at bit granularity, with no byte per field: a
 * 3-bit state, a flag and a 10-bit id take 2 bytes instead of 4.
 */
import { Codec, describe, identity, strictEquals } from "./codec";
import * as C from "./cursor";
import { bool, LiteralCodec } from "./primitives";

/** An unsigned integer of `bitWidth` bits (see {@link bits}). */
export interface BitsCodec extends Codec<number> {
	/** Bits per value (1..32). */
	readonly bitWidth: number;
}

/**
 * An unsigned integer of `n` bits (1..32), 0..2^n-1: ceil(n/8) bytes alone, exactly `n` bits as a
 * field of {@link packed}. Decoding refuses values that do not fit in `n` bits.
 */
export function bits(n: number): BitsCodec {
	if (!typeIs(n, "number") || n % 1 !== 0 || n < 1 || n > 32) error(`bits: n must be an integer from 1 to 32, got ${tostring(n)}`, 2);
	const size = math.ceil(n / 8);
	const limit = 2 ** n;
	const name = `bits(${n})`;
	const write = (w: C.Writer, v: number) => {
		if (size === 1) C.writeU8(w, v);
		else if (size === 2) C.writeU16(w, v);
		else if (size === 4) C.writeU32(w, v);
		else {
			C.writeU16(w, v % 65536);
			C.writeU8(w, math.floor(v / 65536));
		}
	};
	const read = (r: C.Reader) => {
		const v = size === 1 ? C.readU8(r) : size === 2 ? C.readU16(r) : size === 4 ? C.readU32(r) : C.readU16(r) + C.readU8(r) * 65536;
		if (v >= limit) C.fail(`${name}: ${v} does not fit in ${n} bits`);
		return v;
	};
	return {
		name,
		exact: true,
		bitWidth: n,
		maxSize: size,
		fixedSize: size,
		write,
		read,
		validate: (v) => {
			if (!typeIs(v, "number")) return `${name} expects a number, got ${describe(v)}`;
			if (v !== v) return `${name} cannot encode NaN`;
			if (v % 1 !== 0) return `${name} expects an integer, got ${describe(v)}`;
			if (v < 0 || v >= limit) return `${name} value ${describe(v)} is out of range [0, ${limit - 1}]; use more bits`;
			return undefined;
		},
		canonical: identity,
		equals: strictEquals,
	};
}

/** Field codecs of a packed record: `bits(n)`, `bool` or `literal([...])`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any, roblox-ts/no-any -- any literal codec: LiteralCodec<T> is invariant in T
export type PackedShape = { [name: string]: BitsCodec | Codec<boolean> | LiteralCodec<any> };
/** The value type of a packed codec. */
export type PackedValue<S extends PackedShape> = { [K in keyof S]: S[K] extends Codec<infer T> ? T : never };

/** A packed codec, with its layout. */
export interface PackedCodec<T> extends Codec<T> {
	/** Field names in wire order (sorted). */
	readonly fields: readonly string[];
	/** Bits of a whole value (its bytes: ceil(bitCount / 8)). */
	readonly bitCount: number;
}

interface BitField {
	name: string;
	codec: Codec<unknown>;
	width: number;
	toInt: (v: unknown) => number;
	fromInt: (i: number) => unknown;
}

function fieldOf(name: string, codec: Codec<unknown>): BitField {
	const width = (codec as { bitWidth?: number }).bitWidth;
	if (width !== undefined) return { name, codec, width, toInt: (v) => v as number, fromInt: (i) => i };
	if (codec === (bool as Codec<unknown>)) return { name, codec, width: 1, toInt: (v) => (v === true ? 1 : 0), fromInt: (i) => i === 1 };
	const options = (codec as { options?: readonly unknown[] }).options;
	if (options !== undefined) {
		const count = options.size();
		let w = 0;
		while (2 ** w < count) w += 1;
		const index = new Map<unknown, number>();
		(options as readonly defined[]).forEach((v, i) => index.set(v, i));
		return {
			name,
			codec,
			width: w,
			toInt: (v) => index.get(v)!,
			fromInt: (i) => {
				if (i >= count) C.fail(`packed: field ${name}: index ${i} is not one of ${count} options`);
				return options[i];
			},
		};
	}
	return error(
		`packed: field "${name}" uses ${codec.name}; a packed field must be codec.bits(n), codec.bool or codec.literal([...]) (put other fields in a codec.struct beside the packed one)`,
		3,
	);
}

/**
 * A record of small fields packed at bit granularity, in name order, rounded up to whole bytes
 * (the padding bits must be zero on decode). Its delta is a varint mask of the changed fields,
 * then only those fields, packed the same way.
 *
 * ```ts
 * const Flags = codec.packed({ state: codec.literal(["idle", "walk", "run"]), crouched: codec.bool, ammo: codec.bits(6) });
 * // 2 + 1 + 6 = 9 bits: 2 bytes
 * ```
 */
export function packed<S extends PackedShape>(shape: S): PackedCodec<PackedValue<S>> {
	type T = PackedValue<S>;
	const names: string[] = [];
	for (const [name] of pairs(shape)) names.push(name as string);
	names.sort();
	const fields = names.map((name) => fieldOf(name, shape[name] as Codec<unknown>));
	const count = fields.size();
	let bitCount = 0;
	for (const f of fields) bitCount += f.width;
	const all = 2 ** count - 1;
	const has = (mask: number, i: number) => mask % 2 ** (i + 1) >= 2 ** i;

	const writeBits = (w: C.Writer, v: T, mask: number) => {
		const value = v as unknown as { [k: string]: unknown };
		let acc = 0;
		let accBits = 0;
		for (let i = 0; i < count; i++) {
			if (mask !== all && !has(mask, i)) continue;
			const f = fields[i];
			acc += f.toInt(value[f.name]) * 2 ** accBits;
			accBits += f.width;
			while (accBits >= 8) {
				C.writeU8(w, acc % 256);
				acc = math.floor(acc / 256);
				accBits -= 8;
			}
		}
		if (accBits > 0) C.writeU8(w, acc);
	};
	const readBits = (r: C.Reader, mask: number, base: T | undefined): T => {
		const baseValue = base as unknown as { [k: string]: unknown } | undefined;
		const out: { [k: string]: unknown } = {};
		let acc = 0;
		let accBits = 0;
		for (let i = 0; i < count; i++) {
			const f = fields[i];
			if (mask !== all && !has(mask, i)) {
				out[f.name] = baseValue?.[f.name];
				continue;
			}
			while (accBits < f.width) {
				acc += C.readU8(r) * 2 ** accBits;
				accBits += 8;
			}
			const scale = 2 ** f.width;
			out[f.name] = f.fromInt(acc % scale);
			acc = math.floor(acc / scale);
			accBits -= f.width;
		}
		if (acc !== 0) C.fail(`packed: padding bits are set (${acc}); encode always writes them as zero`);
		return out as T;
	};

	const codec: PackedCodec<T> = {
		name: `packed{${fields.map((f) => `${f.name}:${f.width}`).join(",")}}`,
		exact: true,
		fields: names,
		bitCount,
		// a delta's field mask, then at worst every field
		maxSize: C.varUintSize(all) + math.ceil(bitCount / 8),
		write: (w, v) => writeBits(w, v, all),
		read: (r) => readBits(r, all, undefined),
		validate: (v) => {
			if (!typeIs(v, "table")) return `packed expects a table, got ${describe(v)}`;
			const value = v as { [k: string]: unknown };
			for (const f of fields) {
				const err = f.codec.validate(value[f.name]);
				if (err !== undefined) return `field ${f.name}: ${err}`;
			}
			return undefined;
		},
		canonical: identity,
		equals: (a, b) => {
			if (a === b) return true;
			const va = a as unknown as { [k: string]: unknown };
			const vb = b as unknown as { [k: string]: unknown };
			for (const f of fields) if (va[f.name] !== vb[f.name]) return false;
			return true;
		},
		writeDelta: (w, base, v) => {
			const va = base as unknown as { [k: string]: unknown };
			const vb = v as unknown as { [k: string]: unknown };
			let mask = 0;
			for (let i = 0; i < count; i++) if (va[fields[i].name] !== vb[fields[i].name]) mask += 2 ** i;
			C.writeVarUint(w, mask);
			if (mask > 0) writeBits(w, v, mask);
		},
		readDelta: (r, base) => {
			const mask = C.readVarUint(r);
			if (mask > all) C.fail(`packed: field mask ${mask} names more than ${count} fields`);
			if (mask === 0) return base;
			return readBits(r, mask, base);
		},
	};
	return codec;
}
