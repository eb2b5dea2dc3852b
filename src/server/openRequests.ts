/**
 * Requests a client sent that the server has not answered yet, per
 * connection, so answering one twice (or one that never came) is an error at
 * the call rather than a second answer the client ignores. A retried request
 * arrives once per attempt and may be answered once per arrival.
 */
import type { ConnectionState } from "./connection";

/** Open request ids kept per connection; past this the lowest (oldest) ids are forgotten. */
export const MAX_OPEN_REQUESTS = 1024;

/** A request `id` arrived from `conn` (once per arrival). */
export function openRequest(conn: ConnectionState, id: number) {
	const open = conn.openRequests;
	open.set(id, (open.get(id) ?? 0) + 1);
	if (open.size() <= MAX_OPEN_REQUESTS) return;
	// a game that never answers some requests: forget the oldest (client ids only grow)
	let lowest = math.huge;
	for (const [k] of open) lowest = math.min(lowest, k);
	open.delete(lowest);
}

/** Closes one arrival of request `id`; false when none is open (answered already, or never received). */
export function closeRequest(conn: ConnectionState, id: number): boolean {
	const open = conn.openRequests;
	const n = open.get(id);
	if (n === undefined) return false;
	if (n <= 1) open.delete(id);
	else open.set(id, n - 1);
	return true;
}
