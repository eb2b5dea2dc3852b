/**
 * Receive phase (client): says hello once the server's remotes exist (again
 * every HELLO_INTERVAL seconds until the server answers, so a lost or
 * firewalled first packet does not leave the client out), then applies the
 * server's packets in arrival order: reliable updates (what this client does
 * not declare is skipped, see client/schema.ts) and unreliable mutations
 * (which wait, warned every 10 s, while the server replicates an unreliable
 * component this client lacks). Malformed packets are dropped and counted.
 *
 * Reads: the transport's queued packets. Writes: the world (replicated state), client stats, the ack state.
 */
import { CodecError, newReader, Reader, readU8, readVarUint, toBuffer, newWriter, writeU8, writeVarUint } from "../../src/codec";
import { applyUpdates, readExtraRecord } from "../../src/client/applyUpdates";
import { readSchema, resolveSchema, waitingMessage, WAITING_WARNING_INTERVAL } from "../../src/client/schema";
import { countDrop } from "../../src/core/report";
import { applyMutations } from "../../src/client/applyMutations";
import { ClientContext } from "../../src/client/context";
import { Op, PacketKind, PROTOCOL_VERSION } from "../../src/wire/protocol";

/** Seconds between hellos while the server has not answered. */
export const HELLO_INTERVAL = 1;

export function receivePackets(ctx: ClientContext) {
	const drop = (reason: string, detail: string) => {
		countDrop(ctx.stats, reason);
		warn(`Skyrocket: dropped a packet from the server (${reason}): ${detail}`);
	};

	/** Applies a reliable packet; false when it must wait (no schema has arrived yet). */
	const reliable = (data: buffer): boolean => {
		const r = newReader(data);
		const [headOk, head] = pcall(() => {
			const kind = readU8(r);
			if (kind !== PacketKind.Updates) throw new CodecError(`unknown packet kind ${kind}`);
			return readVarUint(r);
		});
		if (!headOk) {
			drop("malformed", tostring(head));
			return true;
		}
		const tick = head as number;
		// schema records (the whole schema first; ids registered later on the server) come before any other record
		if (r.p < r.n && buffer.readu8(data, r.p) === Op.Schema) {
			const [schemaOk, schemaErr] = pcall(() => {
				while (r.p < r.n && buffer.readu8(data, r.p) === Op.Schema) {
					r.p += 1;
					readSchema(ctx, r);
				}
			});
			if (!schemaOk) {
				drop("malformed schema", tostring(schemaErr));
				return true;
			}
			resolveSchema(ctx);
		} else if (ctx.wire === undefined) {
			return false;
		}
		if (applyUpdates(ctx, r, tick)) {
			if (tick > ctx.reliableTick) ctx.reliableTick = tick;
			if (tick > ctx.serverTick) ctx.serverTick = tick;
			ctx.ackOwed = true;
		}
		return true;
	};

	const unreliableEvents = (r: Reader) => {
		if (ctx.wire === undefined) throw new CodecError("events before the schema");
		const tick = readVarUint(r);
		const staged: (() => void)[] = [];
		while (r.p < r.n) readExtraRecord(ctx, readU8(r), r, tick, staged);
		for (const apply of staged) apply();
	};

	const unreliable = (data: buffer) => {
		const r: Reader = newReader(data);
		const [kindOk, kind] = pcall(() => readU8(r));
		if (!kindOk) return drop("malformed", tostring(kind));
		if (kind === PacketKind.Mutations) {
			if (ctx.waitingFor !== undefined) {
				// an unreliable component this client lacks shares every mutation packet: none can be read
				countDrop(ctx.stats, "waiting for unreliable components");
				ctx.warnings.every("waiting", WAITING_WARNING_INTERVAL, ctx.time, waitingMessage(ctx.waitingFor));
				return;
			}
			const [applied] = pcall(() => {
				if (ctx.wire === undefined) throw new CodecError("mutations before the schema");
				applyMutations(ctx, r);
			});
			// losing the baseline race is expected now and then: counted, not warned
			if (!applied) countDrop(ctx.stats, "undecodable mutation");
		} else if (kind === PacketKind.ServerUnreliable) {
			const [eventsOk, eventsErr] = pcall(() => unreliableEvents(r));
			if (!eventsOk) drop("malformed events", tostring(eventsErr));
		} else {
			drop("malformed", `unknown packet kind ${kind}`);
		}
	};

	return () => {
		const transport = ctx.transport;
		if (!transport.ready()) return;
		if (!ctx.answered && ctx.time - ctx.helloAt >= HELLO_INTERVAL) {
			ctx.helloSent = true;
			ctx.helloAt = ctx.time;
			const w = newWriter(8);
			writeU8(w, PacketKind.ClientReliable);
			ctx.reliableSeq += 1;
			writeVarUint(w, ctx.reliableSeq);
			writeU8(w, Op.Hello);
			writeVarUint(w, PROTOCOL_VERSION);
			transport.sendReliable(toBuffer(w));
		}
		// reliable packets keep their order: a waiting packet blocks the ones after it
		const waiting = ctx.waiting;
		while (waiting.size() > 0) {
			if (!reliable(waiting[0])) break;
			waiting.shift();
		}
		for (const incoming of transport.drain()) {
			ctx.stats.packetsReceived += 1;
			ctx.answered = true;
			const data = incoming.data;
			if (!typeIs(data, "buffer")) {
				drop("not a buffer", typeOf(data));
				continue;
			}
			ctx.stats.bytesReceived += buffer.len(data);
			if (incoming.reliable) {
				if (waiting.size() > 0 || !reliable(data)) waiting.push(data);
			} else if (waiting.size() === 0) {
				unreliable(data);
			}
		}
	};
}
