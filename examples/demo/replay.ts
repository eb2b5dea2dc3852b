/**
 * Replays a recording of the demo's server (`npm start -- --record <file>`)
 * with the demo's own server game: what `npx skyrocket-test replay <file>`
 * runs (the recording names this module). A module for the harness's
 * runner: `(harness, { file, until })` returns the replay's report.
 *
 * `damage` replays with a changed game (10 by default, as recorded): the
 * report then names the first step and NPC whose Health differs.
 */
import type { HarnessApi } from "@rbxts/skyrocket-test";
import * as Jecs from "@rbxts/jecs";
import * as Sky from "../../src";
import type { ReplayReport, ServerNet } from "../../src";
import { declare, serverGame } from "./game";

export interface ReplayDemoArgs {
	/** The recording, relative to the project folder. */
	file: string;
	/** Stop after this step (and list the state there). */
	until?: number;
	/** Damage per shot in the replayed game (the demo records with 10). */
	damage?: number;
}

export default function replayDemo(harness: HarnessApi, args: ReplayDemoArgs): ReplayReport {
	const recording = Sky.loadRecording(harness.readFile(args.file));
	const [npcs, moveUntil] = recording.meta.split(" ").map((x) => tonumber(x) ?? 0);
	const players: Player[] = [];
	const report = Sky.replay(recording, {
		until: args.until,
		players: (p) => {
			const player = harness.player(p.name, p.userId);
			players.push(player);
			return player;
		},
		systems: (net) => {
			const g = declare(Sky, Jecs, net.world, net as ServerNet);
			return serverGame(g, npcs, moveUntil, () => net.time(), args.damage ?? 10).system;
		},
	});
	for (const player of players) player.Destroy();
	return report;
}
