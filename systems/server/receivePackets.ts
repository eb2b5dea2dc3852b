/**
 * Receive phase (server): connects and disconnects players, then decodes each
 * packet the transport queued. Decoding is strict: a packet that is not a
 * buffer, is truncated, or holds an unknown record is dropped whole, counted
 * per player and reason, and warned about once; it never throws into the game.
 */
import { Entity, World } from "@rbxts/jecs";
import { CodecError, newReader, Reader, readU32, readU8, readVarUint } from "../../src/codec";
import { warnOnce } from "../../src/net/report";
import { ConnectionState, newConnection } from "../../src/replication/connection";
import { ServerContext } from "../../src/replication/serverContext";
import { Op, PacketKind, PROTOCOL_VERSION } from "../../src/wire/protocol";
import { Connection, NetPlayer } from "../../components/connection";
import { NetStats, newNetStats } from "../../components/stats";

/** Handles one record the core does not know (events, requests); returns false if unknown. */
export type RecordHandler = (conn: ConnectionState, op: number, r: Reader, reliable: boolean) => boolean;

export function countDrop(conn: ConnectionState, reason: string, detail?: string) {
	const stats = conn.stats;
	stats.dropped += 1;
	stats.drops.set(reason, (stats.drops.get(reason) ?? 0) + 1);
	warnOnce(
		`drop:${conn.player.UserId}:${reason}`,
		`Skyrocket: dropped a packet from ${conn.player.Name} (${reason})${detail !== undefined ? `: ${detail}` : ""}. Further drops for this reason are counted silently.`,
	);
}

export function receivePackets(ctx: ServerContext, world: World, extraRecords: RecordHandler[]) {
	const join = (player: Player) => {
		if (ctx.byPlayer.has(player)) return;
		const e = world.entity();
		const stats = newNetStats();
		const conn = newConnection(player, e, stats);
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
		const i = ctx.connections.indexOf(conn);
		if (i >= 0) ctx.connections.remove(i);
		if (world.contains(conn.entity)) world.delete(conn.entity);
	};

	const ack = (conn: ConnectionState, r: Reader) => {
		const newest = readVarUint(r);
		const bits = readU32(r);
		const reliableTick = readVarUint(r);
		if (reliableTick > ctx.tick) throw new CodecError(`ack of future reliable tick ${reliableTick}`);
		if (reliableTick > conn.ackedReliableTick) conn.ackedReliableTick = reliableTick;
		let mask = 1;
		for (let i = 0; i <= 32; i++) {
			const acked = i === 0 || bits % (mask * 2) >= mask;
			if (i > 0) mask *= 2;
			if (!acked) continue;
			const seq = newest - i;
			const packet = conn.sent.get(seq);
			if (packet === undefined) continue;
			conn.sent.delete(seq);
			if (i === 0) {
				const sample = ctx.time - packet.time;
				conn.stats.rtt = conn.stats.rtt === 0 ? sample : conn.stats.rtt * 0.875 + sample * 0.125;
			}
			if (seq > conn.ackedSeq) conn.ackedSeq = seq;
			const entities = packet.entities;
			for (let j = 0; j < entities.size(); j++) {
				const base = conn.bases.get(entities[j] as Entity);
				if (base !== undefined && seq > base.seq && packet.tick >= base.readyTick) {
					base.seq = seq;
					base.values = packet.values[j];
				}
			}
		}
	};

	const decode = (conn: ConnectionState, data: unknown, reliable: boolean) => {
		if (!typeIs(data, "buffer")) {
			countDrop(conn, "not a buffer", typeOf(data));
			return;
		}
		const r = newReader(data);
		const ok = pcall(() => {
			const kind = readU8(r);
			if (kind !== (reliable ? PacketKind.ClientReliable : PacketKind.ClientUnreliable)) {
				throw new CodecError(`unknown packet kind ${kind}`);
			}
			while (r.p < r.n) {
				const op = readU8(r);
				if (op === Op.Hello) {
					const version = readVarUint(r);
					if (version !== PROTOCOL_VERSION) {
						throw new CodecError(`client protocol ${version}, server speaks ${PROTOCOL_VERSION}`);
					}
					conn.ready = true;
				} else if (op === Op.Ack) {
					ack(conn, r);
				} else {
					let handled = false;
					for (const handler of extraRecords) {
						if (handler(conn, op, r, reliable)) {
							handled = true;
							break;
						}
					}
					if (!handled) throw new CodecError(`unknown record ${op}`);
				}
			}
		});
		if (!ok[0]) {
			const err = ok[1];
			countDrop(conn, err instanceof CodecError ? "malformed" : "error", tostring(err instanceof CodecError ? err.reason : err));
		}
	};

	return () => {
		for (const player of ctx.transport.drainJoins()) join(player);
		for (const incoming of ctx.transport.drain()) {
			const conn = incoming.player && ctx.byPlayer.get(incoming.player);
			if (conn === undefined) continue;
			conn.stats.packetsReceived += 1;
			if (typeIs(incoming.data, "buffer")) conn.stats.bytesReceived += buffer.len(incoming.data);
			decode(conn, incoming.data, incoming.reliable);
		}
		for (const player of ctx.transport.drainLeaves()) leave(player);
	};
}
