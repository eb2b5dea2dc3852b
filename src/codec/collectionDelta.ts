/**
 * Deltas of arrays and maps: only what changed travels, so one changed key of
 * a 100-key map costs that key and its value, not the map. `write` keeps the
 * collections' whole format; a delta is:
 *
 * - varuint tag 0: the whole value follows, exactly as `write` emits it. The
 *   encoder writes both forms and keeps this one when the delta would not be
 *   shorter, so a delta never costs more than one byte over the whole value.
 * - array, tag = changed + 1: varuint new length; per changed element below
 *   the shorter of the two lengths, a varuint gap (index - previous index - 1)
 *   and the element (its own delta against the old element when its codec has
 *   one); then the appended elements, whole. A shorter length truncates.
 * - map, tag = set + 1: per key set (new, or its value changed), in key order,
 *   the key and the value (a delta against the old value when the key existed
 *   and the value codec has one); varuint removed count; the removed keys.
 *
 * Decoding stays strict: counts past the limit or the bytes left, gaps past
 * the end, keys set twice, removals of keys the base lacks are CodecErrors.
 */
import { Codec, CodecContext } from "./codec";
import * as C from "./cursor";

/** Order of map keys on the wire (the whole form's order too). */
export function keyOrder(a: unknown, b: unknown): boolean {
	return tostring(a) < tostring(b);
}

/**
 * Writes the shorter of the whole value (tag 0, then `whole`) and `delta`
 * (which writes its own non-zero tag). Both are written; the longer is dropped.
 */
export function writeShorter(w: C.Writer, whole: (w: C.Writer) => void, delta: (w: C.Writer) => void) {
	const start = w.p;
	C.writeU8(w, 0);
	whole(w);
	const wholeEnd = w.p;
	delta(w);
	const deltaLength = w.p - wholeEnd;
	if (deltaLength < wholeEnd - start) {
		// no overlap: the delta is shorter than the whole form it moves over
		buffer.copy(w.b, start, w.b, wholeEnd, deltaLength);
		w.p = start + deltaLength;
	} else {
		w.p = wholeEnd;
	}
}

/** An array's delta (after writeShorter's choice): changed, appended, truncated elements. */
export function writeArrayDelta<T extends defined>(w: C.Writer, element: Codec<T>, base: T[], value: T[], ctx?: CodecContext) {
	const n = value.size();
	const common = math.min(n, base.size());
	let changed = 0;
	for (let i = 0; i < common; i++) if (!element.equals(base[i], value[i])) changed += 1;
	C.writeVarUint(w, changed + 1);
	C.writeVarUint(w, n);
	let previous = -1;
	for (let i = 0; i < common; i++) {
		if (element.equals(base[i], value[i])) continue;
		C.writeVarUint(w, i - previous - 1);
		if (element.writeDelta) element.writeDelta(w, base[i], value[i], ctx);
		else element.write(w, value[i], ctx);
		previous = i;
	}
	for (let i = base.size(); i < n; i++) element.write(w, value[i], ctx);
}

/** Reads an array delta whose non-zero tag was read; `maxLength` is the codec's limit. */
export function readArrayDelta<T extends defined>(
	r: C.Reader,
	element: Codec<T>,
	base: T[],
	tag: number,
	maxLength: number,
	ctx?: CodecContext,
): T[] {
	const changed = tag - 1;
	const n = C.readVarUint(r);
	if (n > maxLength) C.fail(`array of ${n} elements exceeds its limit of ${maxLength}`);
	const common = math.min(n, base.size());
	if (changed > common) C.fail(`array delta changes ${changed} elements of the ${common} it keeps`);
	const appended = math.max(0, n - base.size());
	if (changed + appended > C.remaining(r))
		C.fail(`array delta claims ${changed + appended} elements but only ${C.remaining(r)} bytes remain`);
	const out = table.create<T>(n);
	for (let i = 0; i < common; i++) out[i] = base[i];
	let previous = -1;
	for (let k = 0; k < changed; k++) {
		const i = previous + 1 + C.readVarUint(r);
		if (i >= common) C.fail(`array delta: changed element ${i} is past the ${common} kept`);
		const item = element.readDelta ? element.readDelta(r, base[i], ctx) : element.read(r, ctx);
		if (item === undefined) C.fail(`array: element ${i} decoded to undefined, which an array cannot hold`);
		out[i] = item;
		previous = i;
	}
	for (let i = base.size(); i < n; i++) {
		const item = element.read(r, ctx);
		if (item === undefined) C.fail(`array: element ${i} decoded to undefined, which an array cannot hold`);
		out[i] = item;
	}
	return out;
}

