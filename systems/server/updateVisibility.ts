/**
 * Interest phase: decides which entities enter or leave each client's view
 * this step. An entity is visible when its rule allows the player and, with
 * area of interest on, it is near the player's focus (see interest.ts). New
 * entities enter every client that may see them; a client that just became
 * ready receives everything it may see; entities whose rule changed (or with
 * a filter rule) are re-checked; area of interest re-evaluates players in turn.
 *
 * Reads: the step's changes, visibility rules, interest. Writes: each client's entering and leaving lists.
 */
import { Entity } from "@rbxts/jecs";
import { ServerContext } from "../../src/server/context";
import { ConnectionState } from "../../src/server/connection";
import { isVisibleTo } from "../../src/server/visibility";
import { TrackedEntity } from "../../src/server/tracked";

export function updateVisibility(ctx: ServerContext) {
	const visibleTo = (conn: ConnectionState, t: TrackedEntity) =>
		isVisibleTo(t.rule, conn.player) && (ctx.interest === undefined || ctx.interest.relevant(conn, t));
	const ruleAllows = (conn: ConnectionState, e: Entity) => {
		const t = ctx.tracked.get(e);
		return t !== undefined && isVisibleTo(t.rule, conn.player);
	};
	const recheck = (conn: ConnectionState, e: Entity) => {
		const t = ctx.tracked.get(e);
		const visible = t !== undefined && visibleTo(conn, t);
		const known = conn.known.has(e);
		if (visible && !known) conn.entering.push(e);
		else if (!visible && known) conn.leaving.push(e);
	};

	// this step's new entities, listed once (not once per client)
	const spawned: TrackedEntity[] = [];
	return (dt: number) => {
		const changes = ctx.changes;
		const interest = ctx.interest;
		interest?.sync();
		spawned.clear();
		// numeric loops: a reused list keeps the capacity of its largest step, and `for of` would scan all of it
		for (let i = 0; i < changes.size(); i++) {
			const c = changes[i];
			if (c.spawned) spawned.push(c.tracked);
			if (c.despawned && interest) interest.forget(c.tracked.entity);
		}
		for (const conn of ctx.connections) {
			if (!conn.ready) continue;
			if (!conn.schemaSent) {
				// first step of this client: everything it may see
				for (const [e, t] of ctx.tracked) if (visibleTo(conn, t)) conn.entering.push(e);
				continue;
			}
			for (let i = 0; i < spawned.size(); i++) if (visibleTo(conn, spawned[i])) conn.entering.push(spawned[i].entity);
			for (const e of ctx.visibilityDirty) recheck(conn, e);
			for (const e of ctx.filtered) if (!ctx.visibilityDirty.has(e)) recheck(conn, e);
		}
		ctx.visibilityDirty.clear();
		interest?.update(dt, ctx.connections, ruleAllows);
	};
}
