/**
 * Ticks: the server's net steps, counted from 0 when its net starts. Every
 * packet is stamped with one; clients estimate the one running now. A Tick is
 * a number (steps are never near 2^53, so no wrap-around), branded so a
 * seconds value or a count cannot be passed where a tick is meant: get one
 * from `net.tick()`, an event payload decoded with `codec.tick`, or `asTick`.
 */
export type Tick = number & { readonly __skyrocketTick: unique symbol };

/** Marks a whole number of steps as a Tick (e.g. one computed from another). */
export function asTick(steps: number): Tick {
	return steps as Tick;
}

/** Steps from `a` to `b` (negative when b is earlier). */
export function ticksBetween(a: Tick, b: Tick): number {
	return b - a;
}
