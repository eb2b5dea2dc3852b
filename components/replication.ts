/**
 * Components of replication. Skyrocket declares its components once, as jecs
 * global components, so they exist in every world created after Skyrocket is
 * imported.
 */
import jecs, { Entity } from "@rbxts/jecs";
import type { ReplicatedInfo } from "../src/net/registry";
import type { VisibilityRule } from "../src/replication/visibility";

/** On a component/tag/relation entity: marks it replicated, with its wire info. */
export const Networked = jecs.component<ReplicatedInfo>();

/** Server: who may see an entity (default: everyone). Set it with `net.setVisibility`. */
export const Visibility = jecs.component<VisibilityRule>();

/** Client: the server's handle of a replicated entity (the wire id of that entity). */
export const ServerHandle = jecs.component<number>();

/** Client: tag on every entity that came from the server. */
export const FromServer = jecs.tag();

/** Entities that are Skyrocket's own bookkeeping and never replicate. */
export const NetInternal = jecs.tag();

/** Components Skyrocket defines for replication. */
export const replicationComponents: Entity[] = [Networked, Visibility, ServerHandle];
