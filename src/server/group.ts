/**
 * A replication group: clients whose unreliable replication state is
 * identical (the same entities known, the same acknowledged baselines, the
 * same pending updates) share one of these, one decision per step and the
 * very same packet buffers. Under no loss every client stays in one group;
 * a member that misses a packet splits off with a copy (regroup.ts), and
 * groups that agree again merge. All per-entity state is flat arrays indexed
 * by entity handle.
 */
import { orderKey, SendOrder } from "./sendOrder";
import type { NetStatsData } from "../../components/stats";

/** Unreliable packets remembered per member for acknowledgement (by seq modulo this). */
export const ACK_WINDOW = 128;

/** What a group needs of its members (the server's ConnectionState is one). */
export interface GroupMember {
	readonly player: Player;
	/** Newest reliable tick the client applied. */
	ackedReliableTick: number;
	readonly stats: NetStatsData;
	/** Whether the client received its first packet (schema and initial state). */
	schemaSent: boolean;
	group?: ReplicationGroup<GroupMember>;
	/** Per seq (mod ACK_WINDOW): the packet record sent to this client, its seq, and whether the client acknowledged it. */
	readonly ackRing: (SentRecord | undefined)[];
	readonly ackRingSeq: number[];
	readonly ackRingDone: boolean[];
	/** For a retransmission (patch) slot: the seq of the packet it repeats (0: an ordinary packet). */
	readonly ackRingAlias: number[];
}

/** A retransmission of the part of a lost packet that still matters, for the members that lost it. */
export interface Patch {
	/** The packet repeated: the patch carries its tick, and an ack of the patch counts as an ack of it. */
	readonly record: SentRecord;
	/** The handles repeated and the versions the packet carried. */
	readonly handles: number[];
	readonly versions: number[];
	readonly members: GroupMember[];
}

/** Baseline tick meaning "the entity's reliable spawn state" (the values the spawn carried). */
export const SPAWN_BASELINE = -1;
/** Baseline tick meaning "no baseline the members share": the next update goes whole. */
export const NO_BASELINE = -2;

/** One unreliable packet sent to a group: what it carried, to move baselines once every recipient acknowledged it. */
export interface SentRecord {
	readonly tick: number;
	/** When it was sent (or last patched: its timeout starts again). */
	time: number;
	readonly seq: number;
	/** Entity handles and the versions of their values, in packet order (a patch trims them to what it repeats). */
	handles: number[];
	versions: number[];
	/** Group whose baselines it moves (re-pointed on split and merge). */
	group: ReplicationGroup<GroupMember>;
	/** Members it was sent to that are still in `group`, and how many of them acknowledged it. */
	recipients: number;
	acked: number;
	/** Done: applied, timed out or superseded; late acknowledgements are ignored. */
	done: boolean;
	/** Sent to only part of `group` (groups merged since): completes without moving baselines. */
	partial: boolean;
	/** Some members were sent a patch of it (see Patch): its timeout restarted. */
	patched?: boolean;
	/** Order-independent digest of (handle, version) pairs, so two groups can compare what is in flight (see recordDigest: made when first asked). */
	digest?: number;
}

/** Handles are below this (2^24): keys pack a number and a handle as number x HANDLE_SPACE + handle. */
export const HANDLE_SPACE = 2 ** 24;
/** Modulus of digests (2^31 - 1): sums stay exact in a double. */
export const HASH_MOD = 2147483647;
/** Weight of a handle in digests of sets (known entities, packet contents). */
export function handleWeight(h: number): number {
	return (h * 2654435761) % HASH_MOD;
}

let nextGroupId = 1;

/**
 * Which groups know each entity handle, so that a change is queued in those
 * groups only (with area of interest each client is a group of its own, and
 * each entity is known by a few of them): work follows what changed, not
 * clients x changes. Kept up to date by the groups themselves.
 */
export class Knowers {
	/** Per handle: the groups whose members have the entity. */
	readonly of: ReplicationGroup<GroupMember>[][] = [];
	/** Largest handle ever known (loops over known handles stop there). */
	maxHandle = 0;

