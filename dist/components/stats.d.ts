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
}
/** Counters of one event on one connection. */
export interface EventCounters {
    /** Decoded and spawned as event entities (incoming) or encoded (outgoing). */
    received: number;
    sent: number;
    /** Dropped by rate limits. */
    rateLimited: number;
    /** Dropped by validation, filters or middleware. */
    rejected: number;
    bytes: number;
}
export declare function eventCounters(stats: NetStatsData, name: string): EventCounters;
export declare function newNetStats(): NetStatsData;
/** On connection entities (server): that connection's counters. */
export declare const NetStats: jecs.Entity<NetStatsData>;
