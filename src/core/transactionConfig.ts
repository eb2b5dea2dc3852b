/**
 * Limits on client transactions (net.transaction), with safe defaults. A
 * bundle counts as one unit for rate limits: one token of its player's
 * transaction bucket and one of the flood limit, whatever its size; its
 * parts do not draw on their events' own buckets. Each part's `check` runs.
 */
import type { RateLimit } from "./eventRegistry";

/** Server: `server(world, { transactions: { ... } })`. */
export interface TransactionConfig {
	/** Most events in one bundle (default 16); a larger bundle fails whole. */
	maxParts?: number;
	/** Most payload bytes in one bundle (default 4096); a larger bundle fails whole. */
	maxBytes?: number;
	/** Bundles per second per player (default 10/s, bursts of 20). */
	rate?: RateLimit;
}

export interface ResolvedTransactionConfig {
	readonly maxParts: number;
	readonly maxBytes: number;
	readonly rate: RateLimit;
}

/** Parts a bundle may never have, whatever the configuration: more is a malformed packet. */
export const TRANSACTION_PARTS_LIMIT = 1024;

export function resolveTransactionConfig(c: TransactionConfig = {}): ResolvedTransactionConfig {
	return {
		maxParts: math.clamp(c.maxParts ?? 16, 1, TRANSACTION_PARTS_LIMIT),
		maxBytes: c.maxBytes ?? 4096,
		rate: c.rate ?? { rate: 10, burst: 20 },
	};
}
