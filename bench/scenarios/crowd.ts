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
	// reduced from the arena's 60 + 300 so that both scenarios fit in the 5-minute run (see notes)
	warmupTicks: 10,
	measuredTicks: 30,
	aoi: { radius: 256 },
	timeBoxed: true,
	// the table-sending contenders need minutes per run at this size (and naive cannot keep up at all): the buffers are the comparison
	contenders: ["buffer-full", "buffer-split", "skyrocket"],
	notes: [
		"ticks reduced to 10 warm-up + 30 measured (arena: 60 + 300) so both scenarios fit in 5 minutes: each tick replicates 1,000+ changed entities to 32 clients, in the harness's Luau VM",
		"Skyrocket uses its area of interest (radius 256 of a 2048-stud map, each client following one NPC); the other contenders have none and send every entity to every client",
		"crowd runs after arena with the time left of the budget; its contenders share it, and a run past its share stops early and says so",
	],
};
