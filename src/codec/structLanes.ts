/**
 * The lane form of a struct (see lanes.ts): its fields' lanes side by side,
 * in the struct's wire order. Writes exactly the struct's own bytes: a flags
 * varint of the boolean fields, then the fields named by the mask (each as a
 * delta against the base where its codec has one). Structs with optional
 * fields keep the generic form.
 */
import type { Codec, CodecContext, Lanes } from "./codec";
import * as C from "./cursor";
import { putVarInt } from "./cursor";
import { lanesOf } from "./lanes";

/** Lanes of a struct whose fields (sorted `names` of `shape`) are values or booleans; undefined with optionals. */
export function structLanes(names: readonly string[], shape: { [name: string]: Codec<unknown> }): Lanes | undefined {
	const count = names.size();
	const fieldLanes: Lanes[] = [];
	const offsets: number[] = [];
	const isBool: boolean[] = [];
	const hasDelta: boolean[] = [];
	const flagBit: number[] = [];
	let total = 0;
	let flagBits = 0;
	for (const name of names) {
		const codec = shape[name];
		if ((codec as { inner?: Codec<unknown> }).inner !== undefined) return undefined;
		const lanes = lanesOf(codec);
		fieldLanes.push(lanes);
		offsets.push(total);
		total += lanes.count;
		const bool = codec.name === "bool";
		isBool.push(bool);
		hasDelta.push(codec.writeDelta !== undefined && lanes.writeDelta !== undefined);
		flagBit.push(bool ? 2 ** flagBits : 0);
		if (bool) flagBits += 1;
	}
	const all = 2 ** count - 1;
	if (flagBits === 0) {
		const ints = intStruct(names, fieldLanes, offsets, total);
		if (ints !== undefined) return ints;
	}

	const writeFields = (
		w: C.Writer,
		a: unknown[],
		ao: number,
		mask: number,
		base: unknown[] | undefined,
		bo: number,
		ctx?: CodecContext,
	) => {
		if (flagBits > 0) {
			let flags = 0;
			for (let i = 0; i < count; i++) if (isBool[i] && a[ao + offsets[i]] === true) flags += flagBit[i];
			C.writeVarUint(w, flags);
		}
		let bit = 1;
		for (let i = 0; i < count; i++) {
			if (mask % (bit * 2) >= bit && !isBool[i]) {
				const off = offsets[i];
				if (base !== undefined && hasDelta[i]) fieldLanes[i].writeDelta!(w, base, bo + off, a, ao + off, ctx);
				else fieldLanes[i].write(w, a, ao + off, ctx);
			}
			bit *= 2;
		}
	};

	const fieldMask = (base: unknown[], bo: number, a: unknown[], ao: number) => {
		let mask = 0;
		let bit = 1;
		for (let i = 0; i < count; i++) {
			const off = offsets[i];
			if (!fieldLanes[i].same(base, bo + off, a, ao + off)) mask += bit;
			bit *= 2;
		}
		return mask;
	};

	return {
		count: total,
		load: loadFields(names, fieldLanes, offsets),
		same: (a, ao, b, bo) => {
			for (let i = 0; i < count; i++) if (!fieldLanes[i].same(a, ao + offsets[i], b, bo + offsets[i])) return false;
			return true;
		},
		write: (w, a, ao, ctx) => writeFields(w, a, ao, all, undefined, 0, ctx),
		writeDelta: (w, base, bo, a, ao, ctx) => {
			const mask = fieldMask(base, bo, a, ao);
			C.writeVarUint(w, mask);
			writeFields(w, a, ao, mask, base, bo, ctx);
		},
		value: fieldValues(names, fieldLanes, offsets),
		fieldCount: count,
		fieldMask,
		writeChanged: (w, base, bo, a, ao, ctx) => {
			const mask = fieldMask(base, bo, a, ao);
			writeFields(w, a, ao, mask, base, bo, ctx);
			return mask;
		},
		writeMasked: (w, base, bo, a, ao, mask, ctx) => writeFields(w, a, ao, mask, base, bo, ctx),
	};
}

