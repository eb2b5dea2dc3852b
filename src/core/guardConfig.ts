/**
 * Limits on what clients may send, with safe defaults. Every limit drops the
 * offending packet or event, counts it per player, and spawns a Violation.
 */
import { RateLimit } from "./eventRegistry";

export interface FirewallConfig {
	/** Bytes a player may send per second before packets are dropped undecoded (default 65536). */
	bytesPerSecond?: number;
	/** Packets (remote calls) a player may send per second (default 300). */
	packetsPerSecond?: number;
	/** Largest packet accepted, in bytes (default 16384). */
	maxPacketBytes?: number;
}

export interface FloodConfig {
	/** All of a player's events together (default 300/s, bursts of 600). */
	limit?: RateLimit;
	/** Kick a player whose dropped events exceed `threshold` within `window` seconds (default off). */
	kick?: { threshold: number; window: number; message?: string };
}

export interface GuardConfig {
	firewall?: FirewallConfig;
	flood?: FloodConfig;
	/** Default per-player limit of each client-sent event (default 30/s, bursts of 60). */
	eventRate?: RateLimit;
	/**
	 * Reliable bytes that may wait for a player's bandwidth (default 262,144:
	 * about 6.5 s of the default 40 KB/s budget). A player whose backlog grows
	 * past it is kicked with a message saying so (counted in `net.counters()`
	 * as "kicked: backlog"); the server never queues without bound.
	 */
	maxBacklog?: number;
}

export interface ResolvedGuardConfig {
	bytesPerSecond: number;
	packetsPerSecond: number;
	maxPacketBytes: number;
	flood: RateLimit;
	floodKick?: { threshold: number; window: number; message: string };
	eventRate: RateLimit;
	maxBacklog: number;
}

export function resolveGuardConfig(c: GuardConfig = {}): ResolvedGuardConfig {
	const kick = c.flood?.kick;
	return {
		bytesPerSecond: c.firewall?.bytesPerSecond ?? 65536,
		packetsPerSecond: c.firewall?.packetsPerSecond ?? 300,
		maxPacketBytes: c.firewall?.maxPacketBytes ?? 16384,
		flood: c.flood?.limit ?? { rate: 300, burst: 600 },
		floodKick: kick
			? { threshold: kick.threshold, window: kick.window, message: kick.message ?? "Kicked by Skyrocket: too many network events" }
			: undefined,
		eventRate: c.eventRate ?? { rate: 30, burst: 60 },
		maxBacklog: c.maxBacklog ?? 262144,
	};
}
