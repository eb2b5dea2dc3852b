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
 * Packets are written by src/server/mutationPackets.ts (their layout is there).
 */
import { ConnectionState } from "../../src/server/connection";
import { mutationAllowance } from "../../src/server/budget";
import { ServerContext } from "../../src/server/context";
import { Patch, ReplicationGroup } from "../../src/server/group";
import { MutationPackets } from "../../src/server/mutationPackets";
import { expire } from "../../src/server/expire";
import { splitOff } from "../../src/server/regroup";
import { rebuildOrder, SelectionContext, UpdateSelector } from "../../src/server/selectUpdates";

export function encodeMutations(ctx: ServerContext) {
	const store = ctx.mutations;
	const packets = new MutationPackets(ctx);
	const bodies = packets.bodies;
	const selector = new UpdateSelector();
	const chosen: number[] = [];
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
	const patches: Patch[] = [];

	/** Seconds after which a packet counts as lost for its group: about 1.25 RTT of its slowest member. */
	const resendAfter = (g: ReplicationGroup<ConnectionState>) => {
		let rtt = 0;
		for (const m of g.members) if (m.stats.rtt > rtt) rtt = m.stats.rtt;
		return math.max(rtt * 1.25, 1 / ctx.config.tickRate) + ctx.config.resendSlack;
	};

	return () => {
		const n = store.infos.size();
		if (n === 0) return;
		const groups = ctx.groups;
		sel.now = ctx.time;
		sel.usePriority = ctx.prioritized > 0;
		sel.interest = ctx.interest;
		sel.importance = 0;
		sel.rated = false;
		for (const info of store.infos) {
			if (info.priority > sel.importance) sel.importance = info.priority;
			if (info.intervalNear > 0) sel.rated = true;
		}
		// the send order serves only equal weights under a budget (see UpdateSelector): else it is not kept
		const ordered = ctx.config.budgetPerPlayer > 0 && !sel.rated && !sel.usePriority && ctx.interest === undefined;
		for (const g of groups) {
			if (g.ordered !== ordered) {
				g.ordered = ordered;
				if (ordered) rebuildOrder(g);
				else g.order.clear();
			}
		}
		// this step's changed entities wait in every group that has them
		const knowers = ctx.knowers.of;
		const mutatedNow = ctx.mutatedNow;
		for (let i = 0; i < mutatedNow.size(); i++) {
			const h = mutatedNow[i];
			const list = knowers[h];
			if (list !== undefined) for (const g of list) g.markPending(h);
		}
		const headBits = bodies.headBits();
		packets.begin();
		// packets that went unanswered: queued again, or patched for the members that lost them
		created.clear();
		patches.clear();
		for (const g of groups) {
			if (g.dead || g.members.size() === 0) continue;
			const resend = resendAfter(g);
			expire(g, ctx.tick, ctx.time, resend, store, created, patches);
			for (const patch of patches) {
				if (packets.writePatch(g, patch, headBits)) continue;
				// too big to repeat in one packet: the members that lost it go their own way
				const split = splitOff(g, patch.members as ConnectionState[], store);
				split.lastLoss = ctx.time;
				created.push(split); // its copy of the packet expires there, and is queued again
			}
			patches.clear();
		}
		for (const g of created) groups.push(g);
		let live = 0;
		for (const g of groups) if (!g.dead && g.members.size() > 0 && g.pendingCount > 0) live += 1;
		packets.direct = live <= 1;
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
			if (chosen.size() > 0) waiting += packets.writePackets(g, chosen, allowance, headBits);
			if (waiting > 0) for (const m of g.members) m.stats.deferred += waiting;
		}
		if (packets.stepRecords > 0) sel.avgRecord = sel.avgRecord * 0.8 + (packets.stepBytes / packets.stepRecords) * 0.2;
		ctx.mutationTally = undefined;
	};
}
