/**
 * The profiler's windows: counters of each link sampled at a window's end,
 * and the per-second figures between two samples.
 */
import { EventCounters, NetStatsData } from "../../components/stats";
import { Flow, LinkTally, newFlow } from "./tally";
import type { ProfilerSnapshot, TrafficFigures } from "./figures";

/** Cumulative counters of one link at a window's end. */
export interface Sample {
	readonly reliableOut: Flow;
	readonly unreliableOut: Flow;
	readonly reliableIn: Flow;
	readonly unreliableIn: Flow;
	readonly dropped: number;
	readonly rateLimited: number;
	readonly rejected: number;
	readonly deferred: number;
	readonly events: Map<string, EventCounters>;
}

const ZERO_FLOW: Flow = newFlow();
export const EMPTY_SAMPLE: Sample = {
	reliableOut: ZERO_FLOW,
	unreliableOut: ZERO_FLOW,
	reliableIn: ZERO_FLOW,
	unreliableIn: ZERO_FLOW,
	dropped: 0,
	rateLimited: 0,
	rejected: 0,
	deferred: 0,
	events: new Map(),
};

function copyFlow(f: Flow): Flow {
	return { bytes: f.bytes, calls: f.calls, wire: f.wire };
}

export function sumFlows(a: Flow, b: Flow): Flow {
	return { bytes: a.bytes + b.bytes, calls: a.calls + b.calls, wire: a.wire + b.wire };
}

export function rate(cur: Flow, prev: Flow, seconds: number): TrafficFigures {
	return { bytes: (cur.bytes - prev.bytes) / seconds, calls: (cur.calls - prev.calls) / seconds, wire: (cur.wire - prev.wire) / seconds };
}

export function addInto(into: TrafficFigures, f: TrafficFigures) {
	into.bytes += f.bytes;
	into.calls += f.calls;
	into.wire += f.wire;
}

export function zeroFigures(): TrafficFigures {
	return { bytes: 0, calls: 0, wire: 0 };
}

export function takeSample(link: LinkTally, stats: NetStatsData): Sample {
	let rateLimited = 0;
	let rejected = 0;
	const events = new Map<string, EventCounters>();
	for (const [name, c] of stats.events) {
		rateLimited += c.rateLimited;
		rejected += c.rejected;
		events.set(name, { received: c.received, sent: c.sent, rateLimited: c.rateLimited, rejected: c.rejected, bytes: c.bytes });
	}
	return {
		reliableOut: copyFlow(link.reliableOut),
		unreliableOut: copyFlow(link.unreliableOut),
		reliableIn: copyFlow(link.reliableIn),
		unreliableIn: copyFlow(link.unreliableIn),
		dropped: stats.dropped,
		rateLimited,
		rejected,
		deferred: (stats as { deferred?: number }).deferred ?? 0,
		events,
	};
}

export function emptySnapshot(side: "server" | "client", budget: number): ProfilerSnapshot {
	return {
		side,
		index: 0,
		time: 0,
		window: 0,
		budget,
		players: [],
		remotes: [],
		events: [],
		components: [],
		wire: "",
		totals: { out: zeroFigures(), in: zeroFigures(), events: 0 },
	};
}
