/**
 * The lane form of a struct (see lanes.ts): its fields' lanes side by side,
 * in the struct's wire order. Writes exactly the struct's own bytes: a flags
 * varint of the boolean fields, then the fields named by the mask (each as a
 * delta against the base where its codec has one). Structs with optional
 * fields keep the generic form.
 */
import type { Codec, CodecContext, Lanes } from "./codec";
import * as C from "./cursor";
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

	const writeFields = (w: C.Writer, a: unknown[], ao: number, mask: number, base: unknown[] | undefined, bo: number, ctx?: CodecContext) => {
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
		load: (value, out, off) => {
			if (!typeIs(value, "table")) return `struct expects a table, got ${typeOf(value)}`;
			const v = value as { [k: string]: unknown };
			for (let i = 0; i < count; i++) {
				const err = fieldLanes[i].load(v[names[i]], out, off + offsets[i]);
				if (err !== undefined) return `field ${names[i]}: ${err}`;
			}
			return undefined;
		},
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
		value: (a, ao) => {
			const out: { [k: string]: unknown } = {};
			for (let i = 0; i < count; i++) out[names[i]] = fieldLanes[i].value(a, ao + offsets[i]);
			return out;
		},
		fieldCount: count,
		fieldMask,
		writeMasked: (w, base, bo, a, ao, mask, ctx) => writeFields(w, a, ao, mask, base, bo, ctx),
	};
}
