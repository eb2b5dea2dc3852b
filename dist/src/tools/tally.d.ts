/** Roblox's per-call overhead in bytes, server to client (see the README's wire cost model). */
export declare const CALL_OVERHEAD = 9;
/** Extra overhead of a client-to-server call. */
export declare const CLIENT_TO_SERVER_OVERHEAD = 5;
/** Type tag of the one buffer argument. */
export declare const TYPE_TAG = 1;
/** Bytes on the wire of one remote call carrying a buffer of `size` bytes (before Roblox's compression). */
export declare function wireBytes(size: number, clientToServer: boolean): number;
/** Traffic in one direction on one channel, since the profiler started. */
export interface Flow {
    /** Payload bytes (buffer sizes: what Skyrocket encoded). */
    bytes: number;
    /** Remote calls (packets). */
    calls: number;
    /** Estimated bytes on the wire (payload plus Roblox's per-call overhead). */
    wire: number;
}
export declare function newFlow(): Flow;
export declare function addFlow(flow: Flow, data: unknown, clientToServer: boolean): void;
/** Traffic of one link (a player on the server, the server on a client). */
export interface LinkTally {
    readonly reliableOut: Flow;
    readonly unreliableOut: Flow;
    readonly reliableIn: Flow;
    readonly unreliableIn: Flow;
}
export declare function newLinkTally(): LinkTally;
/** Bytes and values written per replicated id (by wire id), all recipients counted. */
export type ComponentTally = Map<number, {
    bytes: number;
    values: number;
}>;
export declare function tallyComponent(tally: ComponentTally, wire: number, bytes: number, copies: number): void;
