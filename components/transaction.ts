/**
 * Transactions (`net.transaction` on a client): a bundle of events a client
 * sends as one unit. On the server every event entity of a bundle carries
 * the same Transaction value, so a system can treat them as one; the bundle
 * commits whole or not at all.
 */
import jecs, { Entity } from "@rbxts/jecs";

/** Where a transaction stands: pending until the Transaction phase commits it (or it fails). */
export type TransactionState = "pending" | "committed" | "failed";

/** One client transaction on the server (the value of the Transaction component). */
export interface TransactionData {
	/** The client's number for this bundle (increasing per client; a repeated one is refused). */
	readonly id: number;
	/** Who sent it. */
	readonly player: Player;
	/** The bundle's event entities, in the order the client sent them. */
	readonly events: readonly Entity[];
	/** "pending" before ServerPhase.Transaction, then "committed" (or "failed": its events are gone). */
	readonly state: TransactionState;
	/** Why it failed, once failed. */
	readonly reason?: string;
	/**
	 * Fails the bundle before it commits, from a system placed before
	 * ServerPhase.Transaction: none of its events reaches a later system, and
	 * the client's promise rejects with `reason` (its optimistic changes roll
	 * back). Does nothing once the bundle committed or failed.
	 */
	fail(reason: string): void;
}

/** Server: on every event entity of a client transaction. */
export const Transaction = jecs.component<TransactionData>();
