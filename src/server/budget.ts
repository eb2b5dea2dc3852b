/**
 * Bandwidth budgets: a token bucket per player (and optionally one for all
 * players) in bytes, refilled every step. Reliable packets are never dropped:
 * they wait in order while the bucket is empty. Unreliable mutations get what
 * the reliable traffic leaves, the most important first (see encodeMutations).
 */
import { ConnectionState } from "./connection";
import { ServerContext } from "./context";
import { UNRELIABLE_LIMIT } from "../wire/protocol";
import { callBytes } from "../wire/cost";

/** What Roblox adds to a server-to-client call of a full-size packet (see wire/cost.ts), for estimates before a packet exists. */
export const PACKET_OVERHEAD = callBytes(UNRELIABLE_LIMIT, false) - UNRELIABLE_LIMIT;

/** Bytes a packet costs against the budget: the wire cost model's bytes of its remote call. */
export function packetCost(data: buffer): number {
	return callBytes(buffer.len(data), false);
}

/** Largest token balance: one packet, so a window of W seconds carries at most budget x W + one packet. */
export function bucketCap(perSecond: number, dt: number): number {
	return math.max(perSecond * dt, UNRELIABLE_LIMIT + PACKET_OVERHEAD);
}

/** Bytes the mutation encoder may spend on `conn` this step. */
export function mutationAllowance(ctx: ServerContext, conn: ConnectionState): number {
	if (ctx.config.budgetPerPlayer <= 0) return math.huge;
	let allowance = conn.budget.tokens;
	for (const data of conn.reliableQueue) allowance -= packetCost(data);
	if (ctx.config.budgetGlobal > 0) allowance = math.min(allowance, ctx.globalTokens);
	return allowance;
}
