/**
 * Server side of the shared clock: a client Ping carries the client's time;
 * the server answers with one Pong per player per step (the newest ping's
 * time echoed, with the server time and tick), written at encode inside the
 * player's bandwidth budget (see ServerEvents.flushUnreliable). Each ping
 * counts against the player's flood limit, so pings cannot make the server
 * send more than it receives.
 */
import { readF64, Reader } from "../codec";
import { ConnectionState } from "./connection";
import { ServerContext } from "./context";
import { ServerEvents } from "./events";
import { Op } from "../wire/protocol";

export function pingHandler(ctx: ServerContext, events: ServerEvents) {
	return (conn: ConnectionState, op: number, r: Reader, _reliable: boolean, staged: (() => void)[]): boolean => {
		if (op !== Op.Ping) return false;
		const clientTime = readF64(r);
		if (!events.eventGuard.takeFlood(conn, ctx.time)) {
			events.violation(conn, "flood", "clock pings over the flood limit");
			return true;
		}
		staged.push(() => {
			conn.guard.pingEcho = clientTime;
		});
		return true;
	};
}
