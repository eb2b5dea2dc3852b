/**
 * How a replicated value is kept in maps on both sides: a component present
 * with a nil value is stored as NONE, since a Map cannot hold nil.
 */
/** Stands for a component present with no value (nil), which a Map cannot hold. */
export const NONE = table.freeze({ none: true }) as unknown;

/** Stored form of a component value. */
export function stored(value: unknown): unknown {
	return value === undefined ? NONE : value;
}

/** Value of a stored component. */
export function unstored(value: unknown): unknown {
	return value === NONE ? undefined : value;
}
