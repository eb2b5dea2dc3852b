/**
 * How replication groups (group.ts) follow their members' acknowledgements:
 * a packet every recipient acknowledged moves the group's baselines; a packet
 * only some acknowledged before its timeout splits the ones that missed it
 * into a group of their own (with a copy of the state and the lost packet's
 * entities queued again); a packet nobody acknowledged is queued again for
 * the whole group. Groups that know the same entities and lost nothing for a
 * second merge back (mergeGroups). Work is per member per packet, never per
 * member per entity.
 */
import { ConnectionState } from "./connection";
import { ACK_WINDOW, GroupMember, NO_BASELINE, Patch, ReplicationGroup, SentRecord } from "./group";
import type { MutationStore } from "./mutationStore";
import { rebuildOrder } from "./selectUpdates";

/** Ticks a lost packet may keep being patched before its laggers split off (its baselines must stay in the clients' window). */
export const PATCH_AGE_LIMIT = 32;

/** Queues again the entities of `record` whose values the group may lack. */
function requeue(group: ReplicationGroup<GroupMember>, record: SentRecord, store: MutationStore) {
	const handles = record.handles;
	for (let j = 0; j < handles.size(); j++) {
		const h = handles[j];
		if (group.known[h] === true && group.baseVersion[h] !== store.version[h]) group.markPending(h);
	}
}

/** Every recipient acknowledged `record` (or the rest left): its values become baselines. */
function complete(record: SentRecord, store: MutationStore) {
	if (record.done) return;
	record.done = true;
	if (record.recipients <= 0) return;
	if (record.partial) requeue(record.group, record, store);
	else record.group.apply(record);
}

/** Remembers that `record` (packet `seq`) went to `member`; `alias`: the seq of the packet a patch repeats. */
export function sentTo(member: GroupMember, seq: number, record: SentRecord, alias = 0) {
	const slot = seq % ACK_WINDOW;
	member.ackRing[slot] = record;
	member.ackRingSeq[slot] = seq;
	member.ackRingDone[slot] = false;
	member.ackRingAlias[slot] = alias;
}

/** `member` acknowledged packet `seq`; returns its record when it was new (for RTT samples). */
export function acknowledge(member: GroupMember, seq: number, store: MutationStore): SentRecord | undefined {
	if (seq <= 0) return undefined;
	let slot = seq % ACK_WINDOW;
	if (member.ackRingSeq[slot] !== seq || member.ackRingDone[slot]) return undefined;
	member.ackRingDone[slot] = true;
	const record = member.ackRing[slot]!;
	const alias = member.ackRingAlias[slot];
	if (alias !== undefined && alias > 0) {
		// a patch: it stands for the packet it repeats, counted once whichever arrives
		slot = alias % ACK_WINDOW;
		if (member.ackRingSeq[slot] !== alias || member.ackRing[slot] !== record || member.ackRingDone[slot]) return record;
		member.ackRingDone[slot] = true;
	}
	if (!record.done) {
		record.acked += 1;
		if (record.acked >= record.recipients) complete(record, store);
	}
	return record;
}

/** Whether `member` has packet `record` (sent to it) unacknowledged. */
function missing(member: GroupMember, record: SentRecord): boolean {
	const slot = record.seq % ACK_WINDOW;
	return member.ackRingSeq[slot] === record.seq && member.ackRing[slot] === record && !member.ackRingDone[slot];
}

/** Drops done records from the front of the in-flight list (amortized compaction). */
function trim(group: ReplicationGroup<GroupMember>) {
	const list = group.inflight;
	let head = 0;
	while (head < list.size() && list[head].done) head += 1;
	if (head === 0) return;
	const n = list.size();
	for (let i = head; i < n; i++) list[i - head] = list[i];
	for (let i = 0; i < head; i++) list.pop();
}

/**
 * Moves `members` of `group` into a new group with a copy of its state.
 * Records in flight are divided: each keeps the recipients (and their
 * acknowledgements) that stay, and the new group gets its own copy for the
 * ones that leave, so each side's baselines move only on its own members' acks.
 */
export function splitOff(group: ReplicationGroup<ConnectionState>, members: ConnectionState[], store: MutationStore): ReplicationGroup<ConnectionState> {
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

/**
 * What of `record` its laggers still need, as a patch: the entities whose
 * values it carried are still current. The others need nothing: their
 * baseline already moved past the packet, they were redefined since, or they
 * changed again (their newer values are on their way, to everyone). The
 * packet itself is trimmed to the same entities, so whoever acknowledges it
 * or the patch ends up with the same baselines.
 */
function patchFor(group: ReplicationGroup<ConnectionState>, record: SentRecord, store: MutationStore, laggers: ConnectionState[]): Patch {
	const handles: number[] = [];
	const versions: number[] = [];
	const tick = record.tick;
	for (let j = 0; j < record.handles.size(); j++) {
		const h = record.handles[j];
		const v = record.versions[j];
		if (group.known[h] !== true || group.baseTick[h] >= tick || group.readyTick[h] > tick || store.version[h] !== v) continue;
		handles.push(h);
		versions.push(v);
	}
	record.handles = handles;
	record.versions = versions;
	return { record, handles, versions, members: laggers };
}

/**
 * Handles the packets of `group` that went unacknowledged for `resend`
 * seconds: queued again when nobody acknowledged them; when only some
 * members missed one, those get a patch (the part of it that still matters,
 * repeated under its tick, so their ack completes it and the group's
 * baselines move for everyone), or, if that is impossible, split off into a
 * group of their own. Patches go to `patches`, groups split off to `created`.
 */
export function expire(
	group: ReplicationGroup<ConnectionState>,
	tick: number,
	now: number,
	resend: number,
	store: MutationStore,
	created: ReplicationGroup<ConnectionState>[],
	patches: Patch[],
) {
	const list = group.inflight;
	let i = 0;
	while (i < list.size()) {
		const record = list[i];
		i += 1;
		if (record.done) continue;
		// (patched records waited again from their patch: the list is in send order otherwise)
		if (now - record.time < resend) {
			if (record.patched) continue;
			break;
		}
		group.lastLoss = now;
		if (record.acked === 0 || record.partial) {
			record.done = true;
			for (const m of group.members) if (missing(m, record)) m.stats.mutationsLost += 1;
			requeue(group, record, store);
			continue;
		}
		const laggers: ConnectionState[] = [];
		for (const m of group.members) if (missing(m, record)) laggers.push(m);
		if (laggers.size() === 0 || laggers.size() === group.members.size()) {
			// counts disagree with the members (should not happen): treat as lost by all
			record.done = true;
			requeue(group, record, store);
			continue;
		}
		for (const m of laggers) m.stats.mutationsLost += 1;
		if (record.patched && tick - record.tick > PATCH_AGE_LIMIT) {
			// patched again and again: its baselines would age out of the client's window; the laggers go their own way
			const split = splitOff(group, laggers, store);
			split.lastLoss = now;
			created.push(split);
			continue;
		}
		// the packet waits again, now for the patch's acknowledgements
		const patch = patchFor(group, record, store, laggers);
		record.time = now;
		record.patched = true;
		if (patch.handles.size() > 0) patches.push(patch);
		else complete(record, store);
	}
	trim(group);
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
		if (twin !== undefined && !fused.has(twin) && !twin.patched && !r.patched && twin.digest === r.digest && twin.handles.size() === r.handles.size()) {
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
