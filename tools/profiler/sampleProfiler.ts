/**
 * Profiler, after the cleanup phase: closes the profiler's window once it is
 * over (every second by default), turning its counters into figures.
 */
export interface Sampled {
	sample(now: number): void;
}

export function sampleProfiler(profiler: Sampled, clock: () => number) {
	return () => profiler.sample(clock());
}
