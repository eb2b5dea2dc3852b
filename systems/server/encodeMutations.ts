/**
 * Encode phase, unreliable stream: per client, every entity whose unreliable
 * values differ from what that client acknowledged is sent as a delta against
 * that acknowledged baseline, newest value only, in packets under the 900-byte
 * limit. A sent value is not sent again until it changes or goes
 * unacknowledged for longer than ~1.25 RTT, so loss never leaves a client
 * with wrong state and no bandwidth goes to values already in flight. Only
 * entities that changed, or whose packet timed out, are looked at each step.
 *
 * Baselines are named by the server tick of the values they hold, the same
 * for every client, so a record body (mask + deltas) is encoded once per
 * (entity, baseline) and copied into every client that shares that baseline.
 * Checks are O(1) per waiting entity: values carry a version number.
 *
 * Packet: KIND_MUTATIONS, seq, tick, then groups: a header (0: values whole,
 * 1: against the reliable spawn state, k >= 2: against the values of tick
 * tick - k + 1), records, 0. Record: one varuint head = handle delta x 2^B +
 * mask, then the body. With several unreliable components the mask names the
 * components present (B = their count); with one struct component it is the
 * struct's field mask (B = its field count), saving the struct's own mask byte.
 */
import { Entity } from "@rbxts/jecs";
import { Codec, newWriter, resetWriter, StructCodec, toBuffer, Writer, writeBytes, writeU8, writeVarUint } from "../../src/codec";
import { warnOnce } from "../../src/core/report";
import { ServerContext } from "../../src/server/context";
import { ConnectionState, SPAWN_BASELINE } from "../../src/server/connection";
import { TrackedEntity } from "../../src/server/tracked";
import { PacketKind, UNRELIABLE_BUDGET } from "../../src/wire/protocol";
import { Priority } from "../../components/interest";
import { mutationAllowance, PACKET_OVERHEAD } from "../../src/server/budget";
import { heapPop, heapPush } from "../../src/server/heap";

/** Packets kept for acknowledgement; older ones count as lost. */
export const SENT_WINDOW = 128;
/**
 * A baseline older than this many ticks is not used (the client keeps the
 * last 128 ticks of values): the value is sent whole instead.
 */
export const BASELINE_AGE_LIMIT = 64;
/** Group header of values sent whole, and of values against the spawn state. */
export const GROUP_ABSOLUTE = 0;
export const GROUP_SPAWN = 1;
const HANDLE_SPACE = 2 ** 24;
/** An entity that never was sent counts as having waited this long (seconds) for priority. */
const MAX_AGE = 10;

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
function fullMask(cur: unknown[], u: number): number {
	let mask = 0;
	let bit = 1;
	for (let i = 0; i < u; i++) {
		if (cur[i] !== undefined) mask += bit;
		bit *= 2;
	}
	return mask;
}

/** The group (wire header) a baseline falls in this tick. */
export function groupOf(baseTick: number, tick: number): number {
	if (baseTick === SPAWN_BASELINE) return GROUP_SPAWN;
	if (tick - baseTick > BASELINE_AGE_LIMIT) return GROUP_ABSOLUTE;
	return tick - baseTick + 1;
}

const EMPTY_SET = new Set<Entity>();
/** Time resolution of the send-order heap (1/64 s). */
const ORDER_STEPS = 64;

function orderKey(sentTime: number, handle: number): number {
	return math.floor(math.max(sentTime, 0) * ORDER_STEPS) * HANDLE_SPACE + handle;
}

/** Queues `e` (known to `conn`) for its next mutation; `ordered`: also in the send-order heap (budgets only). */
export function markPending(conn: ConnectionState, e: Entity, handle: number, ordered: boolean) {
	if (conn.mutPending.has(e)) return;
	const base = conn.bases.get(e);
	if (base === undefined) return;
	conn.mutPending.add(e);
	if (ordered) heapPush(conn.pendingOrder, orderKey(base.sentTime, handle));
}

/** Encoded mutation packets of one step, shared by clients that need exactly the same records. */
interface SharedPacket {
	/** The packet after its header (kind, seq, tick): groups and records. */
	readonly body: buffer;
	readonly entities: Entity[];
	readonly values: unknown[][];
	readonly versions: number[];
}

