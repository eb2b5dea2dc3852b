/**
 * The client side of a net: mirrors what the server replicates into the
 * client's own jecs world and keeps the map between server handles and local
 * entities. Register the same components as the server (same names, same
 * codecs), then call `net.step(dt, gameSystems)` every frame.
 */
import { Entity, World } from "@rbxts/jecs";
import { Codec } from "../codec";
import { Pipeline, Placement, System } from "../schedule/pipeline";
import { ClientTransport } from "../transport/transport";
import { ClientContext } from "../replication/clientContext";
import { ReplicateOptions } from "./registry";
import { ClientConfig } from "./config";
import { ClientEvents } from "../events/clientEvents";
import { ClientEventHandle, ClientRequestHandle } from "../events/clientHandles";
import { EventOptions, RequestOptions } from "../events/options";
import { NetStatsData } from "../../components/stats";
import { ClientClock } from "../time/clientClock";
import { InterpolateOptions, Interpolator } from "../time/interpolation";
import { PredictionOptions } from "../time/prediction";
import { ClientPrediction } from "../time/clientPrediction";
export declare class ClientNet {
    readonly world: World;
    /** Shared state of the net's systems (advanced use). */
    readonly context: ClientContext;
    readonly pipeline: Pipeline;
    /** Events and requests of this client. */
    readonly events: ClientEvents;
    /** The estimate of the server's clock and of the round-trip time. */
    readonly clock: ClientClock;
    private game?;
    private readonly authority;
    constructor(world: World, config?: ClientConfig, transport?: ClientTransport);
    private registered;
    /** Registers a replicated component (same name and codec as on the server). */
    replicate<T>(component: Entity<T>, options: ReplicateOptions<T> | Codec<T>): this;
    /** Registers a replicated tag. */
    replicateTag(tag: Entity, name?: string): this;
    /** Registers a replicated relation (e.g. jecs.ChildOf). */
    replicateRelation(relation: Entity, name?: string): this;
    private declare;
    /** Declares a network event (the same way as on the server). */
    event<T>(name: string, options: EventOptions<T>): ClientEventHandle<T>;
    /** Declares a request (the same way as on the server); call `handle.invoke(value)`. */
    request<Q, R>(name: string, options: RequestOptions<Q, R>): ClientRequestHandle<Q, R>;
    /**
     * Marks a replicated component interpolated: each step the client writes
     * the value at (server time - delay) into the returned interpolator's
     * `Rendered` component (read that in render systems; the replicated
     * component keeps the newest server value).
     */
    interpolate<T extends defined>(component: Entity<T>, options?: InterpolateOptions<T>): Interpolator<T>;
    /**
     * Declares client-side prediction (the same way as on the server): once the
     * server binds this player to an entity, `prediction.setInput(value)` is
     * applied at once each step and reconciled with the server's state.
     */
    prediction<I extends defined, T>(name: string, options: PredictionOptions<I, T>): ClientPrediction<I, T>;
    /** Runs one net step: receive and apply, then `systems` (your game systems), then send. */
    step(dt: number, systems?: (dt: number) => void): void;
    /** The local entity for a server handle (see ServerNet.handleOf). */
    fromServer(handle: number): Entity | undefined;
    /** The server handle of a local entity that came from the server. */
    toServer(entity: Entity): number | undefined;
    /** Whether the first update from the server has been applied. */
    isSynced(): boolean;
    /** Newest server tick applied. */
    getServerTick(): number;
    /** The server's clock now (seconds since its net started), as estimated here. */
    serverTime(): number;
    /** The server tick running now, estimated (fractional). */
    estimatedServerTick(): number;
    /** Round-trip time estimate in seconds (median of recent samples; 0 before the first). */
    rtt(): number;
    /** Traffic counters of this client's link. */
    stats(): NetStatsData;
    use(system: System, placement: Placement, name?: string): this;
    describePipeline(): string[];
    destroy(): void;
}
/** Creates the client side of a net for `world`. */
export declare function client(world: World, config?: ClientConfig): ClientNet;
