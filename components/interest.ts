/** Components of interest management (area of interest, priority, ownership). */
import jecs from "@rbxts/jecs";

/** Server: the player who owns an entity. Owned entities are always relevant to their owner. */
export const Owner = jecs.component<Player>();

/** Server: tag for entities every player receives wherever they are (bypasses area of interest). */
export const AlwaysRelevant = jecs.tag();

/** Server: per-entity priority multiplier for unreliable updates (default 1; higher goes first). */
export const Priority = jecs.component<number>();
