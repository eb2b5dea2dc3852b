/**
 * Send phase (client): one reliable packet with this step's events and
 * requests, and one unreliable packet (split if large) with the
 * acknowledgement and unreliable events. The ack carries the newest mutation
 * seq, a bitfield of the 32 before it and the newest reliable tick applied;
 * it goes once something new arrived and ackDelay passed since the last one
 * (one ack for two ticks' packets by default: the bitfield names each, and
 * makes a lost ack harmless), and every ackInterval seconds regardless.
 *
 * Reads: this step's outgoing events and requests, the ack state. Writes: remote calls, client stats.
 */
import { newWriter, resetWriter, toBuffer, Writer, writeBytes, writeF64, writeU32, writeU8, writeVarUint } from "../../src/codec";
import { ClientContext } from "../../src/client/context";
import { ClientEvents } from "../../src/client/events";
import { Op, PacketKind } from "../../src/wire/protocol";

export function sendPackets(ctx: ClientContext, events: ClientEvents, pingInterval: number) {
	const reliable = newWriter(64);
	// a quarter tick of slack: steps of exactly ackDelay apart still count as due
	const ackDelay = ctx.config.ackDelay > 0 ? ctx.config.ackDelay - 0.25 / ctx.config.tickRate : 0;
	let lastPing = -math.huge;
	// every packet carries the next number of its channel (the server processes each number once)
	const unreliableHeader = (w: Writer) => {
		writeU8(w, PacketKind.ClientUnreliable);
		ctx.unreliableSeq += 1;
		writeVarUint(w, ctx.unreliableSeq);
	};
	const send = (data: buffer, isReliable: boolean) => {
		if (isReliable) ctx.transport.sendReliable(data);
		else ctx.transport.sendUnreliable(data);
		ctx.stats.packetsSent += 1;
		ctx.stats.bytesSent += buffer.len(data);
	};
	return () => {
		if (!ctx.helloSent) return;
		events.prepare();
		if (events.reliable.p > 0) {
			resetWriter(reliable);
			writeU8(reliable, PacketKind.ClientReliable);
			ctx.reliableSeq += 1;
			writeVarUint(reliable, ctx.reliableSeq);
			writeBytes(reliable, events.reliable.b, 0, events.reliable.p);
			resetWriter(events.reliable);
			send(toBuffer(reliable), true);
		}
		const packets: Writer[] = [];
		const sinceAck = ctx.time - ctx.lastAckTime;
		if (ctx.wire !== undefined && ((ctx.ackOwed && sinceAck >= ackDelay) || sinceAck >= ctx.config.ackInterval)) {
			ctx.ackOwed = false;
			ctx.lastAckTime = ctx.time;
			const w = newWriter(32);
			unreliableHeader(w);
			writeU8(w, Op.Ack);
			const newest = ctx.newestSeq;
			writeVarUint(w, newest);
			let bits = 0;
			let bit = 1;
			for (let i = 1; i <= 32; i++) {
				if (ctx.receivedSeqs.has(newest - i)) bits += bit;
				bit *= 2;
			}
			writeU32(w, bits);
			writeVarUint(w, math.max(ctx.reliableTick, 0));
			packets.push(w);
		}
		if (ctx.wire !== undefined && ctx.time - lastPing >= pingInterval) {
			// clock ping: the server echoes our time with its own (see time/clientClock.ts)
			lastPing = ctx.time;
			let w = packets[0];
			if (w === undefined) {
				w = newWriter(16);
				unreliableHeader(w);
				packets.push(w);
			}
			writeU8(w, Op.Ping);
			writeF64(w, ctx.time);
		}
		events.takeUnreliable(packets, unreliableHeader);
		for (const w of packets) send(toBuffer(w), false);
	};
}
