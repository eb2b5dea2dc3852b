/**
 * "aoi" (on demand: --scenario aoi): Skyrocket with its area of interest on
 * and off, the same run: 5,000 entities and 64 players on a 256 x 256-stud
 * map, interest radius 100 (leave radius 115), each player following one NPC.
 * Both without the bandwidth budget, so bytes show what each sends.
 */
import type { ScenarioSpec } from "./types";

export const aoi: ScenarioSpec = {
	name: "aoi",
	description:
		"5,000 entities (Transform + Health + State), 10% moving per tick, 64 players on a 256 x 256-stud map, interest radius 100",
	entities: 5000,
	clients: 64,
	mapSize: 256,
	moveFraction: 0.1,
	healthFraction: 0.01,
	stateFraction: 0.005,
	tickRate: 60,
	warmupTicks: 20,
	measuredTicks: 60,
	aoi: { radius: 100 },
	contenders: ["skyrocket-aoi", "skyrocket-noaoi"],
	onDemand: true,
	notes: [
		"10% of the entities move each tick (as in arena); both variants run without the bandwidth budget so their bytes are what they would send",
		"with a radius of 100 on a 256-stud map a player sees up to about half the map, so AOI at most halves the traffic here",
	],
};
