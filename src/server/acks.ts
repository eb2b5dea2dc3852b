/**
 * Acknowledgements of a group's unreliable packets: each member's ring of
 * what it was sent, and what an ack does. A packet every recipient
 * acknowledged moves the group's baselines; an ack of a patch counts for the
 * packet it repeats. Work is per member per packet, never per member per entity.
 */
import { ACK_WINDOW, GroupMember, ReplicationGroup, SentRecord } from "./group";
import type { MutationStore } from "./mutationStore";

/** Queues again the entities of `record` whose values the group may lack. */
export function requeue(group: ReplicationGroup<GroupMember>, record: SentRecord, store: MutationStore) {
	const handles = record.handles;
	for (let j = 0; j < handles.size(); j++) {
		const h = handles[j];
		if (group.known[h] === true && group.baseVersion[h] !== store.version[h]) group.markPending(h);
	}
}

/** Every recipient acknowledged `record` (or the rest left): its values become baselines. */
export function complete(record: SentRecord, store: MutationStore) {
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
export function missing(member: GroupMember, record: SentRecord): boolean {
	const slot = record.seq % ACK_WINDOW;
	return member.ackRingSeq[slot] === record.seq && member.ackRing[slot] === record && !member.ackRingDone[slot];
}

/** Drops done records from the front of the in-flight list (amortized compaction). */
export function trim(group: ReplicationGroup<GroupMember>) {
	const list = group.inflight;
	let head = 0;
	while (head < list.size() && list[head].done) head += 1;
	if (head === 0) return;
	const n = list.size();
	for (let i = head; i < n; i++) list[i - head] = list[i];
	for (let i = 0; i < head; i++) list.pop();
}
