/**
 * "crowd": 10,000 replicated entities, 32 clients, with an area of interest
 * where a contender has one (Skyrocket: each client follows one NPC and
 * receives what is within 256 studs of it; the others send everything).
 */
import type { ScenarioSpec } from "./types";

export const crowd: ScenarioSpec = {
	name: "crowd",
	description: "10,000 entities (Transform + Health + State), 10% moving, 1% health and 0.5% state changes per tick, 32 clients",
	entities: 10000,
	clients: 32,
	mapSize: 2048,
	moveFraction: 0.1,
	healthFraction: 0.01,
	stateFraction: 0.005,
	tickRate: 60,
	// half a second of warm-up: each client's initial view (~500 entities) is synced
	// before measuring (a 40 KB/s budget spreads it over ~8 ticks; 10 ticks measured that catch-up)
	warmupTicks: 30,
	measuredTicks: 30,
	aoi: { radius: 256 },
	timeBoxed: true,
	// the table-sending contenders need minutes per run at this size (and naive cannot keep up at all): the buffers are the comparison
	contenders: ["buffer-full", "buffer-split", "skyrocket"],
	notes: [
		"30 warm-up ticks (each client's initial view is synced before measuring; arena: 60) and 30 measured (arena: 300) so the run stays short: each tick replicates 1,000+ changed entities to 32 clients, in the harness's Luau VM",
		"Skyrocket uses its area of interest (radius 256 of a 2048-stud map, each client following one NPC); the other contenders have none and send every entity to every client",
		"crowd runs after arena with the time left of the budget; its contenders share it, and a run past its share stops early and says so",
	],
};
