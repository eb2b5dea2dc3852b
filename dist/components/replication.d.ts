/**
 * Components of replication. Skyrocket declares its components once, as jecs
 * global components, so they exist in every world created after Skyrocket is
 * imported.
 */
import jecs, { Entity } from "@rbxts/jecs";
import type { ReplicatedInfo } from "../src/net/registry";
import type { VisibilityRule } from "../src/replication/visibility";
/** On a component/tag/relation entity: marks it replicated, with its wire info. */
export declare const Networked: jecs.Entity<ReplicatedInfo>;
/** Server: who may see an entity (default: everyone). Set it with `net.setVisibility`. */
export declare const Visibility: jecs.Entity<VisibilityRule>;
/** Client: the server's handle of a replicated entity (the wire id of that entity). */
export declare const ServerHandle: jecs.Entity<number>;
/** Client: tag on every entity that came from the server. */
export declare const FromServer: jecs.Tag;
/** Entities that are Skyrocket's own bookkeeping and never replicate. */
export declare const NetInternal: jecs.Tag;
/** Components Skyrocket defines for replication. */
export declare const replicationComponents: Entity[];
