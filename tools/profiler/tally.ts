/**
 * Cumulative counters the profiler keeps beside a net's own NetStats: traffic
 * per channel as it crosses the transport, and bytes per replicated component.
 * Plain numbers, summed as they happen; the profiler turns them into
 * per-second figures at each window.
 */
import { callBytes } from "../../src/wire/cost";

/** Bytes on the wire of one remote call carrying a buffer of `size` bytes (the library's wire cost model). */
export function wireBytes(size: number, clientToServer: boolean): number {
	return callBytes(size, clientToServer);
}

/** Traffic in one direction on one channel, since the profiler started. */
export interface Flow {
	/** Payload bytes (buffer sizes: what Skyrocket encoded). */
	bytes: number;
	/** Remote calls (packets). */
	calls: number;
	/** Estimated bytes on the wire (payload plus Roblox's per-call overhead). */
	wire: number;
}

export function newFlow(): Flow {
	return { bytes: 0, calls: 0, wire: 0 };
}

export function addFlow(flow: Flow, data: unknown, clientToServer: boolean) {
	const size = typeIs(data, "buffer") ? buffer.len(data) : 0;
	flow.bytes += size;
	flow.calls += 1;
	flow.wire += wireBytes(size, clientToServer);
}

/** Traffic of one link (a player on the server, the server on a client). */
export interface LinkTally {
	readonly reliableOut: Flow;
	readonly unreliableOut: Flow;
	readonly reliableIn: Flow;
	readonly unreliableIn: Flow;
}

export function newLinkTally(): LinkTally {
	return { reliableOut: newFlow(), unreliableOut: newFlow(), reliableIn: newFlow(), unreliableIn: newFlow() };
}

/** Bytes and values written per replicated id (by wire id), all recipients counted. */
export type ComponentTally = Map<number, { bytes: number; values: number }>;

export function tallyComponent(tally: ComponentTally, wire: number, bytes: number, copies: number) {
	let t = tally.get(wire);
	if (t === undefined) {
		t = { bytes: 0, values: 0 };
		tally.set(wire, t);
	}
	t.bytes += bytes * copies;
	t.values += copies;
}
