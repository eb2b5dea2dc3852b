/** Configuration of a net, with documented defaults. */

export interface NetConfig {
	/**
	 * Name of the remotes folder in ReplicatedStorage (default "SkyrocketNet").
	 * Two nets in one game need two names; server and client must agree.
	 */
	name?: string;
	/** Expected net steps per second (default 60); used for timeouts before an RTT is known. */
	tickRate?: number;
}

import type { GuardConfig } from "./guardConfig";
import type { TransactionConfig } from "./transactionConfig";

/** Bandwidth budgets (bytes per second, counted as Roblox's wire cost: packet + ~12 bytes of call overhead). */
export interface BandwidthConfig {
	/**
	 * Per player (default 40,000 B/s: 80% of the ~50 KB/s Roblox sends to one
	 * player before data queues and ping rises, DevForum "Network
	 * Optimization", topic 1046078). 0 disables the budget.
	 */
	perPlayer?: number;
	/** All players together (default 0: no global budget). */
	global?: number;
	/** Seconds a player may stay over budget before a BudgetWarning (default 2). */
	warnAfter?: number;
}

export interface ServerConfig extends NetConfig {
	/** Bandwidth budgets (see BandwidthConfig). */
	bandwidth?: BandwidthConfig;
	/** Firewall, flood and rate limits on client traffic (see GuardConfig). */
	guard?: GuardConfig;
	/** Seconds a freed entity handle waits before reuse (default 10). */
	handleQuarantine?: number;
	/** Extra time before an unacknowledged mutation is resent, added to 1.25 x RTT (default 2 frames). */
	resendSlack?: number;
	/** Limits on client transactions: parts, bytes, bundles per second (see TransactionConfig). */
	transactions?: TransactionConfig;
}

/** Client side of transactions (net.transaction). */
export interface ClientTransactionConfig {
	/** Most events in one bundle (default 16, the server's default): a larger one fails before it is sent. */
	maxParts?: number;
	/** Seconds to wait for the server's verdict (default: requestTimeout). */
	timeout?: number;
}

export interface ClientConfig extends NetConfig {
	/** Default timeout of requests in seconds (default 10). */
	requestTimeout?: number;
	/** Seconds between acknowledgements when nothing new arrived (default 0.1). */
	ackInterval?: number;
	/**
	 * Seconds an acknowledgement may wait after new packets arrived (default
	 * 1/30: every other server tick at 60 Hz), so the packets of two ticks are
	 * acknowledged in one (the ack's bitfield names each). 0 acknowledges
	 * every step. Halves the client's upstream packets and the server's work
	 * reading them; baselines get at most this much older.
	 */
	ackDelay?: number;
	/** Seconds between clock pings to the server (default 0.2). */
	pingInterval?: number;
	/** Transactions: bundle size and how long to wait for the server's verdict. */
	transactions?: ClientTransactionConfig;
}

export interface ResolvedServerConfig {
	name: string;
	budgetPerPlayer: number;
	budgetGlobal: number;
	budgetWarnAfter: number;
	tickRate: number;
	handleQuarantine: number;
	resendSlack: number;
}

export interface ResolvedClientConfig {
	name: string;
	requestTimeout: number;
	pingInterval: number;
	tickRate: number;
	ackInterval: number;
	ackDelay: number;
	transactionParts: number;
	transactionTimeout: number;
}

export function resolveServerConfig(c: ServerConfig = {}): ResolvedServerConfig {
	const tickRate = c.tickRate ?? 60;
	return {
		name: c.name ?? "SkyrocketNet",
		budgetPerPlayer: c.bandwidth?.perPlayer ?? 40000,
		budgetGlobal: c.bandwidth?.global ?? 0,
		budgetWarnAfter: c.bandwidth?.warnAfter ?? 2,
		tickRate,
		handleQuarantine: c.handleQuarantine ?? 10,
		resendSlack: c.resendSlack ?? 2 / tickRate,
	};
}

export function resolveClientConfig(c: ClientConfig = {}): ResolvedClientConfig {
	const requestTimeout = c.requestTimeout ?? 10;
	return {
		name: c.name ?? "SkyrocketNet",
		tickRate: c.tickRate ?? 60,
		requestTimeout,
		pingInterval: c.pingInterval ?? 0.2,
		ackInterval: c.ackInterval ?? 0.1,
		ackDelay: c.ackDelay ?? 1 / 30,
		transactionParts: c.transactions?.maxParts ?? 16,
		transactionTimeout: c.transactions?.timeout ?? requestTimeout,
	};
}
