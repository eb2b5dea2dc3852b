/**
 * Area of interest: an entity with a position is sent to a player only while
 * it is within their interest radius around their focus (entering at
 * `enterRadius`, leaving beyond `leaveRadius`, so entities on the border do
 * not flicker). A uniform grid over x/z keeps the cost proportional to the
 * entities near each player, not players x entities. Each player is
 * re-evaluated every `interval` seconds, players spread over steps.
 * Entities without a position, tagged AlwaysRelevant, or owned by the player
 * (Owner) bypass it.
 */
import { Entity, World } from "@rbxts/jecs";
import { ConnectionState } from "../replication/connection";
import { TrackedEntity } from "../replication/serverState";
export interface InterestConfig<P = unknown> {
    /** The component holding an entity's position (e.g. Transform). */
    position: Entity<P>;
    /** Reads a Vector3 from that component's value (default: the value, or its `.position`). */
    read?: (value: P) => Vector3;
    /** Entities closer than this (studs) enter a player's view. */
    enterRadius: number;
    /** Entities farther than this leave it (default enterRadius x 1.15). */
    leaveRadius?: number;
    /** Grid cell size in studs (default leaveRadius / 2). */
    cellSize?: number;
    /**
     * Seconds between re-evaluations of each player (default 0.1). With 0,
     * every player every step: no entity is ever sent beyond leaveRadius.
     * Otherwise an entity may stay up to `interval` past it.
     */
    interval?: number;
}
/** What a player's view is centred on. */
export type Focus = Vector3 | Entity | undefined;
export declare class Interest {
    readonly world: World;
    readonly config: InterestConfig;
    readonly enter: number;
    readonly leave: number;
    readonly cell: number;
    readonly interval: number;
    private readonly read;
    private readonly cells;
    private readonly cellOf;
    readonly positionOf: Map<Entity, Vector3>;
    private readonly focus;
    /** Per connection: positional entities currently in view through interest. */
    private readonly inView;
    private turn;
    private carry;
    /** Entities whose position changed since the last update. */
    private readonly dirty;
    constructor(world: World, config: InterestConfig);
    setFocus(player: Player, focus: Focus): void;
    /** The point a player's view is centred on, or undefined (sees no positional entity). */
    focusOf(player: Player): Vector3 | undefined;
    /** Applies this step's position changes to the grid (before any visibility decision). */
    sync(): void;
    /** Updates the grid for an entity whose position component changed, appeared or went. */
    moved(e: Entity): void;
    forget(e: Entity): void;
    private bypass;
    /** Whether `t` is relevant to `conn` right now (used for new entities between evaluations). */
    relevant(conn: ConnectionState, t: TrackedEntity): boolean;
    private viewOf;
    /**
     * Re-evaluates the players whose turn it is this step; pushes entities
     * entering and leaving their view. `visible` applies the entity's rule.
     */
    update(dt: number, connections: ConnectionState[], visible: (conn: ConnectionState, e: Entity) => boolean): void;
    private evaluate;
}