	add(h: number, g: ReplicationGroup<GroupMember>) {
		let list = this.of[h];
		if (list === undefined) {
			list = [];
			this.of[h] = list;
		}
		list.push(g);
		if (h > this.maxHandle) this.maxHandle = h;
	}

	remove(h: number, g: ReplicationGroup<GroupMember>) {
		const list = this.of[h];
		if (list === undefined) return;
		const i = list.indexOf(g);
		if (i < 0) return;
		list[i] = list[list.size() - 1];
		list.pop();
	}

	/** Every handle `g` knows now has `g` among its knowers (a group just split off with a copy). */
	addAll(g: ReplicationGroup<GroupMember>) {
		for (let h = 1; h <= this.maxHandle; h++) if (g.known[h] === true) this.add(h, g);
	}

	/** `g` is gone (merged or empty): no handle lists it any more. */
	removeAll(g: ReplicationGroup<GroupMember>) {
		for (let h = 1; h <= this.maxHandle; h++) if (g.known[h] === true) this.remove(h, g);
	}
}

export class ReplicationGroup<M extends GroupMember = GroupMember> {
	readonly id = nextGroupId++;

	/** `knowers`: the net's index of which groups know each handle (this group keeps its entries in it). */
	constructor(readonly knowers: Knowers) {}

	readonly members: M[] = [];
	/** Per handle: the members' clients have the entity. */
	known: boolean[] = [];
	knownCount = 0;
	/** Sum of handleWeight over known handles (mod 2^31 - 1): equal sets, equal digests. */
	knownDigest = 0;
	/** Per handle: tick of the values every member acknowledged (or SPAWN_BASELINE / NO_BASELINE). */
	baseTick: number[] = [];
	/** Per handle: the version of those values (-1: unknown, always differs). */
	baseVersion: number[] = [];
	/** Per handle: reliable tick every member must have applied before updates may go. */
	readyTick: number[] = [];
	/** Per handle: when an update was last sent (priority grows with time waited). */
	sentTime: number[] = [];
	/** Per handle: queued in `pending`. */
	pendingMark: boolean[] = [];
	/** Handles whose values may differ from the baseline; entries are dropped lazily. */
	pending: number[] = [];
	/** Send order under a budget: pending handles by when they were last sent (stale entries skipped). */
	order = new SendOrder();
	/** Packets in flight, oldest first (done ones are popped from the front). */
	inflight: SentRecord[] = [];
	/** Sequence number of the next packet (continues across split and merge, so it only grows for every member). */
	nextSeq = 1;
	/** Time of the last packet a member failed to acknowledge (merging waits until the group is quiet). */
	lastLoss = -math.huge;
	/** Set when merged into another group. */
	dead = false;

	/** Whether the members have the entity of handle `h`. */
	knows(h: number): boolean {
		return this.known[h] === true;
	}

	/** Newest reliable tick every member applied. */
	ackedReliableTick(): number {
		let tick = math.huge;
		for (const m of this.members) if (m.ackedReliableTick < tick) tick = m.ackedReliableTick;
		return tick;
	}

	/** Whether `order` is kept (a budget is on): pending handles also go into it. */
	ordered = false;
	/** Per handle: present in the `pending` list (pending or not: entries are dropped lazily). */
	listed: boolean[] = [];
	/** How many handles are pending. */
	pendingCount = 0;

	/** Queues `h` for its next update (if it is not queued already). */
	markPending(h: number) {
		if (this.pendingMark[h] === true) return;
		this.pendingMark[h] = true;
		this.pendingCount += 1;
		if (this.listed[h] !== true) {
			this.listed[h] = true;
			this.pending.push(h);
		}
		if (this.ordered) this.order.push(h, orderKey(this.sentTime[h]));
	}

	/** `h` no longer waits (sent, or nothing to send). */
	unmark(h: number) {
		if (this.pendingMark[h] !== true) return;
		this.pendingMark[h] = false;
		this.pendingCount -= 1;
	}

