/**
 * Which pending unreliable updates a group sends this step. Everything
 * waiting goes when the budget allows; otherwise the highest ranked
 * (importance x seconds waited, x Priority, x nearness with area of interest)
 * go first and the rest wait, older and so higher next step: none starves.
 * With equal weights the longest-waiting come straight out of the group's
 * send-order heap, without scanning everything that waits. `rate` limits
 * per component skip entities updated too recently.
 */
import { World } from "@rbxts/jecs";
import { Priority } from "../../components/interest";
import { MAX_PRIORITY, noteOutOfRange } from "../core/finite";
import type { ReplicatedInfo } from "../core/registry";
import { HANDLE_SPACE, ReplicationGroup } from "./group";
import { orderKey } from "./sendOrder";
import type { Interest } from "./interest";
import type { MutationStore } from "./mutationStore";

/** An entity that never was sent counts as having waited this long (seconds) for priority. */
const MAX_AGE = 10;

/** What selection needs to know about this step, the same for every group. */
export interface SelectionContext {
	readonly world: World;
	readonly store: MutationStore;
	readonly infos: ReplicatedInfo[];
	readonly entityOf: number[];
	now: number;
	/** Bytes of an average record (one estimate for every group, so groups in the same situation choose alike). */
	avgRecord: number;
	/** Some entity has a Priority component. */
	usePriority: boolean;
	/** Highest component priority, and whether any component has a rate limit. */
	importance: number;
	rated: boolean;
	interest?: Interest;
	/** The net's counters (out-of-range priorities are counted there). */
	readonly counters: Map<string, number>;
}

export class UpdateSelector {
	private readonly ranked: number[] = [];
	private readonly waiting: number[] = [];
	private spare: number[] = [];
	/** Per handle: the pass that picked it (a heap may hold the same key twice). */
	private readonly pickedIn: number[] = [];
	private pass = 0;

	/**
	 * Fills `chosen` with the handles `group` sends within `allowance` bytes;
	 * returns how many pending updates wait for a later step.
	 */
	select(s: SelectionContext, group: ReplicationGroup, allowance: number, readyTick: number, chosen: number[]): number {
		chosen.clear();
		const store = s.store;
		const version = store.version;
		const pendingList = group.pending;
		const n = pendingList.size();
		if (n === 0) return 0;
		if (allowance < s.avgRecord + 16 + 12) return n; // nothing fits: all wait (and age)
		const focus = s.interest !== undefined && group.members.size() > 0 ? s.interest.focusOf(group.members[0].player) : undefined;
		const useDistance = s.interest !== undefined && focus !== undefined;
		const overBudget = allowance < math.huge && n * s.avgRecord + 16 > allowance;
		const fit = math.max(0, math.floor((allowance - 16) / s.avgRecord));
		if (group.ordered && group.order.size > group.pendingCount * 4 + 64) rebuildOrder(group);
		if (overBudget && group.ordered && !s.rated && !s.usePriority && !useDistance)
			return this.fromOrder(s, group, fit, readyTick, chosen);

		// scan what waits: drop what no longer differs, keep what is not ready, rank the rest
		const ranked = this.ranked;
		ranked.clear();
		const keep = this.spare;
		keep.clear();
		const now = s.now;
		const pendingMark = group.pendingMark;
		const known = group.known;
		const baseVersion = group.baseVersion;
		const present = store.present;
		const ready = group.readyTick;
		for (let k = 0; k < n; k++) {
			const h = pendingList[k];
			if (pendingMark[h] !== true || known[h] !== true || baseVersion[h] === version[h] || (present[h] ?? 0) === 0) {
				group.unmark(h);
				group.listed[h] = false;
				continue;
			}
			// stays listed until sent (the encoder unmarks what it sends; the next scan drops it)
			keep.push(h);
			if (readyTick < ready[h]) continue;
			// nearness (0 without area of interest or focus: the near rate applies) only matters to rate limits and, over budget, to the rank
			let d = 0;
			if (useDistance && (s.rated || overBudget)) d = distanceOf(s, s.entityOf[h], focus!);
			if (s.rated && now - group.sentTime[h] < intervalAt(s.infos, d) - 1e-6) continue;
			if (!overBudget) {
				chosen.push(h);
				continue;
			}
			let weight = s.importance * math.min(now - group.sentTime[h], MAX_AGE);
			if (s.usePriority) {
				const priority = s.world.get(s.entityOf[h] as never, Priority) ?? 1;
				// NaN or absurd: out of range, the entity goes last (NaN would break the sort below)
				if (typeIs(priority, "number") && priority >= 0 && priority <= MAX_PRIORITY) weight *= priority;
				else {
					weight = 0;
					noteOutOfRange(s.counters, "priority", "a Priority");
				}
			}
			if (useDistance) weight *= 1 - 0.75 * d;
			ranked.push(math.floor(math.clamp(weight, 0, 1e6) * 1024) * HANDLE_SPACE + h);
		}
		this.spare = pendingList;
		group.pending = keep;
		if (overBudget && ranked.size() > 0) {
			// the highest ranked go first (score and handle share one number, so a numeric sort ranks them)
			ranked.sort();
			const m = ranked.size();
			for (let i = m - 1; i >= math.max(0, m - fit); i--) chosen.push(ranked[i] % HANDLE_SPACE);
		}
		return group.pendingCount - chosen.size();
	}