/** A struct's load: each field's lanes loaded at its offset; the first field that fails names itself. */
function loadFields(names: readonly string[], fieldLanes: Lanes[], offsets: number[]): Lanes["load"] {
	return (value, out, off) => {
		if (!typeIs(value, "table")) return `struct expects a table, got ${typeOf(value)}`;
		const v = value as { [k: string]: unknown };
		for (let i = 0; i < names.size(); i++) {
			const err = fieldLanes[i].load(v[names[i]], out, off + offsets[i]);
			if (err !== undefined) return `field ${names[i]}: ${err}`;
		}
		return undefined;
	};
}

/** A struct's canonical value from its stored lanes (allocates: for applying and tools). */
function fieldValues(names: readonly string[], fieldLanes: Lanes[], offsets: number[]): Lanes["value"] {
	// a table with every field's key already in place: filling a clone of it never grows its hash part
	const template: { [k: string]: unknown } = {};
	for (const name of names) template[name] = false;
	return (a, ao) => {
		const out = table.clone(template);
		for (let i = 0; i < names.size(); i++) out[names[i]] = fieldLanes[i].value(a, ao + offsets[i]);
		return out;
	};
}

/**
 * A struct whose fields all have integer lanes (e.g. a quantized vector3 and
 * an angle): comparing, masking and writing run over the lanes in one loop,
 * with no call per field. Same bytes as the general form.
 */
