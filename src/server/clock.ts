/**
 * Server side of the shared clock: answers each client Ping with a Pong
 * carrying the echoed client time, the server time and tick at the moment of
 * sending, on the unreliable channel of the same step.
 */
import { newWriter, readF64, resetWriter, Reader, writeF64, writeU8, writeVarUint } from "../codec";
import { ConnectionState } from "./connection";
import { ServerContext } from "./context";
import { ServerEvents } from "./events";
import { Op } from "../wire/protocol";

export function pingHandler(ctx: ServerContext, events: ServerEvents) {
	const w = newWriter(32);
	return (conn: ConnectionState, op: number, r: Reader, _reliable: boolean, staged: (() => void)[]): boolean => {
		if (op !== Op.Ping) return false;
		const clientTime = readF64(r);
		staged.push(() => {
			resetWriter(w);
			writeU8(w, Op.Pong);
			writeF64(w, clientTime);
			writeF64(w, ctx.time);
			writeVarUint(w, ctx.tick);
			events.appendUnreliable(conn, w);
		});
		return true;
	};
}
