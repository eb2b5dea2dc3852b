/**
 * Positions and priorities the game writes may be NaN, infinite or absurd.
 * Skyrocket's own math (area of interest, priorities, interpolation,
 * prediction) treats such a value as out of range, warns once per place and
 * counts each in the net's counters ("non-finite: <place>"), and never raises.
 */
import { bump } from "./report";

/** Largest coordinate (studs) the spatial math accepts; beyond it, as for NaN and infinities, a position is out of range. */
export const MAX_COORDINATE = 1e9;
/** Largest Priority accepted; beyond it, or NaN, an entity's priority counts as 0 (it goes last). */
export const MAX_PRIORITY = 1e6;

/** Whether every axis of `v` is a number within MAX_COORDINATE (false for NaN and infinities). */
export function inRange(v: Vector3): boolean {
	return math.abs(v.X) <= MAX_COORDINATE && math.abs(v.Y) <= MAX_COORDINATE && math.abs(v.Z) <= MAX_COORDINATE;
}

/** Counts one out-of-range value at `place` (a constant string) in a net's counters, and warns the first time for that net. */
export function noteOutOfRange(counters: Map<string, number>, place: string, what: string) {
	const key = `non-finite: ${place}`;
	bump(counters, key);
	if (counters.get(key) !== 1) return;
	warn(
		`Skyrocket: ${what} is NaN, infinite or beyond ${MAX_COORDINATE} (${place}); it is treated as out of range. Further cases are counted in net.counters().`,
	);
}
