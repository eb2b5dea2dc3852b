/**
 * Encode phase, unreliable stream: per client, every entity whose unreliable
 * values differ from what that client acknowledged is sent as a delta against
 * that acknowledged baseline, newest value only, in packets under the 900-byte
 * limit. A sent value is not sent again until it changes or goes
 * unacknowledged for longer than ~1.25 RTT, so loss never leaves a client
 * with wrong state and no bandwidth goes to values already in flight.
 *
 * Packet: KIND_MUTATIONS, seq, tick, then groups: (seq - baselineSeq), entity
 * records, 0. A group header of 0 means "no baseline": values are whole. Record: varuint handle delta (times 2^U plus a component mask
 * when U > 1 unreliable components exist), then each masked value's delta.
 */
import { Entity } from "@rbxts/jecs";
import { Codec, newWriter, resetWriter, toBuffer, Writer, writeU8, writeVarUint } from "../../src/codec";
import { warnOnce } from "../../src/net/report";
import { ServerContext } from "../../src/replication/serverContext";
import { ConnectionState, MutationBase } from "../../src/replication/connection";
import { PacketKind, UNRELIABLE_BUDGET } from "../../src/wire/protocol";
import { Priority } from "../../components/interest";
import { mutationAllowance, PACKET_OVERHEAD } from "../../src/interest/budget";

/** Packets kept for acknowledgement; older ones count as lost. */
export const SENT_WINDOW = 128;
/**
 * A baseline older than this many packets is not used (the client keeps the
 * last 128 packets): the value is sent whole instead, in an "absolute" group.
 */
export const BASELINE_AGE_LIMIT = 64;
const HANDLE_SPACE = 2 ** 24;

function sameValues(codecs: Codec<unknown>[], a: unknown[], b: unknown[], u: number): boolean {
	for (let i = 0; i < u; i++) {
		const x = a[i];
		const y = b[i];
		if (x === y) continue;
		if (x === undefined || y === undefined || !codecs[i].equals(x, y)) return false;
	}
	return true;
}

function diffMask(codecs: Codec<unknown>[], base: unknown[], cur: unknown[], u: number): number {
	let mask = 0;
	let bit = 1;
	for (let i = 0; i < u; i++) {
		const x = base[i];
		const y = cur[i];
		if (x !== y && (x === undefined || y === undefined || !codecs[i].equals(x, y))) mask += bit;
		bit *= 2;
	}
	return mask;
}

/** Absolute records carry every present value, so the client needs no baseline at all. */
function fullMask(_base: MutationBase, cur: unknown[], u: number): number {
	let mask = 0;
	let bit = 1;
	for (let i = 0; i < u; i++) {
		if (cur[i] !== undefined) mask += bit;
		bit *= 2;
	}
	return mask;
}

