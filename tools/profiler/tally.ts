/**
 * Cumulative counters the profiler keeps beside a net's own NetStats: traffic
 * per channel as it crosses the transport, and bytes per replicated component.
 * Plain numbers, summed as they happen; the profiler turns them into
 * per-second figures at each window.
 */
import { varUintSize } from "../../src/codec";

/** Roblox's per-call overhead in bytes, server to client (see the README's wire cost model). */
export const CALL_OVERHEAD = 9;
/** Extra overhead of a client-to-server call. */
export const CLIENT_TO_SERVER_OVERHEAD = 5;
/** Type tag of the one buffer argument. */
export const TYPE_TAG = 1;

/** Bytes on the wire of one remote call carrying a buffer of `size` bytes (before Roblox's compression). */
export function wireBytes(size: number, clientToServer: boolean): number {
	return CALL_OVERHEAD + (clientToServer ? CLIENT_TO_SERVER_OVERHEAD : 0) + TYPE_TAG + varUintSize(size) + size;
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
