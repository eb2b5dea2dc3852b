/**
 * Interest phase (server), after updateVisibility. Reads: connections,
 * replication groups. Writes: groups (new, merged, dropped).
 *
 * Clients that became ready this step start together in one new group (they
 * know nothing yet, so their state is identical). Once a second, groups that
 * know the same entities and lost no packet for a second merge, so a client
 * that split off after a loss rejoins the others when the link is quiet again.
 */
import { ConnectionState } from "../../src/server/connection";
import { ServerContext } from "../../src/server/context";
import { ReplicationGroup } from "../../src/server/group";
import { mergeCost, mergeGroups } from "../../src/server/regroup";

/** Seconds between merge attempts, and how long both groups must have lost nothing. */
export const MERGE_INTERVAL = 1;

export function groupClients(ctx: ServerContext) {
	let lastMerge = 0;

	const tryMerges = () => {
		const groups = ctx.groups;
		const now = ctx.time;
		const maxHandle = ctx.handles.max();
		for (let i = 0; i < groups.size(); i++) {
			const a = groups[i];
			if (a.dead || now - a.lastLoss < MERGE_INTERVAL || !settled(a)) continue;
			for (let j = i + 1; j < groups.size(); j++) {
				const b = groups[j];
				if (b.dead || now - b.lastLoss < MERGE_INTERVAL || !settled(b)) continue;
				const cost = mergeCost(a, b, maxHandle);
				// differing baselines are sent whole once: merge when they are few
				if (cost < 0 || cost > math.max(8, a.knownCount / 32)) continue;
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
				fresh = new ReplicationGroup<ConnectionState>();
				groups.push(fresh);
			}
			fresh.members.push(conn);
			conn.group = fresh;
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
