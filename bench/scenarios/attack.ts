/**
 * "attack" (on demand: --scenario attack): the arena with one more client,
 * hostile, that never acknowledges and floods Skyrocket's reliable remote at
 * the firewall's default maximum (65,536 B/s as four 16 KiB packets of
 * ~2,300 small events each, all far over the event's rate limit), against the
 * same arena where that client is silent (skyrocket-calm), and the plain
 * arena (skyrocket). The figure is server CPU attacked / calm (target <= 1.3):
 * refusing must cost little next to the work of serving 16 honest players.
 */
import { arena } from "./arena";
import type { ScenarioSpec } from "./types";

export const attack: ScenarioSpec = {
	...arena,
	name: "attack",
	description: "the arena (1,000 entities, 16 clients) plus one hostile client flooding events at the firewall's maximum",
	contenders: ["skyrocket", "skyrocket-calm", "skyrocket-attacked"],
	onDemand: true,
	notes: [
		"skyrocket-attacked: bytes per client include what the server sends the hostile client (it said hello, so it is replicated to)",
		"skyrocket-calm and -attacked: the extra client never acknowledges, so it has a replication group of its own and FireAllClients no longer serves everyone (per-player sends)",
		"ratio serverCpuAttackedVsCalm = server ms/tick attacked / calm (target <= 1.3)",
	],
};
