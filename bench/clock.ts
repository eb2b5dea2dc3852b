/**
 * CPU time for the benchmark: the harness's process CPU clock (not wall time,
 * so other processes on a shared machine do not count), less what reading the
 * clock itself costs, so a short interval is not inflated by its own measurement.
 */
import type { HarnessApi } from "@rbxts/skyrocket-test";

/** Seconds of CPU since `t0` (a harness.cpuClock() reading), less one reading's cost. */
export function elapsedSince(harness: HarnessApi, t0: number): number {
	return math.max(0, harness.cpuClock() - t0 - harness.cpuClockOverhead());
}
