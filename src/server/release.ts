/**
 * What a destroyed server net gives back: every jecs hook and observer
 * disconnected, the remotes removed, this step's event and connection
 * entities despawned, its components unmarked, and every table it kept
 * emptied, so a destroyed net costs nothing.
 */
import { ServerContext } from "./context";
import { ServerEvents } from "./events";
import { Networked } from "../../components/replication";

export function releaseServer(ctx: ServerContext, events: ServerEvents) {
	const world = ctx.world;
	ctx.observers.clear();
	ctx.hooks.disconnectAll();
	ctx.transport.destroy();
	events.cleanup(); // this step's event entities,
	events.cleanup(); // then those made late
	for (const conn of ctx.connections) if (world.contains(conn.entity)) world.delete(conn.entity);
	for (const info of ctx.registry.list) if (world.contains(info.id)) world.remove(info.id, Networked);
	ctx.connections.clear();
	ctx.byPlayer.clear();
	ctx.groups.clear();
	ctx.knowers.of.clear();
	ctx.knowers.maxHandle = 0;
	ctx.onLeave.clear();
	ctx.tracked.clear();
	ctx.byHandle.clear();
	ctx.entityOf.clear();
	ctx.mutated.clear();
	ctx.mutatedNow.clear();
	ctx.changes.clear();
	ctx.changePool.clear();
	ctx.touchedPool.clear();
	ctx.dirtyOrder.clear();
	ctx.dirty.clear();
	ctx.visibilityDirty.clear();
	ctx.filtered.clear();
	ctx.refsTo.clear();
	ctx.refsFrom.clear();
	ctx.onRegister.clear();
	ctx.interest = undefined;
	ctx.prioritized = 0;
	ctx.mutations.clear();
}
