/**
 * Interest phase: decides which entities enter or leave each client's view
 * this step. New entities enter every client allowed by their rule; a client
 * that just became ready receives everything it may see; entities whose rule
 * changed (or with a filter rule) are re-checked.
 */
import { Entity } from "@rbxts/jecs";
import { ServerContext } from "../../src/replication/serverContext";
import { ConnectionState } from "../../src/replication/connection";
import { isVisibleTo } from "../../src/replication/visibility";

export function updateVisibility(ctx: ServerContext) {
	const recheck = (conn: ConnectionState, e: Entity) => {
		const t = ctx.tracked.get(e);
		const visible = t !== undefined && isVisibleTo(t.rule, conn.player);
		const known = conn.known.has(e);
		if (visible && !known) conn.entering.push(e);
		else if (!visible && known) conn.leaving.push(e);
	};

	return () => {
		const changes = ctx.changes;
		for (const conn of ctx.connections) {
			if (!conn.ready) continue;
			if (!conn.schemaSent) {
				// first step of this client: everything it may see
				for (const [e, t] of ctx.tracked) if (isVisibleTo(t.rule, conn.player)) conn.entering.push(e);
				continue;
			}
			for (const c of changes) {
				if (c.spawned && isVisibleTo(c.tracked.rule, conn.player)) conn.entering.push(c.tracked.entity);
			}
			for (const e of ctx.visibilityDirty) recheck(conn, e);
			for (const e of ctx.filtered) if (!ctx.visibilityDirty.has(e)) recheck(conn, e);
		}
		ctx.visibilityDirty.clear();
	};
}
