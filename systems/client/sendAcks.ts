/**
 * Send phase (client): acknowledges what arrived: the newest mutation seq,
 * a bitfield of the 32 before it, and the newest reliable tick applied.
 * Sent unreliably every step something new arrived (the bitfield makes a lost
 * ack harmless) and every ackInterval seconds regardless.
 */
import { newWriter, resetWriter, toBuffer, writeU32, writeU8, writeVarUint } from "../../src/codec";
import { ClientContext } from "../../src/replication/clientContext";
import { Op, PacketKind } from "../../src/wire/protocol";

export function sendAcks(ctx: ClientContext, extra: () => void) {
	const w = newWriter(32);
	return () => {
		extra();
		if (!ctx.helloSent || ctx.wire === undefined) return;
		if (!ctx.ackOwed && ctx.time - ctx.lastAckTime < ctx.config.ackInterval) return;
		ctx.ackOwed = false;
		ctx.lastAckTime = ctx.time;
		resetWriter(w);
		writeU8(w, PacketKind.ClientUnreliable);
		writeU8(w, Op.Ack);
		const newest = ctx.newestSeq;
		writeVarUint(w, newest);
		let bits = 0;
		let bit = 1;
		for (let i = 1; i <= 32; i++) {
			if (ctx.received.has(newest - i)) bits += bit;
			bit *= 2;
		}
		writeU32(w, bits);
		writeVarUint(w, math.max(ctx.reliableTick, 0));
		const data = toBuffer(w);
		ctx.transport.sendUnreliable(data);
		ctx.stats.packetsSent += 1;
		ctx.stats.bytesSent += buffer.len(data);
	};
}
