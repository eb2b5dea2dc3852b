/**
 * Composite codecs: optional and struct (arrays and maps: collections.ts). A struct packs its
 * boolean fields and optional-presence flags into bits, and can encode only
 * the fields that changed against a base (a field mask), which is how a
 * one-field change of a five-field component costs one field on the wire.
 */
import { Codec, CodecContext, describe } from "./codec";
import * as C from "./cursor";
import { structLanes } from "./structLanes";

/** Nested decoding depth limit, so hostile input cannot recurse without bound. */
export const MAX_DEPTH = 32;

/** A value or undefined: one presence byte (one bit inside a struct), then the value. */
export function optional<T>(inner: Codec<T>): Codec<T | undefined> & { readonly inner: Codec<T> } {
	return {
		inner,
		name: `optional<${inner.name}>`,
		exact: inner.exact,
		refs: inner.refs,
		maxSize: inner.maxSize !== undefined ? 1 + inner.maxSize : undefined,
		write: (w, v, ctx) => {
			if (v === undefined) {
				C.writeU8(w, 0);
			} else {
				C.writeU8(w, 1);
				inner.write(w, v, ctx);
			}
		},
		read: (r, ctx) => {
			const present = C.readU8(r);
			if (present === 0) return undefined;
			if (present !== 1) C.fail(`optional: presence byte ${present}`);
			return inner.read(r, ctx);
		},
		validate: (v) => (v === undefined ? undefined : inner.validate(v)),
		canonical: (v) => (v === undefined ? undefined : inner.canonical(v)),
		equals: (a, b) => (a === undefined || b === undefined ? a === b : inner.equals(a, b)),
	};
}

/** Field codecs of a struct, by name. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any, roblox-ts/no-any -- any codec: Codec<T> is invariant in T
export type StructShape = { [name: string]: Codec<any> };
/** The value type of one field codec. */
type FieldValue<C> = C extends Codec<infer T> ? T : never;
/** Names of the fields whose codec can carry undefined (optional(), entity(), ...). */
type OptionalFields<S> = { [K in keyof S]-?: undefined extends FieldValue<S[K]> ? K : never }[keyof S];
/** Flattens an intersection of mapped types into one object type, for readable hovers and errors. */
type Flatten<T> = { [K in keyof T]: T[K] };
/**
 * The value type of a struct codec. A field whose codec can carry undefined (`optional(c)`,
 * `entity()`) is an optional property: `struct({ reason: optional(str()) })` gives
 * `{ reason?: string }`, so callers may leave it out.
 */
export type StructValue<S extends StructShape> = Flatten<
	{ [K in Exclude<keyof S, OptionalFields<S>>]: FieldValue<S[K]> } & { [K in OptionalFields<S>]?: FieldValue<S[K]> }
>;

/** A struct codec, with the extra field-mask operations. */
export interface StructCodec<T> extends Codec<T> {
	/** Field names in wire order (sorted). */
	readonly fields: readonly string[];
	/** The field codecs by name. */
	readonly shape: StructShape;
	/** Bit mask of the fields that differ between two canonical values. */
	readonly diff: (base: T, value: T) => number;
	/** Number of fields (masks use this many bits). */
	readonly fieldCount: number;
	/** writeDelta without the mask: the caller carries `mask` elsewhere (e.g. in a record header). */
	readonly writeMasked: (w: C.Writer, base: T, value: T, mask: number, ctx?: CodecContext) => void;
	/** readDelta with the mask given by the caller. */
	readonly readMasked: (r: C.Reader, base: T, mask: number, ctx?: CodecContext) => T;
}

const enum FieldKind {
	Value,
	Bool,
	Optional,
}

interface Field {
	name: string;
	codec: Codec<unknown>;
	kind: FieldKind;
	/** For optionals: the inner codec. */
	inner?: Codec<unknown>;
	bit: number;
}

/**
 * A record of named fields. Wire layout: a flags varint holding one bit per
 * boolean field value and per optional field's presence, then the other
 * fields in name order. writeDelta adds a varint mask of changed fields and
 * writes only those (using each field's own delta where it has one).
 */