	/** Drops entries of `pending` that no longer wait (when they outnumber those that do). */
	compactPending() {
		const list = this.pending;
		if (list.size() <= this.pendingCount * 2 + 64) return;
		let j = 0;
		for (let i = 0; i < list.size(); i++) {
			const h = list[i];
			if (this.pendingMark[h] === true) {
				list[j] = h;
				j += 1;
			} else this.listed[h] = false;
		}
		for (let i = list.size(); i > j; i--) list.pop();
	}

	/** The entity appeared on the members' clients at reliable tick `tick`, carrying its unreliable values of `version`. */
	enter(h: number, tick: number, version: number) {
		if (this.known[h] !== true) {
			this.known[h] = true;
			this.knownCount += 1;
			this.knownDigest = (this.knownDigest + handleWeight(h)) % HASH_MOD;
			this.knowers.add(h, this as ReplicationGroup<GroupMember>);
		}
		this.define(h, tick, version);
	}

	/** The entity's unreliable components were (re)defined reliably at `tick`: the spawn state is the new baseline. */
	define(h: number, tick: number, version: number) {
		this.baseTick[h] = SPAWN_BASELINE;
		this.baseVersion[h] = version;
		this.readyTick[h] = tick;
		this.sentTime[h] = -math.huge;
		this.unmark(h);
	}

	/** The entity left the members' clients. */
	leave(h: number) {
		if (this.known[h] !== true) return;
		this.known[h] = false;
		this.knowers.remove(h, this as ReplicationGroup<GroupMember>);
		this.knownCount -= 1;
		this.knownDigest = (this.knownDigest - handleWeight(h) + HASH_MOD) % HASH_MOD;
		this.unmark(h);
		this.baseVersion[h] = -1;
	}

	/** A record every recipient acknowledged: its values become the baselines. */
	apply(record: SentRecord) {
		const handles = record.handles;
		const versions = record.versions;
		const tick = record.tick;
		for (let j = 0; j < handles.size(); j++) {
			const h = handles[j];
			if (this.known[h] === true && tick > this.baseTick[h] && tick >= this.readyTick[h]) {
				this.baseTick[h] = tick;
				this.baseVersion[h] = versions[j];
			}
		}
	}

	/** A copy of the state (not the members) for members splitting off. */
	clone(): ReplicationGroup<M> {
		const g = new ReplicationGroup<M>(this.knowers);
		g.known = table.clone(this.known);
		g.knownCount = this.knownCount;
		g.knownDigest = this.knownDigest;
		g.baseTick = table.clone(this.baseTick);
		g.baseVersion = table.clone(this.baseVersion);
		g.readyTick = table.clone(this.readyTick);
		g.sentTime = table.clone(this.sentTime);
		g.pendingMark = table.clone(this.pendingMark);
		g.pendingCount = this.pendingCount;
		g.listed = table.clone(this.listed);
		g.pending = table.clone(this.pending);
		g.order = this.order.clone();
		g.nextSeq = this.nextSeq;
		g.ordered = this.ordered;
		g.lastLoss = this.lastLoss;
		this.knowers.addAll(g as ReplicationGroup<GroupMember>);
		return g;
	}
}

/** Combines `digest` with one (handle, version) pair. */
export function digestAdd(digest: number, h: number, version: number): number {
	return (digest + ((handleWeight(h) + version * 40503) % HASH_MOD)) % HASH_MOD;
}

/**
 * The digest of what `record` carried, made on first use: only merging
 * groups compares packets, so the encoder does not pay for it per record.
 * (A record trimmed by a patch is marked patched and never compared.)
 */
export function recordDigest(record: SentRecord): number {
	let digest = record.digest;
	if (digest !== undefined) return digest;
	digest = 0;
	const handles = record.handles;
	const versions = record.versions;
	for (let j = 0; j < handles.size(); j++) digest = digestAdd(digest, handles[j], versions[j]);
	record.digest = digest;
	return digest;
}
