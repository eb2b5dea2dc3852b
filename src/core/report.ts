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

const warned = new Set<string>();
/** Keys warned about each player (by UserId), forgotten when the player leaves. */
const warnedFor = new Map<number, string[]>();

/** Warns once per key (e.g. per component), so floods do not flood the output. */
export function warnOnce(key: string, message: string) {
	if (warned.has(key)) return;
	warned.add(key);
	warn(message);
}

/** Warns once per player and key; the key is freed when the player leaves (forgetWarnings). */
export function warnOnceFor(player: Player, key: string, message: string) {
	const full = `${player.UserId}:${key}`;
	if (warned.has(full)) return;
	warned.add(full);
	let keys = warnedFor.get(player.UserId);
	if (keys === undefined) {
		keys = [];
		warnedFor.set(player.UserId, keys);
	}
	keys.push(full);
	warn(message);
}

/** Forgets the warnings given about a player who left (so the set does not grow with every visitor). */
export function forgetWarnings(player: Player) {
	const keys = warnedFor.get(player.UserId);
	if (keys === undefined) return;
	for (const key of keys) warned.delete(key);
	warnedFor.delete(player.UserId);
}

/** How many warn-once keys are held (for debugSizes): all of them, and those about players. */
export function warningSizes(): [number, number] {
	let players = 0;
	for (const _ of warnedFor) players += 1;
	let all = 0;
	for (const _ of warned) all += 1;
	return [all, players];
}
