/** What a benchmark scenario is: how many entities and clients, how much changes, for how long. */
import type { LinkOptions } from "@rbxts/skyrocket-test";

/** Area-of-interest settings, passed to contenders that support AOI (Skyrocket). */
export interface AoiSpec {
	/** Enter radius in studs around each client's focus (an entity it follows); leave radius 15% more. */
	radius: number;
}

export interface ScenarioSpec {
	readonly name: string;
	/** One line shown above the scenario's table. */
	readonly description: string;
	/** Replicated entities (each with Transform, Health and State). */
	readonly entities: number;
	/** Connected clients. */
	readonly clients: number;
	/** Side of the square map in studs (entities walk inside it). */
	readonly mapSize: number;
	/** Fraction of entities that move each tick (a fresh random subset every tick). */
	readonly moveFraction: number;
	/** Fraction of entities whose Health changes each tick. */
	readonly healthFraction: number;
	/** Fraction of entities whose State changes each tick. */
	readonly stateFraction: number;
	/** Server and client tick rate (Hz). */
	readonly tickRate: number;
	/** Ticks run after the initial sync and before measuring. */
	readonly warmupTicks: number;
	/** Ticks measured. */
	readonly measuredTicks: number;
	/** Link conditions that differ from the bench's link (bench/run.ts LINK). */
	readonly link?: Partial<LinkOptions>;
	/** Area of interest, for contenders that have one; undefined = everyone sees everything. */
	readonly aoi?: AoiSpec;
	/**
	 * Whether the scenario's contenders share what is left of the bench's time
	 * budget (cheapest first; a run past its share stops early and says so).
	 * Otherwise each contender may use all that is left.
	 */
	readonly timeBoxed?: boolean;
	/** Why anything differs from the figures (printed with the table). */
	readonly notes?: string[];
	/** Contenders of this scenario when --contenders is not given (default: the standard four). */
	readonly contenders?: string[];
	/** Run only when asked for with --scenario (not part of the default run). */
	readonly onDemand?: boolean;
}
