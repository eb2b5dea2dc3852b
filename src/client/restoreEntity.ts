/**
 * Server authority over whole entities: a replicated entity the game deleted
 * on the client is rebuilt at the client's next step from what the server
 * last said (its handle, components, tags and relation pairs, both those it
 * holds and those other entities hold to it). The rebuilt entity is a new
 * jecs id: everything the client keeps per entity moves to it.
 */
import jecs, { Entity } from "@rbxts/jecs";
import { ClientContext } from "./context";
import { WireKind } from "../wire/protocol";
import { unstored } from "../core/stored";
import { FromServer, ServerHandle } from "../../components/replication";

function move<V>(map: Map<Entity, V>, from: Entity, to: Entity) {
	const v = map.get(from);
	if (v === undefined) return;
	map.delete(from);
	map.set(to, v);
}

/** Adds the pair (relation, target handle) to `source` now, or when that target arrives. */
function addPair(ctx: ClientContext, source: Entity, relation: Entity, targetHandle: number) {
	const target = ctx.entities.get(targetHandle);
	if (target !== undefined && ctx.world.contains(target)) {
		ctx.world.add(source, jecs.pair(relation, target));
		return;
	}
	let list = ctx.pendingPairs.get(targetHandle);
	if (list === undefined) {
		list = [];
		ctx.pendingPairs.set(targetHandle, list);
	}
	list.push([source, relation]);
}

/** Rebuilds every replicated entity the game deleted since the last step. */
export function restoreDeleted(ctx: ClientContext) {
	const deleted = ctx.deleted;
	if (deleted.size() === 0) return;
	const world = ctx.world;
	const rebuilt: [Entity, number][] = [];
	ctx.applying = true;
	for (const old of deleted) {
		const h = ctx.handles.get(old);
		if (h === undefined || world.contains(old)) continue;
		const fresh = world.entity();
		ctx.entities.set(h, fresh);
		ctx.handles.delete(old);
		ctx.handles.set(fresh, h);
		move(ctx.authoritative, old, fresh);
		move(ctx.spawnState, old, fresh);
		move(ctx.resetTick, old, fresh);
		move(ctx.latestTick, old, fresh);
		move(ctx.owned, old, fresh);
		move(ctx.pairs, old, fresh);
		ctx.tampered.delete(old);
		for (const [, byEntity] of ctx.received) move(byEntity, old, fresh);
		world.set(fresh, ServerHandle, h);
		world.add(fresh, FromServer);
		const auth = ctx.authoritative.get(fresh);
		if (auth !== undefined) {
			for (const [wireId, value] of auth) {
				const info = ctx.registry.byWire[wireId - 1]; // keyed by this client's own ids
				if (info === undefined) continue;
				if (info.kind === WireKind.Tag) world.add(fresh, info.id);
				else if (info.kind === WireKind.Component) {
					world.set(fresh, info.id as Entity<unknown>, unstored(value));
					for (const hook of ctx.onValue) hook(fresh, info, unstored(value), ctx.serverTick);
				}
			}
		}
		rebuilt.push([fresh, h]);
		ctx.stats.restored += 1;
	}
	deleted.clear();
	// relations once every rebuilt entity exists (a deleted parent takes its children with it)
	for (const [fresh, h] of rebuilt) {
		for (const [relation, target] of ctx.pairs.get(fresh) ?? []) addPair(ctx, fresh, relation, target);
		for (const [source, list] of ctx.pairs) {
			if (source === fresh || !world.contains(source)) continue;
			for (const [relation, target] of list) if (target === h) world.add(source, jecs.pair(relation, fresh));
		}
	}
	ctx.applying = false;
}
