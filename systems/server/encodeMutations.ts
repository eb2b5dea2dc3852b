/**
 * Encode phase, unreliable stream. Reads: this step's changes, the mutation
 * store, replication groups, budgets. Writes: group packets (the same buffers
 * for every member), sent records, pending lists, NetStats counters.
 *
 * Per group (clients with the same replication state, see group.ts): packets
 * that went unacknowledged too long are queued again or split the members
 * that missed them off; then the pending entities that fit the budget go, each
 * as a delta against the baseline the group acknowledged, in packets under the
 * 900-byte limit. A record body is encoded once per (entity, baseline) per
 * step whatever the number of groups, and one packet buffer goes to every
 * member: work grows with what changed and with groups, not with clients.
 *
 * Packet: KIND_MUTATIONS, seq, tick, then sections: a header (0: values whole,
 * 1: against the reliable spawn state, k >= 2: against the values of tick
 * tick - k + 1), records, 0. Record: one varuint head = handle delta x 2^B +
 * mask, then the body (mutationBodies.ts).
 */
import { ConnectionState } from "../../src/server/connection";
import { newWriter, putVarUint, reserve, resetWriter, toBuffer, writeBytes, writeU8, writeVarUint } from "../../src/codec";
import { warnOnce } from "../../src/core/report";
import { mutationAllowance, PACKET_OVERHEAD } from "../../src/server/budget";
import { ServerContext } from "../../src/server/context";
import { HANDLE_SPACE, HASH_MOD, NO_BASELINE, Patch, ReplicationGroup, SentRecord, SPAWN_BASELINE } from "../../src/server/group";
import { orderKey } from "../../src/server/sendOrder";
import { MutationBodies } from "../../src/server/mutationBodies";
import { HISTORY } from "../../src/server/mutationStore";
import { sentTo } from "../../src/server/acks";
import { expire } from "../../src/server/expire";
import { splitOff } from "../../src/server/regroup";
import { rebuildOrder, SelectionContext, UpdateSelector } from "../../src/server/selectUpdates";
import { PacketKind, UNRELIABLE_BUDGET, UNRELIABLE_RECORD_HEADROOM } from "../../src/wire/protocol";

/** A baseline older than this many ticks is not used (the client keeps 128 ticks of values): the value goes whole. */
export const BASELINE_AGE_LIMIT = 64;
/** Section header of values sent whole, and of values against the spawn state. */
export const GROUP_ABSOLUTE = 0;
export const GROUP_SPAWN = 1;

