/**
 * Transaction phase (server). Reads: pending transactions and their event
 * entities. Writes: their state, their clients' verdicts; despawns the events
 * of failed ones.
 *
 * A pending bundle whose events are all still there commits: its events go on
 * to the events and game phases together. One that a system failed, or whose
 * event a middleware dropped, fails whole.
 */
import { ServerTransactions } from "../../src/server/transactions";

export function commitTransactions(transactions: ServerTransactions) {
	return () => transactions.commit();
}
