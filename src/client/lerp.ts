/**
 * Interpolation between two values of a replicated component: numbers and
 * Vector3 linearly, CFrames by slerp (CFrame:Lerp), angle fields of structs
 * the short way round, other values step at the end.
 */
import { Codec, StructCodec } from "../codec";

export type Lerp<T> = (a: T, b: T, t: number) => T;

const TAU = 2 * math.pi;

export function lerpAngle(a: number, b: number, t: number): number {
	let d = (b - a) % TAU;
	if (d > math.pi) d -= TAU;
	return a + d * t;
}

function lerpAny(a: unknown, b: unknown, t: number): unknown {
	if (typeIs(a, "number") && typeIs(b, "number")) return a + (b - a) * t;
	if (typeIs(a, "Vector3") && typeIs(b, "Vector3")) return a.Lerp(b, t);
	if (typeIs(a, "CFrame") && typeIs(b, "CFrame")) return a.Lerp(b, t);
	if (typeIs(a, "Vector2") && typeIs(b, "Vector2")) return a.Lerp(b, t);
	return t < 1 ? a : b;
}

/** The default interpolation for a component encoded with `codec`. */
export function lerpFor<T>(codec: Codec<T> | undefined): Lerp<T> {
	const struct = codec as StructCodec<T> | undefined;
	if (struct !== undefined && struct.diff !== undefined) {
		const shape = (struct as unknown as { shape?: Record<string, Codec<unknown>> }).shape;
		const angles = new Set<string>();
		if (shape) for (const [name, c] of pairs(shape)) if (c.name.sub(1, 5) === "angle") angles.add(name as string);
		return ((a: Record<string, unknown>, b: Record<string, unknown>, t: number) => {
			const out: Record<string, unknown> = {};
			for (const name of struct.fields) {
				const x = a[name];
				const y = b[name];
				out[name] = angles.has(name) && typeIs(x, "number") && typeIs(y, "number") ? lerpAngle(x, y, t) : lerpAny(x, y, t);
			}
			return out;
		}) as unknown as Lerp<T>;
	}
	if (codec !== undefined && codec.name.sub(1, 5) === "angle") return lerpAngle as unknown as Lerp<T>;
	return lerpAny as Lerp<T>;
}

/** A position inside a value, for teleport detection (Vector3, CFrame, or a `.position` field). */
export function positionIn(value: unknown): Vector3 | undefined {
	if (typeIs(value, "Vector3")) return value;
	if (typeIs(value, "CFrame")) return value.Position;
	if (typeIs(value, "table")) {
		const p = (value as { position?: unknown }).position;
		if (typeIs(p, "Vector3")) return p;
		if (typeIs(p, "CFrame")) return p.Position;
	}
	return undefined;
}
