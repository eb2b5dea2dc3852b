import type { NetStatsData } from "../../components/stats";

/** Counts one dropped incoming packet (or event) under `reason`. */
export function countDrop(stats: NetStatsData, reason: string) {
	stats.dropped += 1;
	stats.drops.set(reason, (stats.drops.get(reason) ?? 0) + 1);
}

/**
 * Reports a problem without stopping the net step: the message appears as an
 * error in the output (with its own thread, as Roblox shows spawned errors),
 * and the caller goes on.
 */
export function reportError(message: string) {
	task.spawn(() => error(message, 0));
}

const warned = new Set<string>();

/** Warns once per key (e.g. per player and reason), so floods do not flood the output. */
export function warnOnce(key: string, message: string) {
	if (warned.has(key)) return;
	warned.add(key);
	warn(message);
}
