/**
 * What `net.event` and `net.request` return on the server: the incoming
 * payload component to query, and the ways to send or answer.
 */
import { Entity } from "@rbxts/jecs";
import { EventInfo } from "./registry";
import { ServerEvents } from "./serverEvents";
/** This step's incoming events of `info`, in arrival order (jecs queries iterate in no set order). */
export declare function incomingOf<T>(world: import("@rbxts/jecs").World, spawned: Entity[], info: EventInfo): [Entity, T, Player | undefined][];
export declare class ServerEventHandle<T> {
    private readonly events;
    readonly info: EventInfo;
    /** Payload component of incoming event entities (query it with Sender). */
    readonly Incoming: Entity<T>;
    readonly name: string;
    constructor(events: ServerEvents, info: EventInfo);
    private check;
    /** Sends to one player or a list of players (batched into this step's packet). */
    sendTo(target: Player | Player[], value: T): void;
    /** Sends to every connected player. */
    broadcast(value: T): void;
    /** Sends to every connected player except `except`. */
    broadcastExcept(except: Player | Player[], value: T): void;
    /** This step's incoming events in arrival order: [event entity, payload, sender]. */
    incoming(): [Entity, T, Player][];
    /** Drops an incoming event entity from a middleware, counted as "filtered" with `reason`. */
    reject(eventEntity: Entity, reason: string): void;
}
export declare class ServerRequestHandle<Q, R> {
    private readonly events;
    readonly info: EventInfo;
    /** Payload component of incoming request entities (query it with Sender and RequestId). */
    readonly Incoming: Entity<Q>;
    readonly name: string;
    constructor(events: ServerEvents, info: EventInfo);
    /** This step's incoming requests in arrival order: [request entity, payload, sender]. */
    incoming(): [Entity, Q, Player][];
    /** Answers the request carried by `requestEntity` (an incoming request entity). */
    respond(requestEntity: Entity, value: R): void;
    /** Answers later (e.g. after a DataStore call), with the Sender and RequestId you kept. */
    respondTo(player: Player, requestId: number, value: R): void;
    /** Fails the request: the client's promise rejects with `message`. */
    reject(requestEntity: Entity, message: string): void;
}
