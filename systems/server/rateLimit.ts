/**
 * Guard phase: per-player token buckets, one per event (its `rate` option,
 * default 30/s with bursts of 60) and one for all of a player's events (the
 * flood limit). Events over a limit are dropped, counted, and reported as
 * Violations; with the flood kick policy on, a player who keeps flooding is
 * kicked.
 */
import { ServerContext } from "../../src/server/context";
import { ServerEvents } from "../../src/server/events";
import { Sender } from "../../components/events";

function take(tokens: number, last: number, now: number, rate: number, burst: number): [boolean, number] {
	const refilled = math.min(burst, tokens + (now - last) * rate);
	if (refilled >= 1) return [true, refilled - 1];
	return [false, refilled];
}

export function rateLimit(ctx: ServerContext, events: ServerEvents) {
	const world = ctx.world;
	const flood = events.guard.flood;
	return () => {
		const now = ctx.time;
		for (const e of events.spawned) {
			if (!world.contains(e)) continue;
			const info = events.infoOf(e);
			const player = world.get(e, Sender);
			if (info === undefined || player === undefined) continue;
			const conn = ctx.byPlayer.get(player);
			if (conn === undefined) continue;
			const g = conn.guard;
			if (g.floodTokens < 0) {
				g.floodTokens = flood.burst;
				g.floodLast = now;
			}
			const [floodOk, floodLeft] = take(g.floodTokens, g.floodLast, now, flood.rate, flood.burst);
			g.floodTokens = floodLeft;
			g.floodLast = now;
			if (!floodOk) {
				events.drop(e, "flood", `over ${flood.rate} events per second in total`);
				continue;
			}
			let bucket = g.buckets.get(info.id);
			if (bucket === undefined) {
				bucket = [info.rate.burst, now];
				g.buckets.set(info.id, bucket);
			}
			const [ok, left] = take(bucket[0], bucket[1], now, info.rate.rate, info.rate.burst);
			bucket[0] = left;
			bucket[1] = now;
			if (!ok) events.drop(e, "rate-limit", `over ${info.rate.rate} per second`);
		}
	};
}
