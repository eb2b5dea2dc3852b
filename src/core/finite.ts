/**
 * Positions and priorities the game writes may be NaN, infinite or absurd.
 * Skyrocket's own math (area of interest, priorities, interpolation,
 * prediction) treats such a value as out of range, warns once per place and
 * counts each in the net's counters ("non-finite: <place>"), and never raises.
 */
import { bump, warnOnce } from "./report";

/** Largest coordinate (studs) the spatial math accepts; beyond it, as for NaN and infinities, a position is out of range. */
export const MAX_COORDINATE = 1e9;
/** Largest Priority accepted; beyond it, or NaN, an entity's priority counts as 0 (it goes last). */
export const MAX_PRIORITY = 1e6;

/** Whether every axis of `v` is a number within MAX_COORDINATE (false for NaN and infinities). */
export function inRange(v: Vector3): boolean {
	return math.abs(v.X) <= MAX_COORDINATE && math.abs(v.Y) <= MAX_COORDINATE && math.abs(v.Z) <= MAX_COORDINATE;
}

/** Counts one out-of-range value at `place` (a constant string) and warns the first time. */
export function noteOutOfRange(counters: Map<string, number>, place: string, what: string) {
	bump(counters, `non-finite: ${place}`);
	warnOnce(
		`non-finite:${place}`,
		`Skyrocket: ${what} is NaN, infinite or beyond ${MAX_COORDINATE} (${place}); it is treated as out of range. Further cases are counted in net.counters().`,
	);
}
