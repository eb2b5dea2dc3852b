/**
 * Arena variants, to see how Skyrocket's cost moves where its design is
 * tested hardest, against the two buffer contenders only:
 * - "arena-lossy": the arena over a link with 10% loss and 60 ms of jitter on
 *   unreliable traffic, so clients miss packets, split from their replication
 *   group and merge back (the other contenders use the reliable RemoteEvent,
 *   which the loss does not touch);
 * - "arena-64": the arena with 64 clients (cost per client).
 */
import { arena } from "./arena";
import type { ScenarioSpec } from "./types";

const BUFFER_VS_SKYROCKET = ["buffer-full", "buffer-split", "skyrocket"];

export const arenaLossy: ScenarioSpec = {
	...arena,
	name: "arena-lossy",
	description: "the arena over a lossy link: 10% loss and 60 ms jitter on unreliable traffic, 16 clients",
	link: { loss: 0.1, jitter: 0.06 },
	contenders: BUFFER_VS_SKYROCKET,
	measuredTicks: 240,
};

export const arena64: ScenarioSpec = {
	...arena,
	name: "arena-64",
	description: "the arena with 64 clients",
	clients: 64,
	contenders: BUFFER_VS_SKYROCKET,
	measuredTicks: 180,
	timeBoxed: true,
};
