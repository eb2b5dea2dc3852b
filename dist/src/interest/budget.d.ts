/**
 * Bandwidth budgets: a token bucket per player (and optionally one for all
 * players) in bytes, refilled every step. Reliable packets are never dropped:
 * they wait in order while the bucket is empty. Unreliable mutations get what
 * the reliable traffic leaves, the most important first (see encodeMutations).
 */
import { ConnectionState } from "../replication/connection";
import { ServerContext } from "../replication/serverContext";
/** Bytes Roblox adds to each remote call carrying one buffer: 9 + type tag + length. */
export declare const PACKET_OVERHEAD = 12;
/** Bytes a packet costs against the budget. */
export declare function packetCost(data: buffer): number;
/** Largest token balance: one packet, so a window of W seconds carries at most budget x W + one packet. */
export declare function bucketCap(perSecond: number, dt: number): number;
/** Bytes the mutation encoder may spend on `conn` this step. */
export declare function mutationAllowance(ctx: ServerContext, conn: ConnectionState): number;
