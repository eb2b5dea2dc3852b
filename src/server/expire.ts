/**
 * What happens to a group's packets that go unacknowledged too long: queued
 * again when nobody acknowledged them; when only some members missed one,
 * those get a patch (the part still current, repeated under its tick), or,
 * when that cannot be, split off into a group of their own.
 */
import { ConnectionState } from "./connection";
import { Patch, ReplicationGroup, SentRecord } from "./group";
import type { MutationStore } from "./mutationStore";
import { complete, missing, requeue, trim } from "./acks";
import { splitOff } from "./regroup";

/** Ticks a lost packet may keep being patched before its laggers split off (its baselines must stay in the clients' window). */
export const PATCH_AGE_LIMIT = 32;

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
