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
	/** Bytes that passed the firewall and reached the decoder. */
	bytesDecoded: number;
	/** Incoming packets decoded and applied in full. */
	packetsAccepted: number;
	/** Entity updates sent (reliable entity records and unreliable mutation records). */
	entitiesSent: number;
	/** Unreliable entity updates that waited for bandwidth (counted per step waited). */
	deferred: number;
	/** Times this connection stayed over its budget long enough to warn. */
	budgetWarnings: number;
	/** Per event name. */
	events: Map<string, EventCounters>;
	/** Client: replicated components, tags and entities the game changed or deleted locally that the net put back. */
	restored: number;
}

/** Counters of one event on one connection. */
export interface EventCounters {
	/** Incoming: arrived (spawned as event entities, or refused by a guard before decoding). */
	received: number;
	sent: number;
	/** Dropped by rate limits. */
	rateLimited: number;
	/** Dropped by validation, filters or middleware. */
	rejected: number;
	bytes: number;
}

export function eventCounters(stats: NetStatsData, name: string): EventCounters {
	let c = stats.events.get(name);
	if (c === undefined) {
		c = { received: 0, sent: 0, rateLimited: 0, rejected: 0, bytes: 0 };
		stats.events.set(name, c);
	}
	return c;
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
		bytesDecoded: 0,
		packetsAccepted: 0,
		entitiesSent: 0,
		deferred: 0,
		budgetWarnings: 0,
		events: new Map(),
		restored: 0,
	};
}

/** On connection entities (server): that connection's counters. */
export const NetStats = jecs.component<NetStatsData>();
