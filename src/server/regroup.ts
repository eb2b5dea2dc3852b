/**
 * How replication groups (group.ts) change shape: members split off with a
 * copy of the state (a different view, or a packet they could not be
 * patched), leave, and groups that know the same entities merge back.
 */
import { ConnectionState } from "./connection";
import { ACK_WINDOW, GroupMember, NO_BASELINE, recordDigest, ReplicationGroup, SentRecord } from "./group";
import type { MutationStore } from "./mutationStore";
import { rebuildOrder } from "./selectUpdates";
import { complete, trim } from "./acks";

/**
 * Moves `members` of `group` into a new group with a copy of its state.
 * Records in flight are divided: each keeps the recipients (and their
 * acknowledgements) that stay, and the new group gets its own copy for the
 * ones that leave, so each side's baselines move only on its own members' acks.
 */
export function splitOff(
	group: ReplicationGroup<ConnectionState>,
	members: ConnectionState[],
	store: MutationStore,
): ReplicationGroup<ConnectionState> {
	const split = group.clone();
	const leaving = new Set(members);
	const stay: ConnectionState[] = [];
	for (const m of group.members) if (!leaving.has(m)) stay.push(m);
	group.members.clear();
	for (const m of stay) group.members.push(m);
	for (const m of members) {
		split.members.push(m);
		m.group = split;
	}
	for (const record of group.inflight) {
		if (record.done) continue;
		let had = 0;
		let acked = 0;
		for (const m of members) {
			const slot = record.seq % ACK_WINDOW;
			if (m.ackRingSeq[slot] !== record.seq || m.ackRing[slot] !== record) continue;
			had += 1;
			if (m.ackRingDone[slot]) acked += 1;
		}
		if (had === 0) continue;
		const copy: SentRecord = {
			tick: record.tick,
			time: record.time,
			seq: record.seq,
			handles: record.handles,
			versions: record.versions,
			group: split,
			recipients: had,
			acked,
			done: false,
			partial: record.partial,
			digest: record.digest,
		};
		for (const m of members) {
			const slot = record.seq % ACK_WINDOW;
			if (m.ackRingSeq[slot] === record.seq && m.ackRing[slot] === record) m.ackRing[slot] = copy;
		}
		split.inflight.push(copy);
		record.recipients -= had;
		record.acked -= acked;
		if (record.recipients <= 0) record.done = true;
		else if (record.acked >= record.recipients) complete(record, store);
		if (copy.acked >= copy.recipients) complete(copy, store);
	}
	trim(group);
	trim(split);
	return split;
}

/** Removes a member (it left): its packets no longer wait for it. */
export function removeMember(member: ConnectionState, store: MutationStore) {
	const group = member.group;
	if (group === undefined) return;
	member.group = undefined;
	const i = group.members.indexOf(member);
	if (i >= 0) group.members.remove(i);
	for (const record of group.inflight) {
		if (record.done) continue;
		const slot = record.seq % ACK_WINDOW;
		if (member.ackRingSeq[slot] !== record.seq || member.ackRing[slot] !== record) continue;
		record.recipients -= 1;
		if (member.ackRingDone[slot]) record.acked -= 1;
		if (record.recipients <= 0) record.done = true;
		else if (record.acked >= record.recipients) complete(record, store);
	}
	trim(group);
	if (group.members.size() === 0) {
		group.dead = true;
		group.knowers.removeAll(group as ReplicationGroup<GroupMember>);
	}
}

/**
 * Whether `a` and `b` can merge: the same entities known, and few enough
 * baselines that differ (those go whole once). Returns the count that differ,
 * or -1 when they cannot merge.
 */
export function mergeCost(a: ReplicationGroup<ConnectionState>, b: ReplicationGroup<ConnectionState>, maxHandle: number): number {
	if (a.knownCount !== b.knownCount || a.knownDigest !== b.knownDigest) return -1;
	// every definition applied on both sides (each member's own spawn tick differs: only then can they share one)
	const readyA = a.ackedReliableTick();
	const readyB = b.ackedReliableTick();
	let differ = 0;
	for (let h = 1; h <= maxHandle; h++) {
		const known = a.known[h] === true;
		if (known !== (b.known[h] === true)) return -1;
		if (!known) continue;
		if (a.readyTick[h] > readyA || b.readyTick[h] > readyB) return -1;
		if (a.baseTick[h] !== b.baseTick[h] || a.baseVersion[h] !== b.baseVersion[h] || a.readyTick[h] !== b.readyTick[h]) differ += 1;
	}
	return differ;
}

/**
 * Merges `b` into `a` (same entities known). Baselines that differ become
 * "none shared" (sent whole next time; queued when the values differ too);
 * packets in flight of both that carried the same thing at the same tick
 * become one record, others complete without moving baselines.
 */
export function mergeGroups(a: ReplicationGroup<ConnectionState>, b: ReplicationGroup<ConnectionState>, maxHandle: number) {
	for (const m of b.members) {
		a.members.push(m);
		m.group = a;
	}
	b.members.clear();
	if (b.nextSeq > a.nextSeq) a.nextSeq = b.nextSeq;
	if (b.lastLoss > a.lastLoss) a.lastLoss = b.lastLoss;
	for (let h = 1; h <= maxHandle; h++) {
		if (a.known[h] !== true) continue;
		if (a.readyTick[h] !== b.readyTick[h]) {
			// both applied (see mergeCost): any tick every member passed will do; their spawn states differ
			a.readyTick[h] = math.min(a.readyTick[h], b.readyTick[h]);
			a.baseTick[h] = NO_BASELINE;
			a.baseVersion[h] = -1;
			a.markPending(h);
		} else if (a.baseTick[h] !== b.baseTick[h] || a.baseVersion[h] !== b.baseVersion[h]) {
			a.baseTick[h] = NO_BASELINE;
			if (a.baseVersion[h] !== b.baseVersion[h]) {
				a.baseVersion[h] = -1;
				a.markPending(h);
			}
		}
		if (b.sentTime[h] < a.sentTime[h]) a.sentTime[h] = b.sentTime[h];
		if (b.pendingMark[h] === true) a.markPending(h);
	}
	// fuse records that carried the same (handle, version) pairs at the same tick
	const byTick = new Map<number, SentRecord>();
	for (const r of a.inflight) if (!r.done) byTick.set(r.tick, r);
	const fused = new Set<SentRecord>();
	for (const r of b.inflight) {
		if (r.done) continue;
		const twin = byTick.get(r.tick);
		if (
			twin !== undefined &&
			!fused.has(twin) &&
			!twin.patched &&
			!r.patched &&
			recordDigest(twin) === recordDigest(r) &&
			twin.handles.size() === r.handles.size()
		) {
			fused.add(twin);
			twin.recipients += r.recipients;
			twin.acked += r.acked;
			r.done = true;
			for (const m of a.members) {
				const slot = r.seq % ACK_WINDOW;
				if (m.ackRingSeq[slot] === r.seq && m.ackRing[slot] === r) m.ackRing[slot] = twin;
			}
		} else {
			r.group = a;
			r.partial = true;
			a.inflight.push(r);
		}
	}
	for (const r of a.inflight) if (!r.done && r.group === a && !fused.has(r) && r.recipients < a.members.size()) r.partial = true;
	a.inflight.sort((x, y) => x.time < y.time || (x.time === y.time && x.seq < y.seq));
	b.inflight.clear();
	b.dead = true;
	b.knowers.removeAll(b as ReplicationGroup<GroupMember>);
	trim(a);
	// send times changed: the send order is keyed by them
	if (a.ordered) rebuildOrder(a);
}
