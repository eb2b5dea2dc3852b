/**
 * Interest phase (server), after updateVisibility. Reads: connections,
 * replication groups. Writes: groups (new, merged, dropped).
 *
 * Clients that became ready this step start together in one new group (they
 * know nothing yet, so their state is identical). Once a second, groups that
 * know the same entities merge (clients that joined at different times, or
 * split off when their view or a lost packet set them apart): baselines they
 * do not share go whole once, which costs a few bytes once and saves encoding
 * everything per group from then on.
 *
 * A member that has sent no acknowledgement for a second while its
 * groupmates did (a silent or frozen client: a live one acks at least every
 * 0.1 s) is split off into a group of its own: entities defined in reliable
 * packets are updated for a group only once all its members applied their
 * definition, so one silent member would hold back its groupmates' updates
 * forever. It merges back, as any group, once it has caught up.
 */
import { ConnectionState } from "../../src/server/connection";
import { ServerContext } from "../../src/server/context";
import { ReplicationGroup } from "../../src/server/group";
import { mergeCost, mergeGroups, splitOff } from "../../src/server/regroup";

/** Seconds between merge attempts. */
export const MERGE_INTERVAL = 1;
/** Seconds between straggler checks. */
export const STRAGGLER_CHECK = 0.25;
/** A member that sent no acknowledgement for this many seconds, while its groupmates did, is split off. */
export const STRAGGLER_SECONDS = 1;

export function groupClients(ctx: ServerContext) {
	let lastMerge = 0;
	let lastStragglers = 0;

	/** Splits off the members that stopped acknowledging while their groupmates did not. */
	const splitStragglers = () => {
		const groups = ctx.groups;
		const now = ctx.time;
		const n = groups.size();
		for (let i = 0; i < n; i++) {
			const g = groups[i];
			if (g.dead || g.members.size() < 2) continue;
			let live = false;
			for (const m of g.members) if (now - m.lastAckAt <= STRAGGLER_SECONDS) live = true;
			if (!live) continue;
			let stragglers: ConnectionState[] | undefined;
			for (const m of g.members) {
				if (now - m.lastAckAt <= STRAGGLER_SECONDS) continue;
				stragglers ??= [];
				stragglers.push(m);
			}
			if (stragglers === undefined) continue;
			const split = splitOff(g, stragglers, ctx.mutations);
			split.lastLoss = now;
			groups.push(split);
		}
	};

	const tryMerges = () => {
		const groups = ctx.groups;
		const maxHandle = ctx.handles.max();
		for (let i = 0; i < groups.size(); i++) {
			const a = groups[i];
			if (a.dead || !settled(a)) continue;
			for (let j = i + 1; j < groups.size(); j++) {
				const b = groups[j];
				if (b.dead || !settled(b)) continue;
				// the same subscriptions (interest groups) and entities known; baselines that differ go whole once
				if (a.members[0].interest !== b.members[0].interest) continue;
				if (mergeCost(a, b, maxHandle) < 0) continue;
				mergeGroups(a, b, maxHandle);
			}
		}
	};

	return () => {
		const groups = ctx.groups;
		let fresh: ReplicationGroup<ConnectionState> | undefined;
		for (const conn of ctx.connections) {
			if (!conn.ready || conn.group !== undefined) continue;
			if (fresh === undefined) {
				fresh = new ReplicationGroup<ConnectionState>(ctx.knowers);
				groups.push(fresh);
			}
			fresh.members.push(conn);
			conn.group = fresh;
		}
		if (ctx.time - lastStragglers >= STRAGGLER_CHECK) {
			lastStragglers = ctx.time;
			splitStragglers();
		}
		if (ctx.time - lastMerge >= MERGE_INTERVAL && groups.size() > 1) {
			lastMerge = ctx.time;
			tryMerges();
		}
		// drop dead groups
		let j = 0;
		for (let i = 0; i < groups.size(); i++) {
			const g = groups[i];
			if (g.dead || g.members.size() === 0) continue;
			groups[j] = g;
			j += 1;
		}
		for (let i = groups.size(); i > j; i--) groups.pop();
	};
}

/** Every member has received its first packet (schema and initial state sent). */
function settled(g: ReplicationGroup<ConnectionState>): boolean {
	for (const m of g.members) if (!m.schemaSent) return false;
	return g.members.size() > 0;
}