export function struct<S extends StructShape>(shape: S): StructCodec<StructValue<S>> {
	type T = StructValue<S>;
	const names: string[] = [];
	for (const [name] of pairs(shape)) names.push(name as string);
	names.sort();
	const fields: Field[] = [];
	let flagBits = 0;
	let exact = true;
	let refs = false;
	names.forEach((name) => {
		const codec = shape[name] as Codec<unknown>;
		if (!codec.exact) exact = false;
		if (codec.refs) refs = true;
		const optionalInner = (codec as { inner?: Codec<unknown> }).inner;
		if (codec.name === "bool") {
			fields.push({ name, codec, kind: FieldKind.Bool, bit: flagBits });
			flagBits += 1;
		} else if (optionalInner !== undefined) {
			fields.push({ name, codec, kind: FieldKind.Optional, inner: optionalInner, bit: flagBits });
			flagBits += 1;
		} else {
			fields.push({ name, codec, kind: FieldKind.Value, bit: -1 });
		}
	});
	const count = fields.size();
	const pow2 = (n: number) => 2 ** n;
	// worst case: the delta's field mask, the flags, then every value field and every optional's inner value
	let maxSize: number | undefined = C.varUintSize(pow2(count) - 1) + (flagBits > 0 ? C.varUintSize(pow2(flagBits) - 1) : 0);
	for (const f of fields) {
		if (f.kind === FieldKind.Bool) continue;
		const size = (f.kind === FieldKind.Optional ? f.inner! : f.codec).maxSize;
		maxSize = maxSize === undefined || size === undefined ? undefined : maxSize + size;
	}

	const writeFields = (w: C.Writer, v: T, mask: number, base: T | undefined, ctx?: CodecContext) => {
		const value = v as unknown as { [k: string]: unknown };
		const baseValue = base as unknown as { [k: string]: unknown } | undefined;
		let flags = 0;
		for (let i = 0; i < count; i++) {
			const f = fields[i];
			if (f.kind === FieldKind.Bool) {
				if (value[f.name] === true) flags += pow2(f.bit);
			} else if (f.kind === FieldKind.Optional) {
				if (value[f.name] !== undefined) flags += pow2(f.bit);
			}
		}
		if (flagBits > 0) C.writeVarUint(w, flags);
		for (let i = 0; i < count; i++) {
			if (mask % pow2(i + 1) < pow2(i)) continue;
			const f = fields[i];
			if (f.kind === FieldKind.Bool) continue;
			const fv = value[f.name];
			if (f.kind === FieldKind.Optional) {
				if (fv === undefined) continue;
				const inner = f.inner!;
				const bv = baseValue?.[f.name];
				if (bv !== undefined && inner.writeDelta) inner.writeDelta(w, bv, fv, ctx);
				else inner.write(w, fv, ctx);
			} else {
				const bv = baseValue?.[f.name];
				if (baseValue !== undefined && f.codec.writeDelta) f.codec.writeDelta(w, bv, fv, ctx);
				else f.codec.write(w, fv, ctx);
			}
		}
	};

	const readFields = (r: C.Reader, mask: number, base: T | undefined, ctx?: CodecContext): T => {
		const out: { [k: string]: unknown } = {};
		const baseValue = base as unknown as { [k: string]: unknown } | undefined;
		const flags = flagBits > 0 ? C.readVarUint(r) : 0;
		if (flags >= pow2(flagBits)) C.fail(`struct: flags ${flags} use more than ${flagBits} bits`);
		for (let i = 0; i < count; i++) {
			const f = fields[i];
			const changed = mask % pow2(i + 1) >= pow2(i);
			if (!changed) {
				out[f.name] = baseValue?.[f.name];
				continue;
			}
			const bitSet = f.bit >= 0 && flags % pow2(f.bit + 1) >= pow2(f.bit);
			if (f.kind === FieldKind.Bool) {
				out[f.name] = bitSet;
			} else if (f.kind === FieldKind.Optional) {
				if (!bitSet) {
					out[f.name] = undefined;
				} else {
					const inner = f.inner!;
					const bv = baseValue?.[f.name];
					out[f.name] = bv !== undefined && inner.readDelta ? inner.readDelta(r, bv, ctx) : inner.read(r, ctx);
				}
			} else {
				out[f.name] =
					baseValue !== undefined && f.codec.readDelta ? f.codec.readDelta(r, baseValue[f.name], ctx) : f.codec.read(r, ctx);
			}
		}
		return out as T;
	};

	const all = pow2(count) - 1;
	const codec: StructCodec<T> = {
		name: `struct{${names.map((n) => `${n}:${(shape[n] as Codec<unknown>).name}`).join(",")}}`,
		exact,
		refs,
		maxSize,
		fields: names,
		shape,
		write: (w, v, ctx) => writeFields(w, v, all, undefined, ctx),
		read: (r, ctx) => readFields(r, all, undefined, ctx),
		validate: (v) => {
			if (!typeIs(v, "table")) return `struct expects a table, got ${describe(v)}`;
			const value = v as { [k: string]: unknown };
			for (const f of fields) {
				const err = f.codec.validate(value[f.name]);
				if (err !== undefined) return `field ${f.name}: ${err}`;
			}
			return undefined;
		},
		canonical: (v) => {
			if (exact) return v;
			const value = v as unknown as { [k: string]: unknown };
			const out: { [k: string]: unknown } = {};
			for (const f of fields) out[f.name] = f.codec.canonical(value[f.name]);
			return out as T;
		},
		equals: (a, b) => {
			if (a === b) return true;
			const va = a as unknown as { [k: string]: unknown };
			const vb = b as unknown as { [k: string]: unknown };
			for (const f of fields) if (!f.codec.equals(va[f.name], vb[f.name])) return false;
			return true;
		},
		diff: (base, value) => {
			const va = base as unknown as { [k: string]: unknown };
			const vb = value as unknown as { [k: string]: unknown };
			let mask = 0;
			for (let i = 0; i < count; i++) {
				const f = fields[i];
				if (!f.codec.equals(va[f.name], vb[f.name])) mask += pow2(i);
			}
			return mask;
		},
		writeDelta: (w, base, value, ctx) => {
			const mask = codec.diff(base, value);
			C.writeVarUint(w, mask);
			writeFields(w, value, mask, base, ctx);
		},
		readDelta: (r, base, ctx) => {
			const mask = C.readVarUint(r);
			if (mask > all) C.fail(`struct: field mask ${mask} names more than ${count} fields`);
			return readFields(r, mask, base, ctx);
		},
		fieldCount: count,
		lanes: structLanes(names, shape as { [name: string]: Codec<unknown> }),
		writeMasked: (w, base, value, mask, ctx) => writeFields(w, value, mask, base, ctx),
		readMasked: (r, base, mask, ctx) => {
			if (mask > all) C.fail(`struct: field mask ${mask} names more than ${count} fields`);
			return readFields(r, mask, base, ctx);
		},
	};
	return codec;
}