/** Records a packet in flight for acknowledgement; packets too old to be acknowledged count as lost. */
function remember(conn: ConnectionState, seq: number, now: number, tick: number, entities: Entity[], values: unknown[][], versions: number[]) {
	conn.sent.set(seq, { seq, time: now, tick, entities, values, versions });
	if (conn.sent.has(seq - SENT_WINDOW)) {
		conn.sent.delete(seq - SENT_WINDOW);
		conn.stats.mutationsLost += 1;
	}
}

export function encodeMutations(ctx: ServerContext, out: Map<Player, buffer[]>) {
	const registry = ctx.registry;
	const packetCache = new Map<string, { packets: SharedPacket[]; cost: number }>();
	const header: Writer = newWriter(16);

	/** Sends another client's packets of this step to `conn`: only the header (its own seq) is written. */
	const reuse = (conn: ConnectionState, shared: { packets: SharedPacket[]; cost: number }, packets: buffer[], now: number, tick: number) => {
		let records = 0;
		for (const p of shared.packets) {
			const seq = conn.nextSeq;
			conn.nextSeq += 1;
			resetWriter(header);
			writeU8(header, PacketKind.Mutations);
			writeVarUint(header, seq);
			writeVarUint(header, tick);
			const size = buffer.len(p.body);
			const data = buffer.create(header.p + size);
			buffer.copy(data, 0, header.b, 0, header.p);
			buffer.copy(data, header.p, p.body, 0, size);
			packets.push(data);
			remember(conn, seq, now, tick, p.entities, p.values, p.versions);
			for (const e of p.entities) {
				conn.bases.get(e)!.sentTime = now;
				conn.mutPending.delete(e);
			}
			records += p.entities.size();
		}
		conn.stats.entitiesSent += records;
	};
	const w: Writer = newWriter(1024);
	// record bodies of this step, shared by every client with the same baseline
	const bodies: Writer = newWriter(4096);
	const bodyStart = new Map<number, number>();
	const bodyEnd = new Map<number, number>();
	const bodyMask = new Map<number, number>();
	/** Per body, [wire id, bytes] pairs for the profiler (only while it listens). */
	const bodyParts = new Map<number, number[]>();
	const snapshots = new Map<number, unknown[]>();
	const keys: number[] = [];
	const candidates: number[] = [];
	const ranked: number[] = [];
	const picked = new Set<number>();
	/**
	 * Average bytes of a mutation record, for budget estimates: one figure for
	 * everyone, updated once per step, so clients in the same situation choose
	 * the same records (and share their packets).
	 */
	let avgRecord = 8;
	/** The one struct component whose field mask rides in the record head, if that is the layout. */
	let single: StructCodec<unknown> | undefined;
	let headBits = 0;
	let stepBytes = 0;
	let stepRecords = 0;

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

	let uncached = -1;
	/**
	 * Encodes the body of `t`'s record against a baseline group, once per step
	 * for everyone who shares it. Spawn-state baselines differ per client (each
	 * saw the entity appear at its own time): those are encoded per client.
	 */
	const bodyOf = (codecs: Codec<unknown>[], u: number, t: TrackedEntity, group: number, baseValues: unknown[]): number => {
		let key = group * HANDLE_SPACE + t.handle;
		if (group === GROUP_SPAWN) {
			key = uncached;
			uncached -= 1;
		} else if (bodyStart.has(key)) return key;
		const cur = t.mut;
		const absolute = group === GROUP_ABSOLUTE;
		const parts: number[] | undefined = ctx.mutationTally ? [] : undefined;
		if (single !== undefined) {
			// one struct component: its field mask goes in the record head
			const whole = absolute || baseValues[0] === undefined;
			const fieldMask = whole ? 2 ** single.fieldCount - 1 : single.diff(baseValues[0], cur[0]);
			bodyStart.set(key, bodies.p);
			bodyMask.set(key, fieldMask);
			if (whole) single.write(bodies, cur[0], ctx.codecContext);
			else single.writeMasked(bodies, baseValues[0], cur[0], fieldMask, ctx.codecContext);
			if (parts) parts.push(registry.unreliable[0].wireId, bodies.p - bodyStart.get(key)!);
			bodyEnd.set(key, bodies.p);
			if (parts) bodyParts.set(key, parts);
			return key;
		}
		const mask = absolute ? fullMask(cur, u) : diffMask(codecs, baseValues, cur, u);
		bodyStart.set(key, bodies.p);
		bodyMask.set(key, mask);
		let bit = 1;
		for (let i = 0; i < u; i++) {
			if (mask % (bit * 2) >= bit) {
				const codec = codecs[i];
				const bv = baseValues[i];
				const before = bodies.p;
				if (!absolute && bv !== undefined && codec.writeDelta) codec.writeDelta(bodies, bv, cur[i], ctx.codecContext);
				else codec.write(bodies, cur[i], ctx.codecContext);
				if (parts) parts.push(registry.unreliable[i].wireId, bodies.p - before);
			}
			bit *= 2;
		}
		bodyEnd.set(key, bodies.p);
		if (parts) bodyParts.set(key, parts);
		return key;
	};

	const snapshotOf = (t: TrackedEntity): unknown[] => {
		let s = snapshots.get(t.handle);
		if (s === undefined) {
			s = table.clone(t.mut);
			snapshots.set(t.handle, s);
		}
		return s;
	};

	/** Re-queues the entities of packets that went unacknowledged too long (whose values the client may lack). */
	const requeueTimedOut = (conn: ConnectionState) => {
		const now = ctx.time;
		const resend = math.max(conn.stats.rtt * 1.25, 1 / ctx.config.tickRate) + ctx.config.resendSlack;
		while (conn.timeoutSeq < conn.nextSeq) {
			const packet = conn.sent.get(conn.timeoutSeq);
			if (packet !== undefined) {
				if (now - packet.time < resend) break;
				for (const e of packet.entities) {
					const base = conn.bases.get(e);
					const t = ctx.tracked.get(e);
					if (base !== undefined && t !== undefined && base.version !== t.mutVersion) {
						markPending(conn, e, t.handle, ctx.config.budgetPerPlayer > 0);
					}
				}
			}
			conn.timeoutSeq += 1;
		}
	};

	const encodeFor = (conn: ConnectionState, codecs: Codec<unknown>[], u: number, packets: buffer[], allowance: number) => {
		const now = ctx.time;
		const tick = ctx.tick;
		const budget = conn.budget;
		if (allowance < avgRecord + 16 + PACKET_OVERHEAD) {
			// nothing fits this step: everything waiting waits (and ages: priority is by age)
			conn.stats.deferred += conn.mutPending.size();
			return;
		}
		const infos = registry.unreliable;
		const focus = ctx.interest?.focusOf(conn.player);
		let rated = false;
		for (const info of infos) if (info.intervalNear > 0) rated = true;
		keys.clear();
		candidates.clear();
		ranked.clear();
		const order = conn.pendingOrder;
		if (order.size() > conn.mutPending.size() * 4 + 64) {
			// too many stale entries: rebuild from the pending set
			order.clear();
			for (const e of conn.mutPending) {
				const t = ctx.tracked.get(e);
				const base = conn.bases.get(e);
				if (t !== undefined && base !== undefined) heapPush(order, orderKey(base.sentTime, t.handle));
			}
		}
		// ranking (importance x time waited) is computed in the same pass, used only when over budget
		let importance = 0;
		for (const info of infos) if (info.priority > importance) importance = info.priority;
		const usePriority = ctx.prioritized > 0;
		const useDistance = ctx.interest !== undefined && focus !== undefined;
		const fromHeap = !rated && !usePriority && !useDistance && conn.mutPending.size() * avgRecord + 16 > allowance;
		if (fromHeap) {
			// equal weights: the longest-waiting go first, found in the send-order heap without a full scan
			const fit = math.max(0, math.floor((allowance - 16) / avgRecord));
			const waiting: number[] = [];
			picked.clear();
			while (candidates.size() < fit) {
				const key = heapPop(order);
				if (key === undefined) break;
				const handle = key % HANDLE_SPACE;
				if (picked.has(handle)) continue; // a duplicate entry
				const t = ctx.byHandle.get(handle);
				if (t === undefined) continue;
				const base = conn.bases.get(t.entity);
				if (base === undefined || !conn.mutPending.has(t.entity)) continue;
				if (math.floor(math.max(base.sentTime, 0) * ORDER_STEPS) !== (key - handle) / HANDLE_SPACE) continue; // re-sent since
				if (base.version === t.mutVersion) {
					conn.mutPending.delete(t.entity);
					continue;
				}
				if (conn.ackedReliableTick < base.readyTick) {
					waiting.push(key);
					continue;
				}
				candidates.push(handle);
				picked.add(handle);
			}
			for (const key of waiting) heapPush(order, key);
			conn.stats.deferred += math.max(0, conn.mutPending.size() - candidates.size());
			if (candidates.size() === 0) return;
		}
		// ranks are only needed when the budget cannot take everything waiting
		const mayRank = allowance < math.huge && conn.mutPending.size() * avgRecord + 16 > allowance;
		for (const e of fromHeap ? EMPTY_SET : conn.mutPending) {
			const base = conn.bases.get(e);
			const t = ctx.tracked.get(e);
			if (base === undefined || t === undefined) {
				conn.mutPending.delete(e);
				continue;
			}
			if (conn.ackedReliableTick < base.readyTick) continue;
			const version = t.mutVersion;
			if (base.version === version) {
				conn.mutPending.delete(e);
				continue;
			}
			let d = 0;
			if (rated || useDistance) d = distanceOf(e, focus);
			if (rated) {
				let interval = math.huge;
				for (const info of infos) {
					const i = info.intervalNear + (info.intervalFar - info.intervalNear) * d;
					if (i < interval) interval = i;
				}
				if (now - base.sentTime < interval - 1e-6) continue;
			}
			candidates.push(t.handle);
			if (mayRank) {
				let weight = importance * math.min(now - base.sentTime, MAX_AGE);
				if (usePriority) weight *= ctx.world.get(e, Priority) ?? 1;
				if (useDistance) weight *= 1 - 0.75 * d;
				ranked.push(math.floor(math.min(weight, 1e6) * 1024) * HANDLE_SPACE + t.handle);
			}
		}
		if (candidates.size() === 0) return;
		let chosen = candidates;
		if (ranked.size() > 0 && candidates.size() * avgRecord + 16 > allowance) {
			// over budget: the highest ranked go first; the rest wait and grow older, so none starves.
			// (scores and handles share one number, so a plain numeric sort ranks them)
			ranked.sort();
			const fit = math.max(0, math.floor((allowance - 16) / avgRecord));
			chosen = [];
			const n = ranked.size();
			for (let i = n - 1; i >= math.max(0, n - fit); i--) chosen.push(ranked[i] % HANDLE_SPACE);
			conn.stats.deferred += n - chosen.size();
			if (chosen.size() === 0) return;
		}
		let spawnBaseline = false;
		for (const handle of chosen) {
			const base = conn.bases.get(ctx.byHandle.get(handle)!.entity)!;
			const group = groupOf(base.tick, tick);
			if (group === GROUP_SPAWN) spawnBaseline = true;
			keys.push(group * HANDLE_SPACE + handle);
		}
		keys.sort();

		// clients needing the very same records (same entities, same baselines) share the encoded packets
		// (spawn-state baselines differ per client, so those packets are never shared; with area
		// of interest every client sees its own part of the world, so sharing is not tried)
		const signature = ctx.mutationTally === undefined && !spawnBaseline && ctx.interest === undefined ? keys.join(",") : undefined;
		const shared = signature !== undefined ? packetCache.get(signature) : undefined;
		if (shared !== undefined && shared.cost <= allowance) {
			reuse(conn, shared, packets, now, tick);
			// chosen but not in the shared packets: back in the send order, still waiting
			for (const handle of chosen) {
				const t = ctx.byHandle.get(handle);
				if (t !== undefined && conn.mutPending.has(t.entity)) {
					conn.stats.deferred += 1;
					heapPush(order, orderKey(conn.bases.get(t.entity)!.sentTime, handle));
				}
			}
			return;
		}
		const fresh: SharedPacket[] | undefined = signature !== undefined ? [] : undefined;

		let spent = 0;
		let records = 0;
		let seq = 0;
		let headerEnd = 0;
		let entities: Entity[] = [];
		let values: unknown[][] = [];
		let versions: number[] = [];
		let openGroup = -1;
		let prevHandle = 0;
		const startPacket = () => {
			resetWriter(w);
			seq = conn.nextSeq;
			conn.nextSeq += 1;
			writeU8(w, PacketKind.Mutations);
			writeVarUint(w, seq);
			writeVarUint(w, tick);
			headerEnd = w.p;
			entities = [];
			values = [];
			versions = [];
			openGroup = -1;
		};
		const finishPacket = () => {
			writeVarUint(w, 0); // close the open group
			packets.push(toBuffer(w));
			spent += w.p + PACKET_OVERHEAD;
			remember(conn, seq, now, tick, entities, values, versions);
			if (fresh) {
				const body = buffer.create(w.p - headerEnd);
				buffer.copy(body, 0, w.b, headerEnd, w.p - headerEnd);
				fresh.push({ body, entities, values, versions });
			}
		};
		startPacket();
		for (const key of keys) {
			const handle = key % HANDLE_SPACE;
			const group = (key - handle) / HANDLE_SPACE;
			const t = ctx.byHandle.get(handle)!;
			const base = conn.bases.get(t.entity)!;
			const body = bodyOf(codecs, u, t, group, base.values);
			const start = bodyStart.get(body)!;
			const size = bodyEnd.get(body)! - start;
			const mask = bodyMask.get(body)!;
			if (spent + w.p + size + 4 + PACKET_OVERHEAD > allowance && entities.size() > 0) {
				// the estimate was optimistic: what does not fit waits for the next step
				conn.stats.deferred += 1;
				continue;
			}
			if (size + 16 > UNRELIABLE_BUDGET) {
				warnOnce(
					`mutation-size-${handle}`,
					`Skyrocket: the unreliable components of entity ${t.entity} take ${size} bytes, more than one packet holds; replicate them reliably instead`,
				);
				conn.mutPending.delete(t.entity);
				continue;
			}
			if (w.p + size + 12 > UNRELIABLE_BUDGET) {
				finishPacket();
				startPacket();
			}
			if (openGroup !== group) {
				if (openGroup !== -1) writeVarUint(w, 0);
				writeVarUint(w, group);
				openGroup = group;
				prevHandle = 0;
			}
			const delta = handle - prevHandle;
			writeVarUint(w, headBits === 0 ? delta : delta * 2 ** headBits + mask);
			writeBytes(w, bodies.b, start, size);
			const tally = ctx.mutationTally;
			const parts = tally && bodyParts.get(body);
			if (tally && parts) for (let i = 0; i < parts.size(); i += 2) tally(parts[i], parts[i + 1]);
			prevHandle = handle;
			records += 1;
			entities.push(t.entity);
			values.push(snapshotOf(t));
			versions.push(t.mutVersion);
			base.sentTime = now;
			conn.mutPending.delete(t.entity);
		}
		if (entities.size() > 0) finishPacket();
		else conn.nextSeq -= 1;
		// chosen but not sent (no room after all): back in the send order, still waiting
		for (const handle of chosen) {
			const t = ctx.byHandle.get(handle);
			if (t !== undefined && conn.mutPending.has(t.entity)) heapPush(order, orderKey(conn.bases.get(t.entity)!.sentTime, handle));
		}
		if (fresh && signature !== undefined && records > 0) {
			// others choosing the same records can send the same packets (what did not fit waits for them too)
			packetCache.set(signature, { packets: fresh, cost: spent });
		}
		if (records > 0) {
			stepBytes += spent - PACKET_OVERHEAD * packets.size();
			stepRecords += records;
			conn.stats.entitiesSent += records;
		}
	};

	return () => {
		const unreliable = registry.unreliable;
		const u = unreliable.size();
		if (u === 0) return;
		const codecs = unreliable.map((info) => info.codec!);
		const ordered = ctx.config.budgetPerPlayer > 0;
		const struct = codecs[0] as StructCodec<unknown>;
		single = u === 1 && struct.writeMasked !== undefined ? struct : undefined;
		headBits = single !== undefined ? single.fieldCount : u === 1 ? 0 : u;
		for (const c of ctx.changes) {
			if (!c.mutChanged || c.despawned) continue;
			const e = c.tracked.entity;
			const handle = c.tracked.handle;
			for (const conn of ctx.connections) if (conn.known.has(e)) markPending(conn, e, handle, ordered);
		}
		resetWriter(bodies);
		bodyStart.clear();
		bodyEnd.clear();
		bodyMask.clear();
		bodyParts.clear();
		snapshots.clear();
		packetCache.clear();
		uncached = -1;
		stepBytes = 0;
		stepRecords = 0;
		for (const conn of ctx.connections) {
			if (!conn.ready) continue;
			requeueTimedOut(conn);
			if (conn.mutPending.isEmpty()) continue;
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
		if (stepRecords > 0) avgRecord = avgRecord * 0.8 + (stepBytes / stepRecords) * 0.2;
		ctx.mutationTally = undefined;
	};
}
