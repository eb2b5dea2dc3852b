/**
 * Table helpers shared by the self-describing codecs (json, dynamic): what shape a Luau table
 * travels as, and deep equality of decoded values.
 */
import { sameNumber } from "./codec";

/** A table that travels as an array: keys 1..count. */
export const ARRAY = "array";
/** A table that travels as a map: string keys only. */
export const MAP = "map";

/**
 * How `t` travels: [ARRAY, n] for keys 1..n (an empty table is an empty array), [MAP, n] for n
 * string keys, or a message naming the problem (mixed, sparse, or keys of other types).
 */
export function shapeOf(codecName: string, t: object): [typeof ARRAY | typeof MAP, number] | string {
	let count = 0;
	let strings = 0;
	let maxIndex = 0;
	for (const [k] of t as Map<unknown, unknown>) {
		count += 1;
		if (typeIs(k, "string")) {
			strings += 1;
		} else if (typeIs(k, "number") && k % 1 === 0 && k >= 1) {
			if (k > maxIndex) maxIndex = k;
		} else {
			return `${codecName} cannot encode a table key of type ${typeOf(k)} (${tostring(k)}): use string keys (a map) or 1..n (an array)`;
		}
	}
	if (strings === count) return count === 0 ? [ARRAY, 0] : [MAP, count];
	if (strings > 0)
		return `${codecName} cannot encode a table that mixes array indices and string keys: Roblox remotes lose data of mixed tables too; split it in two fields`;
	if (maxIndex !== count)
		return `${codecName} cannot encode a sparse array (${count} values, highest index ${maxIndex}): holes (undefined) do not survive; use a map with string keys or fill the holes`;
	return [ARRAY, count];
}

function sameBuffer(a: buffer, b: buffer): boolean {
	return buffer.len(a) === buffer.len(b) && buffer.tostring(a) === buffer.tostring(b);
}

/** Components of the Roblox datatypes json and dynamic carry, to compare them NaN-safely. */
function componentsOf(t: string, v: unknown): number[] | undefined {
	if (t === "Vector3") return [(v as Vector3).X, (v as Vector3).Y, (v as Vector3).Z];
	if (t === "Vector2") return [(v as Vector2).X, (v as Vector2).Y];
	if (t === "CFrame") return [...(v as CFrame).GetComponents()];
	if (t === "Color3") return [(v as Color3).R, (v as Color3).G, (v as Color3).B];
	if (t === "UDim") return [(v as UDim).Scale, (v as UDim).Offset];
	if (t === "UDim2") return [(v as UDim2).X.Scale, (v as UDim2).X.Offset, (v as UDim2).Y.Scale, (v as UDim2).Y.Offset];
	return undefined;
}

/**
 * Deep equality of values made of nil, booleans, numbers (NaN equals NaN), strings, buffers (by
 * content), tables (same keys, equal values) and Roblox datatypes (component by component, NaN
 * equal to NaN; others by ==).
 */
export function deepEquals(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	const ta = typeOf(a);
	if (ta !== typeOf(b)) return false;
	if (ta === "number") return sameNumber(a as number, b as number);
	if (ta === "buffer") return sameBuffer(a as buffer, b as buffer);
	if (ta !== "table") {
		const ca = componentsOf(ta, a);
		const cb = componentsOf(ta, b);
		if (ca === undefined || cb === undefined) return false;
		for (let i = 0; i < ca.size(); i++) if (!sameNumber(ca[i], cb[i])) return false;
		return true;
	}
	const ma = a as Map<unknown, unknown>;
	const mb = b as Map<unknown, unknown>;
	let n = 0;
	for (const [k, va] of ma) {
		n += 1;
		const vb = mb.get(k);
		if (vb === undefined || !deepEquals(va, vb)) return false;
	}
	for (const _ of mb) n -= 1;
	return n === 0;
}
