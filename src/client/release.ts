/**
 * What a destroyed client net gives back: every jecs hook and observer
 * disconnected, the remotes no longer listened to, this step's event
 * entities despawned, pending requests rejected, its components unmarked and
 * every table it kept emptied. Replicated entities stay in the world as
 * plain entities.
 */
import { ClientContext } from "./context";
import { ClientEvents } from "./events";
import { Networked } from "../../components/replication";

export function releaseClient(ctx: ClientContext, events: ClientEvents) {
	const world = ctx.world;
	ctx.observers.clear();
	ctx.hooks.disconnectAll();
	ctx.transport.destroy();
	events.cleanup();
	events.destroy();
	for (const info of ctx.registry.list) if (world.contains(info.id)) world.remove(info.id, Networked);
	ctx.entities.clear();
	ctx.handles.clear();
	ctx.authoritative.clear();
	ctx.tampered.clear();
	ctx.owned.clear();
	ctx.spawnState.clear();
	ctx.resetTick.clear();
	ctx.received.clear();
	ctx.spareLanes.clear();
	ctx.spareTicks.clear();
	ctx.receivedSeqs.clear();
	ctx.latestTick.clear();
	ctx.pendingPairs.clear();
	ctx.deleted.clear();
	ctx.waiting.clear();
	ctx.onValue.clear();
	ctx.extraRecords.clear();
}
