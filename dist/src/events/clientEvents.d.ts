/**
 * Client side of events and requests: encodes what the game sends into this
 * step's packets, turns events from the server into event entities, and
 * resolves request promises (with timeouts and retries).
 */
import { Entity, World } from "@rbxts/jecs";
import { Reader, Writer } from "../codec";
import { ClientContext } from "../replication/clientContext";
import { EventInfo, EventRegistry } from "./registry";
interface PendingRequest {
    readonly info: EventInfo;
    readonly value: unknown;
    readonly resolve: (value: unknown) => void;
    readonly reject: (reason: unknown) => void;
    readonly timeout: number;
    attemptsLeft: number;
    deadline: number;
    sent: boolean;
}
export declare class ClientEvents {
    readonly world: World;
    readonly ctx: ClientContext;
    registry: EventRegistry;
    /** Event entities spawned this step (despawned at cleanup). */
    spawned: Entity[];
    /** Records for this step's reliable packet. */
    readonly reliable: Writer;
    /** Records for this step's unreliable packet(s). */
    readonly unreliable: Writer;
    /** Sends waiting for the server's schema (event ids). */
    private queued;
    readonly pending: Map<number, PendingRequest>;
    private nextRequest;
    constructor(world: World, ctx: ClientContext);
    /** Whether event ids are known (the schema arrived). */
    private ready;
    private encode;
    send(info: EventInfo, value: unknown): void;
    invoke(info: EventInfo, value: unknown, timeout: number, retries: number): Promise<unknown>;
    private sendRequest;
    /** Send phase: writes queued sends and due request attempts; rejects timed-out requests. */
    prepare(): void;
    /** Decodes Event and Response records from the server; effects are staged. */
    readonly handler: (op: number, r: Reader, _tick: number, staged: (() => void)[]) => boolean;
    private spawn;
    /** Appends this step's unreliable records to `w`, splitting packets at the size limit. */
    takeUnreliable(packets: Writer[], header: (w: Writer) => void): void;
    cleanup(): void;
}
export {};
