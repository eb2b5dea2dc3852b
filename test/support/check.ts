/**
 * The specs' assertions: each failure says what was expected (and what
 * happened), so a red run reads without opening the spec.
 */

/** Fails with `message` unless `condition` holds. */
export function check(condition: unknown, message: string) {
	if (condition === false || condition === undefined) error(message, 2); // Luau's falsy values only
}

/** Fails with `message` and both values unless `actual === expected`. */
export function assertEqual<T>(actual: T, expected: T, message: string) {
	if (actual !== expected) error(`${message}: expected ${tostring(expected)}, got ${tostring(actual)}`, 2);
}

/** Fails unless `actual <= limit`. */
export function assertAtMost(actual: number, limit: number, message: string) {
	if (!(actual <= limit)) error(`${message}: expected at most ${limit}, got ${actual}`, 2);
}

/** Fails unless `low <= actual <= high`. */
export function assertBetween(actual: number, low: number, high: number, message: string) {
	if (!(actual >= low && actual <= high)) error(`${message}: expected ${low}..${high}, got ${actual}`, 2);
}
