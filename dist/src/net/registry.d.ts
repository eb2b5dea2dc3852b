/**
 * Which components, tags and relations replicate, and how. The wire identity
 * of each is its name (jecs.Name or an explicit `name`); the server assigns
 * small wire ids in registration order and sends the name table to each
 * client in its first packet, so both sides may register in any order.
 */
import jecs, { Entity, World } from "@rbxts/jecs";
import { Codec, StructCodec } from "../codec";
import { WireKind } from "../wire/protocol";
/** How a component replicates. */
export interface ReplicateOptions<T> {
    /** Encodes the component's values on the wire. */
    codec: Codec<T>;
    /** Optional @rbxts/t check run on every value (server before sending, client after decoding). */
    check?: (value: unknown) => boolean;
    /**
     * "reliable" (default): every change arrives, in order. "unreliable": for
     * high-frequency state (transforms): newest value wins, delta-coded against
     * what the client acknowledged, resent until acknowledged.
     */
    channel?: "reliable" | "unreliable";
    /** Wire name; defaults to the component's jecs.Name. */
    name?: string;
    /**
     * Unreliable components: importance when the bandwidth budget cannot send
     * everything (default 1; higher goes first, lower waits longer, none starves).
     */
    priority?: number;
    /**
     * Unreliable components: most updates per second per entity, near the
     * player's focus and at the edge of their interest radius (default: every
     * step). E.g. { near: 60, far: 20 }. Without area of interest, `near` applies.
     */
    rate?: {
        near: number;
        far?: number;
    };
}
/** What Skyrocket knows about a replicated id. */
export interface ReplicatedInfo {
    readonly id: Entity;
    readonly name: string;
    readonly kind: WireKind;
    readonly codec?: Codec<unknown>;
    /** The codec when it supports field masks (structs). */
    readonly struct?: StructCodec<unknown>;
    readonly check?: (value: unknown) => boolean;
    readonly unreliable: boolean;
    /** Unreliable: importance under a bandwidth budget. */
    readonly priority: number;
    /** Unreliable: seconds between updates near and far (0: every step). */
    readonly intervalNear: number;
    readonly intervalFar: number;
    /** Wire id (1-based); on clients, assigned when the server's schema arrives. */
    wireId: number;
    /** 1-based index among unreliable components; 0 for reliable ones. */
    unreliableIndex: number;
}
export declare class Registry {
    private readonly world;
    readonly list: ReplicatedInfo[];
    readonly byId: Map<jecs.Entity, ReplicatedInfo>;
    readonly byName: Map<string, ReplicatedInfo>;
    /** Unreliable components in index order. */
    readonly unreliable: ReplicatedInfo[];
    /** Client: wire id -> info, filled from the server's schema. */
    byWire: ReplicatedInfo[];
    constructor(world: World);
    private add;
    component<T>(id: Entity<T>, options: ReplicateOptions<T> | Codec<T>): ReplicatedInfo;
    /** Registers an id without data on the wire (a tag, or a relation whose pairs replicate). */
    private dataless;
    tag(id: Entity, name?: string): ReplicatedInfo;
    relation(id: Entity, name?: string): ReplicatedInfo;
}
