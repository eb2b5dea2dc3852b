/** Components of interest management (area of interest, priority, ownership). */
import jecs from "@rbxts/jecs";

/** Server: the player who owns an entity. Owned entities are always relevant to their owner. */
export const Owner = jecs.component<Player>();

/** Server: tag for entities every player receives wherever they are (bypasses area of interest). */
export const AlwaysRelevant = jecs.tag();

/** Server: per-entity priority multiplier for unreliable updates (default 1; higher goes first). */
export const Priority = jecs.component<number>();

/** A player stayed over their bandwidth budget (event entity, one step). */
export interface BudgetWarningData {
	readonly player: Player;
	/** Seconds over budget so far. */
	readonly seconds: number;
	/** Updates waiting this step. */
	readonly deferred: number;
}

/** Server: on budget warning event entities. */
export const BudgetWarning = jecs.component<BudgetWarningData>();