export function encodeMutations(ctx: ServerContext, out: Map<Player, buffer[]>) {
	const registry = ctx.registry;
	const w: Writer = newWriter(1024);
	const keys: number[] = [];

	const writeRecord = (
		codecs: Codec<unknown>[],
		u: number,
		delta: number,
		mask: number,
		base: MutationBase,
		cur: unknown[],
		absolute: boolean,
	) => {
		writeVarUint(w, u === 1 ? delta : delta * 2 ** u + mask);
		let bit = 1;
		for (let i = 0; i < u; i++) {
			if (mask % (bit * 2) >= bit) {
				const codec = codecs[i];
				const bv = base.values[i];
				if (!absolute && bv !== undefined && codec.writeDelta) codec.writeDelta(w, bv, cur[i], ctx.codecContext);
				else codec.write(w, cur[i], ctx.codecContext);
			}
			bit *= 2;
		}
	};

	const candidates: number[] = [];
	const weights = new Map<number, number>();

	/** How far (0 near .. 1 at the leave radius) an entity is from the player's focus. */
	const distanceOf = (e: Entity, focus: Vector3 | undefined): number => {
		const interest = ctx.interest;
		if (interest === undefined || focus === undefined) return 0;
		const pos = interest.positionOf.get(e);
		if (pos === undefined) return 0;
		const dx = pos.X - focus.X;
		const dy = pos.Y - focus.Y;
		const dz = pos.Z - focus.Z;
		return math.min(math.sqrt(dx * dx + dy * dy + dz * dz) / interest.leave, 1);
	};

	const encodeFor = (conn: ConnectionState, codecs: Codec<unknown>[], u: number, packets: buffer[], allowance: number) => {
		const now = ctx.time;
		const resend = math.max(conn.stats.rtt * 1.25, 1 / ctx.config.tickRate) + ctx.config.resendSlack;
		const infos = registry.unreliable;
		const focus = ctx.interest?.focusOf(conn.player);
		// rates: only when some component asks for one
		let rated = false;
		for (const info of infos) if (info.intervalNear > 0) rated = true;
		keys.clear();
		candidates.clear();
		for (const e of conn.mutPending) {
			const base = conn.bases.get(e);
			const t = ctx.tracked.get(e);
			if (base === undefined || t === undefined) {
				conn.mutPending.delete(e);
				continue;
			}
			if (conn.ackedReliableTick < base.readyTick) continue;
			if (diffMask(codecs, base.values, t.mut, u) === 0) {
				conn.mutPending.delete(e);
				continue;
			}
			const sent = base.sentValues;
			if (sent !== undefined && now - base.sentTime < resend && sameValues(codecs, sent, t.mut, u)) continue;
			if (rated) {
				const d = distanceOf(e, focus);
				let interval = math.huge;
				for (const info of infos) {
					const i = info.intervalNear + (info.intervalFar - info.intervalNear) * d;
					if (i < interval) interval = i;
				}
				if (now - base.sentTime < interval - 1e-6) continue;
			}
			candidates.push(t.handle);
		}
		if (candidates.size() === 0) return;
		const budget = conn.budget;
		const estimate = candidates.size() * budget.avgRecord + 16;
		let chosen = candidates;
		if (estimate > allowance) {
			// over budget: the most important go first; the rest wait and gain priority
			weights.clear();
			for (const handle of candidates) {
				const t = ctx.byHandle.get(handle)!;
				const base = conn.bases.get(t.entity)!;
				let importance = 0;
				for (const info of infos) if (info.priority > importance) importance = info.priority;
				const weight = (ctx.world.get(t.entity, Priority) ?? 1) * importance * (1 - 0.75 * distanceOf(t.entity, focus));
				base.priority += weight;
				weights.set(handle, base.priority);
			}
			const ranked = [...candidates];
			ranked.sort((a, b) => weights.get(a)! > weights.get(b)!);
			const fit = math.max(0, math.floor((allowance - 16) / budget.avgRecord));
			chosen = [];
			for (let i = 0; i < math.min(fit, ranked.size()); i++) chosen.push(ranked[i]);
			conn.stats.deferred += ranked.size() - chosen.size();
			if (chosen.size() === 0) return;
		}
		for (const handle of chosen) {
			const t = ctx.byHandle.get(handle)!;
			const base = conn.bases.get(t.entity)!;
			// group 0 holds values sent whole (no usable baseline); group k+1 uses baseline seq k
			const group = base.seq > 0 && conn.nextSeq - base.seq > BASELINE_AGE_LIMIT ? 0 : base.seq + 1;
			keys.push(group * HANDLE_SPACE + handle);
		}
		keys.sort();
		let spent = 0;
		let records = 0;

		let seq = 0;
		let entities: Entity[] = [];
		let values: unknown[][] = [];
		let groupSeq = -1;
		let prevHandle = 0;
		const startPacket = () => {
			resetWriter(w);
			seq = conn.nextSeq;
			conn.nextSeq += 1;
			writeU8(w, PacketKind.Mutations);
			writeVarUint(w, seq);
			writeVarUint(w, ctx.tick);
			entities = [];
			values = [];
			groupSeq = -1;
		};
		const finishPacket = () => {
			writeVarUint(w, 0); // close the open group
			packets.push(toBuffer(w));
			spent += w.p + PACKET_OVERHEAD;
			conn.sent.set(seq, { seq, time: now, tick: ctx.tick, entities, values });
			const stale = conn.sent.get(seq - SENT_WINDOW);
			if (stale) {
				conn.sent.delete(seq - SENT_WINDOW);
				conn.stats.mutationsLost += 1;
			}
		};
		startPacket();
		for (const key of keys) {
			if (spent + w.p + budget.avgRecord + PACKET_OVERHEAD > allowance && entities.size() > 0) {
				// the estimate was optimistic: what does not fit waits for the next step
				conn.stats.deferred += 1;
				continue;
			}
			const handle = key % HANDLE_SPACE;
			const group = (key - handle) / HANDLE_SPACE;
			const absolute = group === 0;
			const baseSeq = group - 1;
			const t = ctx.byHandle.get(handle)!;
			const base = conn.bases.get(t.entity)!;
			const cur = t.mut;
			const mask = diffMask(codecs, base.values, cur, u);
			const mark = w.p;
			const openGroup = () => {
				if (groupSeq !== group) {
					if (groupSeq !== -1) writeVarUint(w, 0);
					writeVarUint(w, absolute ? 0 : seq - baseSeq);
					groupSeq = group;
					prevHandle = 0;
				}
			};
			openGroup();
			writeRecord(codecs, u, handle - prevHandle, absolute ? fullMask(base, cur, u) : mask, base, cur, absolute);
			if (w.p > UNRELIABLE_BUDGET) {
				if (entities.size() === 0) {
					warnOnce(
						`mutation-size-${handle}`,
						`Skyrocket: the unreliable components of entity ${t.entity} take ${w.p - mark} bytes, more than one packet holds; replicate them reliably instead`,
					);
					conn.mutPending.delete(t.entity);
					w.p = mark;
					continue;
				}
				w.p = mark;
				finishPacket();
				startPacket();
				openGroup();
				writeRecord(codecs, u, handle - prevHandle, absolute ? fullMask(base, cur, u) : mask, base, cur, absolute);
			}
			prevHandle = handle;
			records += 1;
			base.priority = 0;
			const snapshot = table.clone(cur);
			entities.push(t.entity);
			values.push(snapshot);
			base.sentSeq = seq;
			base.sentTime = now;
			base.sentValues = snapshot;
		}
		if (entities.size() > 0) finishPacket();
		else conn.nextSeq -= 1;
		if (records > 0) {
			budget.avgRecord = budget.avgRecord * 0.8 + ((spent - PACKET_OVERHEAD * packets.size()) / records) * 0.2;
			conn.stats.entitiesSent += records;
		}
	};

	return () => {
		const unreliable = registry.unreliable;
		const u = unreliable.size();
		if (u === 0) return;
		const codecs = unreliable.map((info) => info.codec!);
		for (const c of ctx.changes) {
			if (!c.mutChanged || c.despawned) continue;
			const e = c.tracked.entity;
			for (const conn of ctx.connections) if (conn.known.has(e)) conn.mutPending.add(e);
		}
		for (const conn of ctx.connections) {
			if (!conn.ready || conn.mutPending.isEmpty()) continue;
			const packets: buffer[] = [];
			encodeFor(conn, codecs, u, packets, mutationAllowance(ctx, conn));
			if (packets.size() > 0) {
				let list = out.get(conn.player);
				if (list === undefined) {
					list = [];
					out.set(conn.player, list);
				}
				for (const p of packets) list.push(p);
			}
		}
	};
}
