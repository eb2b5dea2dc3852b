/**
 * "arena": 1,000 replicated entities (Transform, Health, State), 10% moving and
 * 1% changing health per tick, 16 clients, 60 Hz, 300 measured ticks.
 */
import type { ScenarioSpec } from "./types";

export const arena: ScenarioSpec = {
	name: "arena",
	description: "1,000 entities (Transform + Health + State), 10% moving, 1% health and 0.5% state changes per tick, 16 clients",
	entities: 1000,
	clients: 16,
	mapSize: 512,
	moveFraction: 0.1,
	healthFraction: 0.01,
	stateFraction: 0.005,
	tickRate: 60,
	warmupTicks: 60,
	measuredTicks: 300,
	// skyrocket-nobudget gives the bytes of one move (with the budget binding, moves wait)
	contenders: ["naive", "batched-table", "buffer-full", "buffer-split", "skyrocket", "skyrocket-nobudget"],
};
