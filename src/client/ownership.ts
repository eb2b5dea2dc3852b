/**
 * Client-side ownership of replicated components: while owned, local writes
 * to (entity, component) are not corrected back to the server's value.
 * Releasing puts the server's value back at once.
 */
import { Entity } from "@rbxts/jecs";
import { ReplicatedInfo } from "../core/registry";
import { ClientContext } from "./context";
import { unstored } from "../core/stored";

export function own(ctx: ClientContext, e: Entity, info: ReplicatedInfo) {
	let map = ctx.owned.get(e);
	if (map === undefined) {
		map = new Map();
		ctx.owned.set(e, map);
	}
	map.set(info.wireId, (map.get(info.wireId) ?? 0) + 1);
}

export function release(ctx: ClientContext, e: Entity, info: ReplicatedInfo) {
	const map = ctx.owned.get(e);
	const n = map?.get(info.wireId);
	if (map === undefined || n === undefined) return;
	if (n > 1) {
		map.set(info.wireId, n - 1);
		return;
	}
	map.delete(info.wireId);
	if (map.isEmpty()) ctx.owned.delete(e);
	restore(ctx, e, info);
}

/** Puts the server's last value of (e, info) back into the world. */
export function restore(ctx: ClientContext, e: Entity, info: ReplicatedInfo) {
	const world = ctx.world;
	if (!world.contains(e)) return;
	const value = ctx.authoritative.get(e)?.get(info.wireId);
	ctx.applying = true;
	if (value !== undefined) world.set(e, info.id as Entity<unknown>, unstored(value));
	else if (world.has(e, info.id)) world.remove(e, info.id);
	ctx.applying = false;
}
