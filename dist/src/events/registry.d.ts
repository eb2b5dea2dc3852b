/**
 * Declared network events and requests, by name. Like components, events are
 * identified on the wire by a small id the server assigns in declaration
 * order and sends, with the names, in each client's first packet.
 */
import { Entity } from "@rbxts/jecs";
import { Codec } from "../codec";
/** Which side may send an event. */
export type EventDirection = "client" | "server" | "both";
/** A token bucket: `rate` events per second on average, bursts up to `burst`. */
export interface RateLimit {
    rate: number;
    burst: number;
}
export interface EventInfo {
    readonly name: string;
    readonly codec: Codec<unknown>;
    /** Who sends it: "client" (to the server), "server" (to clients) or "both". */
    readonly from: EventDirection;
    readonly reliable: boolean;
    /** Optional @rbxts/t check on received payloads. */
    readonly check?: (value: unknown) => boolean;
    /** Per-player limit on the server for client-sent events. */
    readonly rate: RateLimit;
    /** The payload component of incoming event entities. */
    readonly component: Entity<unknown>;
    /** For requests: the response codec (events: undefined). */
    readonly response?: Codec<unknown>;
    /** Wire id (server: declaration order; client: from the schema). */
    id: number;
}
export declare class EventRegistry {
    readonly list: EventInfo[];
    readonly byName: Map<string, EventInfo>;
    /** Client: server id -> local info, from the schema. */
    byWire: (EventInfo | undefined)[];
    add(info: EventInfo): void;
}
