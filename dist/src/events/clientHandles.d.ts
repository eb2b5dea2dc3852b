/** What `net.event` and `net.request` return on the client. */
import { Entity } from "@rbxts/jecs";
import { ClientEvents } from "./clientEvents";
import { EventInfo } from "./registry";
export declare class ClientEventHandle<T> {
    private readonly events;
    readonly info: EventInfo;
    /** Payload component of incoming event entities (events the server sent). */
    readonly Incoming: Entity<T>;
    readonly name: string;
    constructor(events: ClientEvents, info: EventInfo);
    /** This step's events from the server in arrival order: [event entity, payload]. */
    incoming(): [Entity, T][];
    /** Sends to the server (batched into this step's packet). */
    send(value: T): void;
}
export declare class ClientRequestHandle<Q, R> {
    private readonly events;
    readonly info: EventInfo;
    private readonly timeout;
    private readonly retries;
    readonly name: string;
    constructor(events: ClientEvents, info: EventInfo, timeout: number, retries: number);
    /**
     * Asks the server; resolves with its answer, or rejects with a clear
     * message on timeout (after the configured retries) or a server error.
     */
    invoke(value: Q): Promise<R>;
    /**
     * An optimistic call: `apply` changes replicated components locally at once
     * (e.g. spend the coins), and those changes hold until the server answers.
     * If the server rejects the request (or the call fails), they are rolled
     * back to the server's values; if it accepts, the server's replicated
     * values (which it changed while answering) take over.
     */
    invokeOptimistic(value: Q, apply: () => void): Promise<R>;
}
