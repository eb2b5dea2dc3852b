/** Counters per connection (server) or for the client's link to the server. */
import jecs from "@rbxts/jecs";

/** Traffic and drop counters of one connection. Totals since it connected. */
export interface NetStatsData {
	bytesSent: number;
	packetsSent: number;
	bytesReceived: number;
	packetsReceived: number;
	/** Unreliable packets the other side never acknowledged. */
	mutationsLost: number;
	/** Incoming packets dropped for any reason (see drops). */
	dropped: number;
	/** Dropped incoming packets by reason. */
	drops: Map<string, number>;
	/** Round-trip time estimate in seconds (smoothed). */
	rtt: number;
}

export function newNetStats(): NetStatsData {
	return {
		bytesSent: 0,
		packetsSent: 0,
		bytesReceived: 0,
		packetsReceived: 0,
		mutationsLost: 0,
		dropped: 0,
		drops: new Map(),
		rtt: 0,
	};
}

/** On connection entities (server): that connection's counters. */
export const NetStats = jecs.component<NetStatsData>();
