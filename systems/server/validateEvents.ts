/**
 * Guard phase: runs each event's @rbxts/t check on decoded payloads; events
 * that fail are dropped, counted and reported as Violations whose detail
 * carries t's message (what failed). (Decoding has
 * already enforced the schema: types, lengths and ranges.)
 */
import { ServerContext } from "../../src/server/context";
import { ServerEvents } from "../../src/server/events";
import { checkFailure } from "../../src/core/checks";

export function validateEvents(ctx: ServerContext, events: ServerEvents) {
	const world = ctx.world;
	return () => {
		for (const e of events.spawned) {
			if (!world.contains(e)) continue;
			const info = events.infoOf(e);
			if (info === undefined || info.check === undefined) continue;
			const value = world.get(e, info.component);
			const why = checkFailure(info.check, value);
			if (why !== undefined) events.drop(e, "validation", `payload failed the ${info.name} check: ${why}`);
		}
	};
}