function intStruct(names: readonly string[], fieldLanes: Lanes[], offsets: number[], total: number): Lanes | undefined {
	const count = names.size();
	const u16Offset: number[] = [];
	const wrap: number[] = [];
	const lo: number[] = [];
	const hi: number[] = [];
	const fieldOf: number[] = [];
	for (let i = 0; i < count; i++) {
		const ints = fieldLanes[i].ints;
		if (ints === undefined) return undefined;
		for (let k = 0; k < fieldLanes[i].count; k++) {
			u16Offset.push(ints.u16Offset[k]);
			wrap.push(ints.wrap[k]);
			lo.push(ints.lo[k]);
			hi.push(ints.hi[k]);
			fieldOf.push(i);
		}
	}
	const fieldEnd: number[] = [];
	for (let i = 0; i < count; i++) fieldEnd.push(offsets[i] + fieldLanes[i].count);
	// per field, its lane numbers: the hot loops iterate these arrays (cheaper in Luau than counted loops)
	const laneIdx: number[][] = [];
	for (let i = 0; i < count; i++) {
		const idx: number[] = [];
		for (let k = offsets[i]; k < fieldEnd[i]; k++) idx.push(k);
		laneIdx.push(idx);
	}
	const all = 2 ** count - 1;
	const maxBytes = total * 10 + 10;

	const writeMasked = (w: C.Writer, base: unknown[] | undefined, bo: number, a: unknown[], ao: number, mask: number) => {
		if (w.p + maxBytes > buffer.len(w.b)) C.reserve(w, maxBytes);
		const b = w.b;
		let p = w.p;
		let bit = 1;
		for (let i = 0; i < count; i++) {
			if (mask % (bit * 2) >= bit) {
				for (let k = offsets[i]; k < fieldEnd[i]; k++) {
					const cur = a[ao + k] as number;
					if (base === undefined) {
						const offset = u16Offset[k];
						if (offset < 0) p = putVarInt(b, p, cur);
						else {
							buffer.writeu16(b, p, cur + offset);
							p += 2;
						}
					} else {
						let d = cur - (base[bo + k] as number);
						const m = wrap[k];
						if (m > 0) {
							d %= m;
							if (d >= m / 2) d -= m;
						}
						p = putVarInt(b, p, d);
					}
				}
			}
			bit *= 2;
		}
		w.p = p;
	};

	const fieldMask = (base: unknown[], bo: number, a: unknown[], ao: number) => {
		let mask = 0;
		let field = -1;
		for (let k = 0; k < total; k++) {
			const i = fieldOf[k];
			if (i === field) continue;
			if (a[ao + k] !== base[bo + k]) {
				mask += 2 ** i;
				field = i; // the rest of this field's lanes need no check
			}
		}
		return mask;
	};

	/** One pass: the fields that differ from the base are written (as deltas) and named in the returned mask. */
	const writeChanged = (w: C.Writer, base: unknown[], bo: number, a: unknown[], ao: number): number => {
		if (w.p + maxBytes > buffer.len(w.b)) C.reserve(w, maxBytes);
		const b = w.b;
		let p = w.p;
		let mask = 0;
		let bit = 1;
		for (const idx of laneIdx) {
			let differs = false;
			for (const k of idx) {
				if (a[ao + k] !== base[bo + k]) {
					differs = true;
					break;
				}
			}
			if (differs) {
				mask += bit;
				for (const k of idx) {
					let d = (a[ao + k] as number) - (base[bo + k] as number);
					const m = wrap[k];
					if (m > 0) {
						d %= m;
						if (d >= m / 2) d -= m;
					}
					if (d >= -64 && d < 64) {
						buffer.writeu8(b, p, d >= 0 ? d * 2 : -d * 2 - 1);
						p += 1;
					} else p = putVarInt(b, p, d);
				}
			}
			bit *= 2;
		}
		w.p = p;
		return mask;
	};

	/** Reads one lane whole (as the field's codec reads it), bounds-checked. */
	const readLane = (r: C.Reader, k: number): number => {
		const offset = u16Offset[k];
		const q = offset < 0 ? C.readVarInt(r) : C.readU16(r) - offset;
		if (q < lo[k] || q > hi[k]) C.fail(`struct: lane ${k} value ${q} is outside [${lo[k]}, ${hi[k]}]`);
		return q;
	};

	const readChanged = (r: C.Reader, base: unknown[], bo: number, out: unknown[], oo: number, mask: number) => {
		const b = r.b;
		const n = r.n;
		let p = r.p;
		let bit = 1;
		for (const idx of laneIdx) {
			if (mask % (bit * 2) >= bit) {
				for (const k of idx) {
					// a one-byte zigzag varint (|delta| < 64) is read here; longer ones by the cursor
					let d: number;
					const first = p < n ? buffer.readu8(b, p) : 128;
					if (first < 128) {
						d = first % 2 === 0 ? first / 2 : -(first + 1) / 2;
						p += 1;
					} else {
						r.p = p;
						d = C.readVarInt(r);
						p = r.p;
					}
					let q = (base[bo + k] as number) + d;
					const m = wrap[k];
					if (m > 0) {
						if (d < -m / 2 || d >= m / 2) C.fail(`struct: lane ${k} delta ${d} is out of range`);
						if (q > hi[k]) q -= m;
						else if (q < lo[k]) q += m;
					} else if (q < lo[k] || q > hi[k]) C.fail(`struct: lane ${k} value ${q} is outside [${lo[k]}, ${hi[k]}]`);
					out[oo + k] = q;
				}
			} else for (const k of idx) out[oo + k] = base[bo + k];
			bit *= 2;
		}
		r.p = p;
	};

	return {
		count: total,
		load: loadFields(names, fieldLanes, offsets),
		same: (a, ao, b, bo) => {
			for (let k = 0; k < total; k++) if (a[ao + k] !== b[bo + k]) return false;
			return true;
		},
		readChanged,
		readWhole: (r, out, oo) => {
			for (let k = 0; k < total; k++) out[oo + k] = readLane(r, k);
		},
		writeChanged,
		write: (w, a, ao) => writeMasked(w, undefined, 0, a, ao, all),
		writeDelta: (w, base, bo, a, ao) => {
			const mask = fieldMask(base, bo, a, ao);
			C.writeVarUint(w, mask);
			writeMasked(w, base, bo, a, ao, mask);
		},
		value: fieldValues(names, fieldLanes, offsets),
		fieldCount: count,
		fieldMask,
		writeMasked: (w, base, bo, a, ao, mask) => writeMasked(w, base, bo, a, ao, mask),
	};
}
