/**
 * Collections: arrays and maps, counted by a varint. Their deltas (see
 * collectionDelta.ts) send only the elements or keys that changed.
 */
import { Codec, CodecContext, describe } from "./codec";
import * as C from "./cursor";
import { keyOrder, readArrayDelta, readMapDelta, writeArrayDelta, writeMapDelta, writeShorter } from "./collectionDelta";

/** Options of array and map codecs. */
export interface SizeOptions {
	/**
	 * Most elements accepted (default 4096); longer input is rejected before allocating.
	 * Only an explicit maxLength bounds `maxSize`: the default is a decoding safety cap, not a size
	 * you chose, so without one the codec's maxSize is undefined (unbounded).
	 */
	maxLength?: number;
}

/**
 * maxSize of a count-prefixed collection: undefined without an explicit limit or with an
 * unbounded item. A delta is at most one byte (its tag) over the whole value (collectionDelta.ts).
 */
function collectionSize(options: SizeOptions | undefined, item: number | undefined): number | undefined {
	const n = options?.maxLength;
	if (n === undefined || item === undefined) return undefined;
	return 1 + C.varUintSize(n) + n * item;
}

/**
 * An array: varint length, then each element. Deltas send the elements that
 * changed, were appended or truncated (see collectionDelta.ts).
 */
export function array<T extends defined>(element: Codec<T>, options?: SizeOptions): Codec<T[]> {
	const maxLength = options?.maxLength ?? 4096;
	const write = (w: C.Writer, v: T[], ctx?: CodecContext) => {
		C.writeVarUint(w, v.size());
		for (const item of v) element.write(w, item, ctx);
	};
	const codec: Codec<T[]> = {
		name: `array<${element.name}>`,
		exact: element.exact,
		refs: element.refs,
		maxSize: collectionSize(options, element.maxSize),
		write,
		writeDelta: (w, base, value, ctx) =>
			writeShorter(
				w,
				(w) => write(w, value, ctx),
				(w) => writeArrayDelta(w, element, base, value, ctx),
			),
		readDelta: (r, base, ctx) => {
			const tag = C.readVarUint(r);
			return tag === 0 ? codec.read(r, ctx) : readArrayDelta(r, element, base, tag, maxLength, ctx);
		},
		read: (r, ctx) => {
			const n = C.readVarUint(r);
			if (n > maxLength) C.fail(`array of ${n} elements exceeds its limit of ${maxLength}`);
			// every element takes at least one byte: refuse impossible counts early
			if (n > C.remaining(r)) C.fail(`array claims ${n} elements but only ${C.remaining(r)} bytes remain`);
			const out = table.create<T>(n);
			for (let i = 0; i < n; i++) {
				const item = element.read(r, ctx);
				// a nil element would leave a hole: the array's length (and its re-encoding) would change
				if (item === undefined) C.fail(`array: element ${i} decoded to undefined, which an array cannot hold`);
				out[i] = item;
			}
			return out;
		},
		validate: (v) => {
			if (!typeIs(v, "table")) return `array expects a table, got ${describe(v)}`;
			const arr = v as unknown[];
			const n = arr.size();
			if (n > maxLength) return `array of ${n} elements exceeds its limit of ${maxLength}`;
			for (let i = 0; i < n; i++) {
				const err = element.validate(arr[i]);
				if (err !== undefined) return `[${i}]: ${err}`;
			}
			return undefined;
		},
		canonical: element.exact ? (v) => v : (v) => v.map((x) => element.canonical(x)),
		equals: (a, b) => {
			if (a === b) return true;
			if (a.size() !== b.size()) return false;
			for (let i = 0; i < a.size(); i++) if (!element.equals(a[i], b[i])) return false;
			return true;
		},
	};
	return codec;
}

/**
 * A map: varint size, then key/value pairs (in key order, so equal maps encode
 * equally). Deltas send the keys set and the keys removed (see collectionDelta.ts).
 */
export function map<K extends defined, V extends defined>(key: Codec<K>, value: Codec<V>, options?: SizeOptions): Codec<Map<K, V>> {
	const maxLength = options?.maxLength ?? 4096;
	const write = (w: C.Writer, v: Map<K, V>, ctx?: CodecContext) => {
		const keys: K[] = [];
		for (const [k] of v) keys.push(k);
		keys.sort(keyOrder);
		C.writeVarUint(w, keys.size());
		for (const k of keys) {
			key.write(w, k, ctx);
			value.write(w, v.get(k)!, ctx);
		}
	};
	const codec: Codec<Map<K, V>> = {
		name: `map<${key.name},${value.name}>`,
		exact: key.exact && value.exact,
		refs: key.refs === true || value.refs === true,
		maxSize: collectionSize(
			options,
			key.maxSize !== undefined && value.maxSize !== undefined ? key.maxSize + value.maxSize : undefined,
		),
		write,
		writeDelta: (w, base, updated, ctx) =>
			writeShorter(
				w,
				(w) => write(w, updated, ctx),
				(w) => writeMapDelta(w, key, value, base, updated, ctx),
			),
		readDelta: (r, base, ctx) => {
			const tag = C.readVarUint(r);
			return tag === 0 ? codec.read(r, ctx) : readMapDelta(r, key, value, base, tag, maxLength, ctx);
		},
		read: (r, ctx) => {
			const n = C.readVarUint(r);
			if (n > maxLength) C.fail(`map of ${n} entries exceeds its limit of ${maxLength}`);
			if (n * 2 > C.remaining(r)) C.fail(`map claims ${n} entries but only ${C.remaining(r)} bytes remain`);
			const out = new Map<K, V>();
			for (let i = 0; i < n; i++) {
				const k = key.read(r, ctx);
				// a nil or NaN key cannot index a table: refuse it instead of raising a Luau error
				if (k === undefined || k !== k) C.fail(`map: entry ${i} has a ${k === undefined ? "undefined" : "NaN"} key`);
				const val = value.read(r, ctx);
				if (val === undefined) C.fail(`map: entry ${i} decoded to undefined, which a map cannot hold`);
				out.set(k, val);
			}
			return out;
		},
		validate: (v) => {
			if (!typeIs(v, "table")) return `map expects a table, got ${describe(v)}`;
			let n = 0;
			for (const [k, val] of v as Map<unknown, unknown>) {
				n += 1;
				const ek = key.validate(k);
				if (ek !== undefined) return `key ${describe(k)}: ${ek}`;
				const ev = value.validate(val);
				if (ev !== undefined) return `[${describe(k)}]: ${ev}`;
			}
			if (n > maxLength) return `map of ${n} entries exceeds its limit of ${maxLength}`;
			return undefined;
		},
		canonical: (v) => {
			if (key.exact && value.exact) return v;
			const out = new Map<K, V>();
			for (const [k, val] of v) out.set(key.canonical(k), value.canonical(val));
			return out;
		},
		equals: (a, b) => {
			if (a === b) return true;
			let n = 0;
			for (const [k, va] of a) {
				n += 1;
				const vb = b.get(k);
				if (vb === undefined || !value.equals(va, vb)) return false;
			}
			for (const _ of b) n -= 1;
			return n === 0;
		},
	};
	return codec;
}
