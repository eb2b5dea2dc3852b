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
 */
import { ConnectionState } from "../../src/server/connection";
import { ServerContext } from "../../src/server/context";
import { ReplicationGroup } from "../../src/server/group";
import { mergeCost, mergeGroups } from "../../src/server/regroup";

/** Seconds between merge attempts. */
export const MERGE_INTERVAL = 1;

export function groupClients(ctx: ServerContext) {
	let lastMerge = 0;

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
