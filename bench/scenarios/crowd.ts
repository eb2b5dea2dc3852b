/**
 * "crowd": 10,000 replicated entities, 32 clients, with an area of interest
 * where a contender has one (Skyrocket has none yet, so for now every client
 * receives every entity; set `aoi` here once it exists).
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
	warmupTicks: 60,
	measuredTicks: 300,
	// Skyrocket has no area of interest yet; when it has, e.g. aoi: { radius: 256 }
	aoi: undefined,
};
