/**
 * Receive phase (server): connects and disconnects players, then handles each
 * packet the transport queued. The firewall comes first: a player over their
 * byte or packet budget, or a packet over the size limit, is dropped before
 * any decoding, so hostile traffic costs almost nothing. Then the packet's
 * number (one sequence per channel): a number seen before is a replay,
 * dropped. Decoding is strict and all-or-nothing: every record of a packet is
 * decoded before any takes effect; a malformed packet is dropped whole,
 * counted per player and reason, and reported as a Violation; it never throws
 * into the game.
 *
 * Reads: the transport's queued packets, players joining and leaving. Writes: connections, NetPlayer entities, NetStats, event and Violation entities.
 */
import { World } from "@rbxts/jecs";
import { CodecError, newReader, Reader, readU32, readU8, readVarUint } from "../../src/codec";
import { Connection, ConnectionState, newConnection } from "../../src/server/connection";
import { acknowledge } from "../../src/server/acks";
import { removeMember } from "../../src/server/regroup";
import { admitSeq } from "../../src/server/seqWindow";
import { ServerContext } from "../../src/server/context";
import { ServerEvents } from "../../src/server/events";
import { Op, PacketKind, PROTOCOL_VERSION } from "../../src/wire/protocol";
import { NetPlayer } from "../../components/connection";
import { NetStats, newNetStats } from "../../components/stats";

/** Decodes one record the core does not know; pushes its effect to `staged`; false if unknown. */
export type RecordHandler = (conn: ConnectionState, op: number, r: Reader, reliable: boolean, staged: (() => void)[]) => boolean;

/** Hands a record the core does not know to the extra decoders (events...); throws if none knows it. */
function readExtraRecord(
	handlers: RecordHandler[],
	conn: ConnectionState,
	op: number,
	r: Reader,
	reliable: boolean,
	staged: (() => void)[],
) {
	for (const handler of handlers) if (handler(conn, op, r, reliable, staged)) return;
	throw new CodecError(`unknown record ${op}`);
}

