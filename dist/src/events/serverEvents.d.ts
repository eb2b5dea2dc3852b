/**
 * Server side of events and requests: decodes event records from client
 * packets into event entities, encodes events for clients, and keeps the
 * per-player counters. Guards (rate limits, validation) are systems that run
 * over the event entities this creates.
 */
import { Entity, World } from "@rbxts/jecs";
import { Reader, Writer } from "../codec";
import { ConnectionState } from "../replication/connection";
import { ServerContext } from "../replication/serverContext";
import { ResolvedGuardConfig } from "../net/guardConfig";
import { EventInfo, EventRegistry } from "./registry";
import { ViolationKind } from "../../components/events";
export declare class ServerEvents {
    readonly world: World;
    readonly ctx: ServerContext;
    readonly guard: ResolvedGuardConfig;
    registry: EventRegistry;
    /** Event and violation entities spawned this step (despawned at cleanup). */
    spawned: Entity[];
    /** Event entities made after the game phase (e.g. in send): they live through the next step. */
    later: Entity[];
    private readonly scratch;
    constructor(world: World, ctx: ServerContext, guard: ResolvedGuardConfig);
    /** Spawns a Violation event entity and counts the drop. */
    violation(conn: ConnectionState, kind: ViolationKind, detail: string, event?: string): void;
    private noteFloodDrop;
    /** Decodes an Event or Request record; stages the event entity. Returns false for other records. */
    readonly handler: (conn: ConnectionState, op: number, r: Reader, reliable: boolean, staged: (() => void)[]) => boolean;
    private spawnIncoming;
    /** Drops an incoming event entity (from a guard or a user middleware), counting why. */
    reject(eventEntity: Entity, kind: ViolationKind, detail: string): void;
    private encode;
    /**
     * Queues an event for one connection (sent with this step's packets). A
     * player whose client has not said hello yet gets it once it does (up to
     * 64 KiB held), as Roblox holds remote events until a listener connects.
     */
    sendTo(conn: ConnectionState, info: EventInfo, value: unknown): void;
    /** Appends encoded records to `conn`'s unreliable packet of this step (a new one when full). */
    appendUnreliable(conn: ConnectionState, records: Writer): void;
    /** Answers a request (reliable, in this step's packet). */
    respond(conn: ConnectionState, info: EventInfo, requestId: number, ok: boolean, value: unknown): void;
    /** Hands this step's unreliable event packets to `out`. */
    flushUnreliable(out: Map<Player, buffer[]>): void;
    /** Despawns this step's event and violation entities; those made late live one more step. */
    cleanup(): void;
}
