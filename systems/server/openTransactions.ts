/**
 * Guard phase, last (server). Reads: the bundles decoded this step. Writes:
 * Violations for refused bundles, their clients' verdicts, and the event
 * entities (Transaction, pending) of the bundles that pass.
 *
 * Each client transaction is guarded as one unit: its size caps, one token
 * of the flood limit and one of the player's transaction bucket, and every
 * part's `check`. A bundle failing any of them fails whole, before any of
 * its events exists.
 */
import { ServerTransactions } from "../../src/server/transactions";

export function openTransactions(transactions: ServerTransactions) {
	return () => transactions.guardAndOpen();
}