export function receivePackets(ctx: ServerContext, world: World, events: ServerEvents, extraRecords: RecordHandler[]) {
	const guard = events.guard;

	const join = (player: Player) => {
		if (ctx.byPlayer.has(player)) return;
		const e = world.entity();
		const stats = newNetStats();
		const conn = newConnection(player, e, stats, ctx.netGroups.defaultMask);
		world.set(e, NetPlayer, player);
		world.set(e, Connection, conn);
		world.set(e, NetStats, stats);
		ctx.connections.push(conn);
		ctx.byPlayer.set(player, conn);
	};

	const leave = (player: Player) => {
		const conn = ctx.byPlayer.get(player);
		if (conn === undefined) return;
		ctx.byPlayer.delete(player);
		removeMember(conn, ctx.mutations);
		const i = ctx.connections.indexOf(conn);
		if (i >= 0) ctx.connections.remove(i);
		if (world.contains(conn.entity)) world.delete(conn.entity);
		for (const forget of ctx.onLeave) forget(player);
	};

	/** An ack record: the newest unreliable seq received, a bitfield of the 32 before it, and the newest reliable tick applied. */
	const ack = (conn: ConnectionState, newest: number, bits: number, reliableTick: number) => {
		conn.lastAckAt = ctx.time;
		if (reliableTick > conn.ackedReliableTick) conn.ackedReliableTick = reliableTick;
		const record = acknowledge(conn, newest, ctx.mutations);
		if (record !== undefined) {
			const sample = ctx.time - record.time;
			conn.stats.rtt = conn.stats.rtt === 0 ? sample : conn.stats.rtt * 0.875 + sample * 0.125;
		}
		// bit k stands for seq newest - 1 - k; only what the previous ack did not report yet is new
		let fresh = bits;
		const d = newest - conn.lastAckNewest;
		if (d > 0 && d <= 32 && conn.lastAckNewest > 0) {
			const prior = bit32.bor(bit32.lshift(conn.lastAckBits, d), bit32.lshift(1, d - 1));
			fresh = bit32.band(bits, bit32.bnot(prior));
		}
		while (fresh !== 0) {
			const k = bit32.countrz(fresh);
			fresh = bit32.band(fresh, fresh - 1);
			acknowledge(conn, newest - 1 - k, ctx.mutations);
		}
		if (d > 0) {
			conn.lastAckNewest = newest;
			conn.lastAckBits = bits;
		}
	};

	/** The firewall: true when the packet may be decoded. */
	const admit = (conn: ConnectionState, data: buffer): boolean => {
		const g = conn.guard;
		const size = buffer.len(data);
		if (ctx.time - g.windowStart >= 1) {
			g.windowStart = ctx.time;
			g.windowBytes = 0;
			g.windowPackets = 0;
		}
		g.windowBytes += size;
		g.windowPackets += 1;
		if (size > guard.maxPacketBytes) {
			events.violation(conn, "firewall", `packet of ${size} bytes exceeds the ${guard.maxPacketBytes}-byte limit`);
			return false;
		}
		if (g.windowBytes > guard.bytesPerSecond) {
			events.violation(conn, "firewall", `over ${guard.bytesPerSecond} bytes per second`);
			return false;
		}
		if (g.windowPackets > guard.packetsPerSecond) {
			events.violation(conn, "firewall", `over ${guard.packetsPerSecond} packets per second`);
			return false;
		}
		return true;
	};

	/** Acks read from the packet being decoded, as (newest, bits, reliable tick) triples: applied once it decoded whole. */
	const acks: number[] = [];
	const HELLO = 1;
	const REPLAYED = 2;

	/**
	 * Reads every record of a packet: effects go to `staged`, acks to `acks`,
	 * nothing is applied. Returns HELLO when it said hello, REPLAYED when its
	 * number was seen before. (A function of its arguments, so pcall needs no
	 * closure per packet.)
	 */
	const readPacket = (conn: ConnectionState, r: Reader, reliable: boolean, staged: (() => void)[]): number => {
		const kind = readU8(r);
		if (kind !== (reliable ? PacketKind.ClientReliable : PacketKind.ClientUnreliable)) {
			throw new CodecError(`unknown packet kind ${kind}`);
		}
		const seq = readVarUint(r);
		// nothing but a hello is decoded before the client said hello
		if (!conn.ready && (r.p >= r.n || buffer.readu8(r.b, r.p) !== Op.Hello)) return 0;
		if (!admitSeq(reliable ? conn.guard.reliableSeqs : conn.guard.unreliableSeqs, seq)) return REPLAYED;
		let result = 0;
		while (r.p < r.n) {
			const op = readU8(r);
			if (op === Op.Hello) {
				const version = readVarUint(r);
				if (version !== PROTOCOL_VERSION) throw new CodecError(`client protocol ${version}, server speaks ${PROTOCOL_VERSION}`);
				result = HELLO;
				staged.push(() => {
					if (!conn.ready) {
						conn.readyAt = ctx.time;
						conn.lastAckAt = ctx.time;
					}
					conn.ready = true;
				});
			} else if (op === Op.Ack) {
				const newest = readVarUint(r);
				const bits = readU32(r);
				const reliableTick = readVarUint(r);
				if (reliableTick > ctx.tick) throw new CodecError(`ack of future reliable tick ${reliableTick}`);
				if (newest >= (conn.group?.nextSeq ?? 1)) throw new CodecError(`ack of unsent packet ${newest}`);
				acks.push(newest, bits, reliableTick);
			} else {
				readExtraRecord(extraRecords, conn, op, r, reliable, staged);
			}
		}
		return result;
	};

	const decode = (conn: ConnectionState, data: buffer, reliable: boolean) => {
		const r = newReader(data);
		const staged: (() => void)[] = [];
		conn.stats.bytesDecoded += buffer.len(data);
		acks.clear();
		const [ok, result] = pcall(readPacket, conn, r, reliable, staged);
		if (!ok) {
			events.violation(conn, "malformed", result instanceof CodecError ? result.reason : tostring(result));
			return;
		}
		if (result === REPLAYED) {
			events.violation(
				conn,
				"replay",
				`a ${reliable ? "reliable" : "unreliable"} packet number seen before (each packet is processed at most once)`,
			);
			return;
		}
		if (!conn.ready && result !== HELLO) {
			// nothing but hello is accepted before the client said hello
			events.violation(conn, "malformed", "packet before hello");
			return;
		}
		conn.stats.packetsAccepted += 1;
		// acks first: they only move this connection's replication state (effects may run game code)
		for (let i = 0; i < acks.size(); i += 3) ack(conn, acks[i], acks[i + 1], acks[i + 2]);
		acks.clear();
		for (const apply of staged) apply();
	};

	return () => {
		for (const player of ctx.transport.drainJoins()) join(player);
		for (const incoming of ctx.transport.drain()) {
			const conn = incoming.player && ctx.byPlayer.get(incoming.player);
			if (conn === undefined) continue;
			const data = incoming.data;
			conn.stats.packetsReceived += 1;
			if (!typeIs(data, "buffer")) {
				events.violation(conn, "malformed", `not a buffer (${typeOf(data)})`);
				continue;
			}
			conn.stats.bytesReceived += buffer.len(data);
			if (admit(conn, data)) decode(conn, data, incoming.reliable);
		}
		for (const player of ctx.transport.drainLeaves()) leave(player);
	};
}
