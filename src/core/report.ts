import type { NetStatsData } from "../../components/stats";

/** Counts one dropped incoming packet (or event) under `reason`. */
export function countDrop(stats: NetStatsData, reason: string) {
	stats.dropped += 1;
	stats.drops.set(reason, (stats.drops.get(reason) ?? 0) + 1);
}

/** Adds `n` to `counters[key]` (a net's counters: kicks, non-finite values...). */
export function bump(counters: Map<string, number>, key: string, n = 1) {
	counters.set(key, (counters.get(key) ?? 0) + n);
}

/**
 * Reports a problem without stopping the net step: the message appears as an
 * error in the output (with its own thread, as Roblox shows spawned errors),
 * and the caller goes on.
 */
export function reportError(message: string) {
	task.spawn(() => error(message, 0));
}

/**
 * Warnings a net (or one player's connection) has given, so a flood of the
 * same problem warns once: scoped to its owner and freed with it (a player
 * who leaves takes theirs along; another net warns for itself).
 */
export class Warnings {
	private readonly said = new Map<string, number>();

	/** Warns once per key. */
	once(key: string, message: string) {
		if (this.said.has(key)) return;
		this.said.set(key, 0);
		warn(message);
	}

	/** Warns now, then again each `interval` seconds (of `now`, the caller's clock) while it keeps being called. */
	every(key: string, interval: number, now: number, message: string) {
		const last = this.said.get(key);
		if (last !== undefined && now - last < interval) return;
		this.said.set(key, now);
		warn(message);
	}

	/** How many distinct warnings were given. */
	size(): number {
		return this.said.size();
	}
}