/** A map's delta (after writeShorter's choice): keys set, then keys removed. */
export function writeMapDelta<K extends defined, V extends defined>(
	w: C.Writer,
	key: Codec<K>,
	value: Codec<V>,
	base: Map<K, V>,
	updated: Map<K, V>,
	ctx?: CodecContext,
) {
	const set: K[] = [];
	for (const [k, v] of updated) {
		const old = base.get(k);
		if (old === undefined || !value.equals(old, v)) set.push(k);
	}
	const removed: K[] = [];
	for (const [k] of base) if (!updated.has(k)) removed.push(k);
	set.sort(keyOrder);
	removed.sort(keyOrder);
	C.writeVarUint(w, set.size() + 1);
	for (const k of set) {
		key.write(w, k, ctx);
		const old = base.get(k);
		if (old !== undefined && value.writeDelta) value.writeDelta(w, old, updated.get(k)!, ctx);
		else value.write(w, updated.get(k)!, ctx);
	}
	C.writeVarUint(w, removed.size());
	for (const k of removed) key.write(w, k, ctx);
}

/** Reads a map delta whose non-zero tag was read; `maxLength` is the codec's limit. */
export function readMapDelta<K extends defined, V extends defined>(
	r: C.Reader,
	key: Codec<K>,
	value: Codec<V>,
	base: Map<K, V>,
	tag: number,
	maxLength: number,
	ctx?: CodecContext,
): Map<K, V> {
	const setCount = tag - 1;
	if (setCount > maxLength) C.fail(`map delta sets ${setCount} keys, over the limit of ${maxLength}`);
	if (setCount * 2 > C.remaining(r)) C.fail(`map delta claims ${setCount} keys but only ${C.remaining(r)} bytes remain`);
	const out = new Map<K, V>();
	let size = 0;
	for (const [k, v] of base) {
		out.set(k, v);
		size += 1;
	}
	const touched = new Set<K>();
	const readKey = (i: number) => {
		const k = key.read(r, ctx);
		// a nil or NaN key cannot index a table: refuse it instead of raising a Luau error
		if (k === undefined || k !== k) C.fail(`map delta: entry ${i} has a ${k === undefined ? "undefined" : "NaN"} key`);
		if (touched.has(k)) C.fail(`map delta: key ${tostring(k)} appears twice`);
		touched.add(k);
		return k;
	};
	for (let i = 0; i < setCount; i++) {
		const k = readKey(i);
		const old = base.get(k);
		const v = old !== undefined && value.readDelta ? value.readDelta(r, old, ctx) : value.read(r, ctx);
		if (v === undefined) C.fail(`map: entry ${i} decoded to undefined, which a map cannot hold`);
		if (old === undefined) size += 1;
		out.set(k, v);
	}
	const removed = C.readVarUint(r);
	if (removed > size) C.fail(`map delta removes ${removed} keys of ${size}`);
	for (let i = 0; i < removed; i++) {
		const k = readKey(setCount + i);
		if (!base.has(k)) C.fail(`map delta removes key ${tostring(k)}, which the base does not have`);
		out.delete(k);
		size -= 1;
	}
	if (size > maxLength) C.fail(`map of ${size} entries exceeds its limit of ${maxLength}`);
	return out;
}