export function encodeMutations(ctx: ServerContext) {
	const store = ctx.mutations;
	const bodies = new MutationBodies(store, ctx.codecContext);
	const selector = new UpdateSelector();
	const chosen: number[] = [];
	const keys: number[] = [];
	/** Per handle: the base version its record is encoded against this step (-1: whole). */
	const baseFor: number[] = [];
	const w = newWriter(1024);
	const created: ReplicationGroup<ConnectionState>[] = [];
	const sel: SelectionContext = {
		world: ctx.world,
		store,
		infos: store.infos,
		entityOf: ctx.entityOf,
		now: 0,
		avgRecord: 8,
		usePriority: false,
		importance: 1,
		rated: false,
		counters: ctx.counters,
	};
	let stepBytes = 0;
	let stepRecords = 0;
	const patches: Patch[] = [];
	const patchKeys: number[] = [];

	/**
	 * Writes a patch (the still-needed part of a packet some members lost)
	 * into one packet under the lost packet's tick, for those members only.
	 * Returns false when it does not fit one packet (then they split off).
	 */
	const writePatch = (g: ReplicationGroup<ConnectionState>, patch: Patch, headBits: number): boolean => {
		const tick = patch.record.tick;
		const pow = 2 ** headBits;
		patchKeys.clear();
		for (let j = 0; j < patch.handles.size(); j++) {
			const h = patch.handles[j];
			const bt = g.baseTick[h];
			let base = g.baseVersion[h];
			let section = GROUP_ABSOLUTE;
			if (bt === SPAWN_BASELINE) section = GROUP_SPAWN;
			else if (bt !== NO_BASELINE && tick - bt <= BASELINE_AGE_LIMIT) section = tick - bt + 1;
			if (section === GROUP_ABSOLUTE || base < 0 || store.atVersion(h, base, 0) < 0) {
				section = GROUP_ABSOLUTE;
				base = -1;
			}
			baseFor[h] = base;
			patchKeys.push(section * HANDLE_SPACE + h);
		}
		patchKeys.sort();
		resetWriter(w);
		const seq = g.nextSeq;
		writeU8(w, PacketKind.Mutations);
		writeVarUint(w, seq);
		writeVarUint(w, tick);
		let open = -1;
		let prev = 0;
		for (const key of patchKeys) {
			const h = key % HANDLE_SPACE;
			const section = (key - h) / HANDLE_SPACE;
			bodies.encode(h, baseFor[h]); // a patch repeats current values only (see patchFor)
			const start = bodies.start[h];
			const size = bodies.finish[h] - start;
			if (w.p + size + 12 > UNRELIABLE_BUDGET) return false;
			if (open !== section) {
				if (open !== -1) writeVarUint(w, 0);
				writeVarUint(w, section);
				open = section;
				prev = 0;
			}
			writeVarUint(w, headBits === 0 ? h - prev : (h - prev) * pow + bodies.mask[h]);
			writeBytes(w, bodies.w.b, start, size);
			prev = h;
		}
		writeVarUint(w, 0);
		g.nextSeq += 1;
		const data = toBuffer(w);
		stepBytes += w.p;
		for (const m of patch.members) {
			sentTo(m, seq, patch.record, patch.record.seq);
			(m as ConnectionState).unreliableOut.push(data);
			m.stats.entitiesSent += patch.handles.size();
		}
		return true;
	};

	/** Seconds after which a packet counts as lost for its group: about 1.25 RTT of its slowest member. */
	const resendAfter = (g: ReplicationGroup<ConnectionState>) => {
		let rtt = 0;
		for (const m of g.members) if (m.stats.rtt > rtt) rtt = m.stats.rtt;
		return math.max(rtt * 1.25, 1 / ctx.config.tickRate) + ctx.config.resendSlack;
	};

	/** Writes the chosen updates of `g` into packets within `allowance` bytes; returns the updates that did not fit. */
	const writePackets = (g: ReplicationGroup<ConnectionState>, allowance: number, headBits: number): number => {
		const pow = 2 ** headBits;
		const histVersion = store.histVersion;
		const published = store.published;
		const storeVersion = store.version;
		const sentTime = g.sentTime;
		const mark = g.pendingMark;
		const tick = ctx.tick;
		const now = ctx.time;
		keys.clear();
		for (const h of chosen) {
			const bt = g.baseTick[h];
			let base = g.baseVersion[h];
			let section = GROUP_ABSOLUTE;
			if (bt === SPAWN_BASELINE) section = GROUP_SPAWN;
			else if (bt !== NO_BASELINE && tick - bt <= BASELINE_AGE_LIMIT) section = tick - bt + 1;
			// a baseline no longer kept in the store's history goes whole
			if (section === GROUP_ABSOLUTE || base < 0 || histVersion[h * HISTORY + (base % HISTORY)] !== base) {
				section = GROUP_ABSOLUTE;
				base = -1;
			}
			baseFor[h] = base;
			keys.push(section * HANDLE_SPACE + h);
		}
		keys.sort();
		const members = g.members;
		const copies = members.size();
		const tally = ctx.mutationTally;
		let spent = 0;
		let unsent = 0;
		let seq = 0;
		let handles: number[] = [];
		let versions: number[] = [];
		let digest = 0;
		let open = -1;
		let prev = 0;
		const startPacket = () => {
			resetWriter(w);
			seq = g.nextSeq;
			g.nextSeq += 1;
			writeU8(w, PacketKind.Mutations);
			writeVarUint(w, seq);
			writeVarUint(w, tick);
			handles = [];
			versions = [];
			digest = 0;
			open = -1;
		};
		const finishPacket = () => {
			writeVarUint(w, 0); // closes the open section
			const data = toBuffer(w);
			spent += w.p + PACKET_OVERHEAD;
			stepBytes += w.p;
			const record: SentRecord = {
				tick,
				time: now,
				seq,
				handles,
				versions,
				group: g,
				recipients: copies,
				acked: 0,
				done: false,
				partial: false,
				digest,
			};
			g.inflight.push(record);
			for (const m of members) {
				sentTo(m, seq, record);
				m.unreliableOut.push(data);
				m.stats.entitiesSent += handles.size();
			}
		};
		startPacket();
		for (const key of keys) {
			const h = key % HANDLE_SPACE;
			const section = (key - h) / HANDLE_SPACE;
			bodies.encode(h, baseFor[h]);
			const start = bodies.start[h];
			const size = bodies.finish[h] - start;
			if (size + UNRELIABLE_RECORD_HEADROOM > UNRELIABLE_BUDGET) {
				warnOnce(
					`mutation-size-${h}`,
					`Skyrocket: the unreliable components of entity ${ctx.entityOf[h]} take ${size} bytes, more than one packet holds; replicate them reliably instead`,
				);
				g.unmark(h);
				continue;
			}
			if (spent + w.p + size + 4 + PACKET_OVERHEAD > allowance && handles.size() > 0) {
				unsent += 1; // the estimate was optimistic: it waits for the next step, back in the send order
				if (g.ordered) g.order.push(h, orderKey(g.sentTime[h]));
				continue;
			}
			if (w.p + size + 12 > UNRELIABLE_BUDGET) {
				finishPacket();
				startPacket();
			}
			if (open !== section) {
				if (open !== -1) writeVarUint(w, 0);
				writeVarUint(w, section);
				open = section;
				prev = 0;
			}
			// head and body, written with the position in a local (the writer has room: see the check above)
			if (w.p + size + 16 > buffer.len(w.b)) reserve(w, size + 16);
			const p = putVarUint(w.b, w.p, headBits === 0 ? h - prev : (h - prev) * pow + bodies.mask[h]);
			buffer.copy(w.b, p, bodies.w.b, start, size);
			w.p = p + size;
			prev = h;
			if (tally) {
				const parts = bodies.parts!.get(h);
				if (parts) for (let i = 0; i < parts.size(); i += 2) tally(parts[i], parts[i + 1], copies);
			}
			// published (never undone), recorded for the ack, no longer pending: inline, this runs per record
			const version = storeVersion[h];
			published[h] = version;
			handles.push(h);
			versions.push(version);
			digest = (digest + ((((h * 2654435761) % HASH_MOD) + version * 40503) % HASH_MOD)) % HASH_MOD;
			sentTime[h] = now;
			if (mark[h] === true) {
				mark[h] = false;
				g.pendingCount -= 1;
			}
		}
		if (handles.size() > 0) finishPacket();
		else g.nextSeq -= 1;
		stepRecords += chosen.size() - unsent;
		return unsent;
	};

	return () => {
		const n = store.infos.size();
		if (n === 0) return;
		const groups = ctx.groups;
		const budgeted = ctx.config.budgetPerPlayer > 0;
		for (const g of groups) {
			if (g.ordered !== budgeted) {
				g.ordered = budgeted;
				if (budgeted) rebuildOrder(g);
			}
		}
		// this step's changed entities wait in every group that has them
		const knowers = ctx.knowers.of;
		for (const h of ctx.mutatedNow) {
			const list = knowers[h];
			if (list !== undefined) for (const g of list) g.markPending(h);
		}
		const headBits = bodies.headBits();
		bodies.begin(ctx.mutationTally !== undefined);
		sel.now = ctx.time;
		sel.usePriority = ctx.prioritized > 0;
		sel.interest = ctx.interest;
		sel.importance = 0;
		sel.rated = false;
		for (const info of store.infos) {
			if (info.priority > sel.importance) sel.importance = info.priority;
			if (info.intervalNear > 0) sel.rated = true;
		}
		stepBytes = 0;
		stepRecords = 0;
		// packets that went unanswered: queued again, or patched for the members that lost them
		created.clear();
		patches.clear();
		for (const g of groups) {
			if (g.dead || g.members.size() === 0) continue;
			const resend = resendAfter(g);
			expire(g, ctx.tick, ctx.time, resend, store, created, patches);
			for (const patch of patches) {
				if (writePatch(g, patch, headBits)) continue;
				// too big to repeat in one packet: the members that lost it go their own way
				const split = splitOff(g, patch.members as ConnectionState[], store);
				split.lastLoss = ctx.time;
				created.push(split); // its copy of the packet expires there, and is queued again
			}
			patches.clear();
		}
		for (const g of created) groups.push(g);
		for (const g of groups) {
			if (g.dead || g.members.size() === 0) continue;
			if (g.pendingCount === 0) continue;
			const readyTick = g.ackedReliableTick();
			if (readyTick < 0) {
				// no member applied a reliable packet yet (a silent client): no entity is ready, nothing to select
				for (const m of g.members) m.stats.deferred += g.pendingCount;
				continue;
			}
			let allowance = math.huge;
			for (const m of g.members) allowance = math.min(allowance, mutationAllowance(ctx, m));
			let waiting = selector.select(sel, g, allowance, readyTick, chosen);
			if (chosen.size() > 0) waiting += writePackets(g, allowance, headBits);
			if (waiting > 0) for (const m of g.members) m.stats.deferred += waiting;
		}
		if (stepRecords > 0) sel.avgRecord = sel.avgRecord * 0.8 + (stepBytes / stepRecords) * 0.2;
		ctx.mutationTally = undefined;
	};
}
