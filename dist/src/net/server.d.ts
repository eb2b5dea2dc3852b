/**
 * The server side of a net: owns the truth (the jecs world) and replicates it
 * to every client. Create it with `server(world, config)`, mark components
 * replicated, and call `net.step(dt, gameSystems)` every frame.
 */
import { Entity, World } from "@rbxts/jecs";
import { Codec } from "../codec";
import { Pipeline, Placement, System } from "../schedule/pipeline";
import { ServerTransport } from "../transport/transport";
import { ServerContext } from "../replication/serverContext";
import { ConnectionState } from "../replication/connection";
import { VisibilityRule } from "../replication/visibility";
import { ReplicateOptions } from "./registry";
import { ServerConfig } from "./config";
import { RecordHandler } from "../../systems/server/receivePackets";
import { ServerEvents } from "../events/serverEvents";
import { ServerEventHandle, ServerRequestHandle } from "../events/serverHandles";
import { EventOptions, RequestOptions } from "../events/options";
import { Focus, InterestConfig } from "../interest/interest";
import { ViolationKind } from "../../components/events";
import { PredictionOptions } from "../time/prediction";
import { ServerPrediction } from "../time/serverPrediction";
import { Rollback, RollbackOptions } from "../time/rollback";
import { NetStatsData } from "../../components/stats";
export declare class ServerNet {
    readonly world: World;
    /** Shared state of the net's systems (advanced use: custom middleware). */
    readonly context: ServerContext;
    /** The ordered systems of a step. */
    readonly pipeline: Pipeline;
    /** Record decoders for client packets, extended by events and requests. */
    readonly recordHandlers: RecordHandler[];
    /** Events, requests, guards and their counters. */
    readonly events: ServerEvents;
    private game?;
    constructor(world: World, config?: ServerConfig, transport?: ServerTransport);
    private registered;
    /**
     * Marks a component replicated. `options` is a codec, or { codec, check?,
     * channel?, name? }; see ReplicateOptions. Register the same components,
     * with the same names and codecs, on the client.
     */
    replicate<T>(component: Entity<T>, options: ReplicateOptions<T> | Codec<T>): this;
    /** Marks a tag (a component without data) replicated. */
    replicateTag(tag: Entity, name?: string): this;
    /**
     * Marks a relation replicated: pairs (relation, target) whose target is a
     * replicated entity, e.g. jecs.ChildOf.
     */
    replicateRelation(relation: Entity, name?: string): this;
    private declare;
    /**
     * Declares a network event (declare it the same way on the client).
     * Incoming events become entities with `handle.Incoming` and `Sender`,
     * alive for one step; send with `handle.sendTo / broadcast`.
     */
    event<T>(name: string, options: EventOptions<T>): ServerEventHandle<T>;
    /**
     * Declares a request clients send and the server answers from a system:
     * query `handle.Incoming` with Sender, then `handle.respond(entity, answer)`.
     */
    request<Q, R>(name: string, options: RequestOptions<Q, R>): ServerRequestHandle<Q, R>;
    /**
     * Declares client-side prediction for `options.component` (declare it the
     * same way on the client). Bind a player to the entity their inputs drive
     * with `prediction.bind(player, entity)`; the server applies their inputs
     * with `options.apply` each step, in order. See time/prediction.ts.
     */
    prediction<I extends defined, T>(name: string, options: PredictionOptions<I, T>): ServerPrediction<I, T>;
    /**
     * Keeps the last `ticks` ticks of `components` so you can rewind the world
     * to the tick a client saw (lag compensation) and restore the present.
     */
    rollback(options: RollbackOptions): Rollback;
    /** Drops an incoming event entity from a middleware, counted and reported as a Violation. */
    reject(eventEntity: Entity, reason: string, kind?: ViolationKind): void;
    /** Chooses who receives `entity` (default everyone); see `Visible`. */
    setVisibility(entity: Entity, rule: VisibilityRule): void;
    /**
     * Turns on area of interest: entities with `config.position` reach a player
     * only near their focus (see InterestConfig; radii in studs). Entities
     * without a position, tagged AlwaysRelevant, or owned by the player (Owner)
     * always reach them.
     */
    setInterest<P>(config: InterestConfig<P>): void;
    /**
     * Sets what a player's view is centred on: a position, an entity (its
     * position component), or undefined for the default (their character's
     * PrimaryPart).
     */
    setFocus(player: Player, focus: Focus): void;
    /** The wire handle of a replicated entity (what clients map to their own entity). */
    handleOf(entity: Entity): number | undefined;
    /**
     * Runs one net step: receive, guard, events, then `systems` (your game systems),
     * then collect, interest, prioritize, encode, send, cleanup.
     */
    step(dt: number, systems?: (dt: number) => void): void;
    /** Inserts a user system (middleware) before/after a phase. */
    use(system: System, placement: Placement, name?: string): this;
    /** The systems of a step in order, one line each. */
    describePipeline(): string[];
    /** Connected players (in join order). */
    players(): Player[];
    /** A player's connection state, if connected. */
    connection(player: Player): ConnectionState | undefined;
    /** A player's traffic counters. */
    stats(player: Player): NetStatsData | undefined;
    /** Seconds since the net started (the clock clients estimate with serverTime()). */
    getTime(): number;
    /** The tick of the next step (the number stamped on its packets). */
    getTick(): number;
    /** Removes the remotes and stops listening. */
    destroy(): void;
}
/** Creates the server side of a net for `world`. */
export declare function server(world: World, config?: ServerConfig): ServerNet;