	/** Equal weights over budget: the longest since last sent first, taken from the group's send order. */
	private fromOrder(s: SelectionContext, group: ReplicationGroup, fit: number, readyTick: number, chosen: number[]): number {
		const order = group.order;
		const version = s.store.version;
		const present = s.store.present;
		const waiting = this.waiting;
		waiting.clear();
		this.pass += 1;
		const pass = this.pass;
		const pickedIn = this.pickedIn;
		const sentTime = group.sentTime;
		const mark = group.pendingMark;
		for (;;) {
			const key = order.oldest();
			if (key === undefined || chosen.size() >= fit) break;
			const bucket = order.bucket(key);
			let taken = 0;
			while (bucket.size() > 0 && chosen.size() < fit) {
				const h = bucket.pop()!;
				taken += 1;
				const st = sentTime[h];
				if (mark[h] !== true || pickedIn[h] === pass || (st < 0 ? -1 : math.floor(st * 64)) !== key) continue; // stale (see orderKey)
				if (group.known[h] !== true || group.baseVersion[h] === version[h] || (present[h] ?? 0) === 0) {
					group.unmark(h);
					continue;
				}
				pickedIn[h] = pass;
				if (readyTick < group.readyTick[h]) waiting.push(h);
				else chosen.push(h);
			}
			order.took(taken);
			if (bucket.size() === 0) order.dropOldest();
		}
		for (let i = 0; i < waiting.size(); i++) order.push(waiting[i], orderKey(sentTime[waiting[i]]));
		group.compactPending();
		return math.max(0, group.pendingCount - chosen.size());
	}
}

/** Rebuilds a group's send order from its pending list (after too many stale entries). */
export function rebuildOrder(group: ReplicationGroup) {
	const order = group.order;
	order.clear();
	for (const h of group.pending) if (group.pendingMark[h] === true) order.push(h, orderKey(group.sentTime[h]));
}

/** Shortest update interval of the unreliable components at nearness `d` (0 near .. 1 at the leave radius). */
function intervalAt(infos: ReplicatedInfo[], d: number): number {
	let interval = math.huge;
	for (const info of infos) {
		const i = info.intervalNear + (info.intervalFar - info.intervalNear) * d;
		if (i < interval) interval = i;
	}
	return interval;
}

/** How far (0 near .. 1 at the leave radius) an entity is from a focus; non-finite positions count as far. */
function distanceOf(s: SelectionContext, e: number, focus: Vector3): number {
	const interest = s.interest!;
	const pos = interest.positionOf.get(e as never);
	if (pos === undefined) return 0;
	const dx = pos.X - focus.X;
	const dy = pos.Y - focus.Y;
	const dz = pos.Z - focus.Z;
	const d = math.sqrt(dx * dx + dy * dy + dz * dz) / interest.leave;
	return d === d ? math.min(d, 1) : 1;
}
