/**
 * Lanes: a codec's values kept as plain numbers (or one canonical value) in
 * flat arrays, so the server can quantize, compare and delta-encode
 * high-frequency components every tick without allocating a table or a
 * Vector3 per entity. A lane codec writes exactly the bytes its codec writes
 * for the canonical value: the wire and the client never know the difference.
 *
 * Codecs that know their lanes (vector3 with a precision, angle, quantized,
 * structs of those) carry a `lanes` field; any other codec gets the generic
 * form from `lanesOf`: one lane holding the canonical value itself.
 */
import type { Codec, Lanes } from "./codec";

/** One lane holding the canonical value: works for every codec, allocation-free for exact scalars. */
function genericLanes(codec: Codec<unknown>): Lanes {
	const writeDelta = codec.writeDelta;
	return {
		count: 1,
		load: (value, out, off) => {
			const err = codec.validate(value);
			if (err !== undefined) return err;
			out[off] = value === undefined ? undefined : codec.canonical(value as defined);
			return undefined;
		},
		same: (a, ao, b, bo) => {
			const x = a[ao];
			const y = b[bo];
			return x === y || (x !== undefined && y !== undefined && codec.equals(x, y));
		},
		write: (w, a, ao, ctx) => codec.write(w, a[ao], ctx),
		writeDelta: writeDelta && ((w, base, bo, a, ao, ctx) => writeDelta(w, base[bo], a[ao], ctx)),
		value: (a, ao) => a[ao],
	};
}

const generic = new Map<Codec<unknown>, Lanes>();

/** The lane form of `codec`: its own when it has one, else one lane holding the canonical value. */
export function lanesOf(codec: Codec<unknown>): Lanes {
	if (codec.lanes !== undefined) return codec.lanes;
	let lanes = generic.get(codec);
	if (lanes === undefined) {
		lanes = genericLanes(codec);
		generic.set(codec, lanes);
	}
	return lanes;
}

/** Whether `x` is a finite number (not NaN, not +-inf). */
export function isFinite(x: number): boolean {
	return x === x && x !== math.huge && x !== -math.huge;
}
