/**
 * Guard phase: runs each event's @rbxts/t check on decoded payloads; events
 * that fail are dropped, counted and reported as Violations whose detail
 * names what failed (the value, and the check's message when it gives one). Decoding has
 * already enforced the schema: a codec's read returns only values its
 * validate accepts and its write re-encodes (types, lengths, ranges, no NaN
 * where refused; fuzzed for every codec in test/specs/codec/contract.spec.ts),
 * and the rate limits refused what was over them before decoding (receive phase).
 *
 * Reads: this step's event entities. Writes: drops failing ones (Violations, counters).
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
