/**
 * Runs one contender through one scenario in its own fresh simulation:
 * boot, initial sync, warm-up, measured ticks, settle, convergence check.
 * Every contender gets the same seed, link and game code.
 */
import type { HarnessApi, LinkOptions, Peer } from "../test/harness/Harness";
import { Game } from "./game";
import type { Contender, Timing } from "./contenders/types";
import type { ScenarioSpec } from "./scenarios/types";

/** The link every client has: 50 ms one way, no loss, no bandwidth cap (nothing queues; bytes are still counted). */
export const LINK: LinkOptions = { latency: 0.05, jitter: 0, loss: 0, reorder: 0, bandwidth: 0 };
/** Simulated seconds after the last change before clients are compared with the server. */
export const SETTLE_SECONDS = 1;
/** Simulated seconds the initial sync may take. */
const SYNC_TIMEOUT = 60;

export interface ContenderResult {
	name: string;
	description: string;
	bytesPerClientPerSec: number;
	callsPerClientPerSec: number;
	/** Client-to-server bytes (acks), per client per second. */
	upBytesPerClientPerSec: number;
	serverMsPerTick: number;
	clientMsPerTick: number;
	/** The game's random walk (with the contender's change listeners), ms per tick; not part of serverMsPerTick. */
	gameMsPerTick: number;
	converged: boolean;
	/** Entity x client pairs that disagreed with the server after settling. */
	mismatches: number;
	firstMismatch?: string;
	errors: string[];
	/** Mutation payload per moving entity per client (bytes after the per-call overhead), when measurable. */
	bytesPerMovingEntity?: number;
	/** Simulated seconds the initial sync took. */
	syncSeconds: number;
	/** With --profile: ms per tick per net phase (client phases per client). */
	phaseMs: Map<string, number>;
	/** Real seconds this contender's run took. */
	realSeconds: number;
	/** Where the real seconds went (boot, sync, ticks, settle, check). */
	realPhases: string;
	notes: string[];
}

interface Snapshot {
	bytesOut: number;
	callsOut: number;
	bytesIn: number;
	mutationBytes: number;
	mutationCalls: number;
	timing: Timing;
	moves: number;
	time: number;
}

function peerErrors(peers: Peer[]): string[] {
	const out: string[] = [];
	for (const p of peers) for (const e of p.errors) out.push(`[${p.name}] ${e}`);
	return out;
}

export function runContender(
	harness: HarnessApi,
	spec: ScenarioSpec,
	contender: Contender,
	seed: number,
	profiling = false,
): ContenderResult {
	const started = harness.cpuClock();
	const sim = harness.simulate({ seed, clients: spec.clients, link: LINK, tickRate: spec.tickRate });
	if (sim.clients.size() !== spec.clients) error(`${contender.name}: only ${sim.clients.size()} of ${spec.clients} clients joined`);
	const timing: Timing = { server: 0, client: 0, game: 0 };
	const profile = profiling ? new Map<string, number>() : undefined;
	const inst = contender.create({ harness, sim, spec, timing, profile });
	const theGame = new Game(inst.world, inst.c, spec, seed);

	let serverOn = false;
	let gameOn = false;
	sim.server.game.GetService("RunService").Heartbeat.Connect((dt) => {
		if (!serverOn) return;
		if (gameOn) {
			const g0 = harness.cpuClock();
			theGame.tick(dt);
			timing.game += harness.cpuClock() - g0;
		}
		const t0 = harness.cpuClock();
		inst.serverTick(dt);
		timing.server += harness.cpuClock() - t0;
	});

	theGame.spawn();
	inst.connectClients();
	serverOn = true;
	const syncStart = sim.time;
	const real0 = harness.cpuClock();
	const count = spec.entities;
	if (!sim.runUntil(() => inst.synced(count), SYNC_TIMEOUT)) {
		error(`${contender.name}: clients did not receive all ${count} entities within ${SYNC_TIMEOUT} simulated seconds`);
	}
	const syncSeconds = sim.time - syncStart;
	const real1 = harness.cpuClock();

	const stats = sim.server.stats;
	const snapshot = (): Snapshot => {
		const m = inst.mutationRemote !== undefined ? stats.remotes.get(inst.mutationRemote) : undefined;
		return {
			bytesOut: stats.bytesOut,
			callsOut: stats.callsOut,
			bytesIn: stats.bytesIn,
			mutationBytes: m?.bytesOut ?? 0,
			mutationCalls: m?.callsOut ?? 0,
			timing: { server: timing.server, client: timing.client, game: timing.game },
			moves: theGame.moves,
			time: sim.time,
		};
	};

	gameOn = true;
	sim.step(spec.warmupTicks);
	const a = snapshot();
	profile?.clear();
	sim.step(spec.measuredTicks);
	const b = snapshot();
	const phaseMs = new Map<string, number>();
	if (profile) {
		// server phases per tick; client phases per client per tick
		for (const [k, v] of profile) phaseMs.set(k, (v / spec.measuredTicks / (k.sub(1, 6) === "client" ? spec.clients : 1)) * 1000);
	}
	gameOn = false;
	const real2 = harness.cpuClock();
	sim.run(SETTLE_SECONDS);
	const real3 = harness.cpuClock();

	// convergence: every client holds every entity with the server's (canonical) values
	let mismatches = 0;
	let firstMismatch: string | undefined;
	for (const e of theGame.entities) {
		const expected = inst.expected(e);
		for (let i = 0; i < sim.clients.size(); i++) {
			const why = inst.mismatch(i, e, expected);
			if (why !== undefined) {
				mismatches++;
				if (firstMismatch === undefined) firstMismatch = `${sim.clients[i].name}, entity ${e}: ${why}`;
			}
		}
	}
	const errors = peerErrors([sim.server, ...sim.clients]);
	const real4 = harness.cpuClock();

	const seconds = b.time - a.time;
	const clients = spec.clients;
	const ticks = spec.measuredTicks;
	const mutationCalls = b.mutationCalls - a.mutationCalls;
	const movedPerClient = b.moves - a.moves;
	const result: ContenderResult = {
		name: contender.name,
		description: contender.description,
		bytesPerClientPerSec: (b.bytesOut - a.bytesOut) / clients / seconds,
		callsPerClientPerSec: (b.callsOut - a.callsOut) / clients / seconds,
		upBytesPerClientPerSec: (b.bytesIn - a.bytesIn) / clients / seconds,
		serverMsPerTick: ((b.timing.server - a.timing.server) / ticks) * 1000,
		clientMsPerTick: ((b.timing.client - a.timing.client) / clients / ticks) * 1000,
		gameMsPerTick: ((b.timing.game - a.timing.game) / ticks) * 1000,
		converged: mismatches === 0 && errors.size() === 0,
		mismatches,
		firstMismatch,
		errors,
		bytesPerMovingEntity:
			inst.mutationRemote !== undefined && movedPerClient > 0
				? (b.mutationBytes - a.mutationBytes - mutationCalls * harness.wireCost.CALL_OVERHEAD) / (movedPerClient * clients)
				: undefined,
		syncSeconds,
		phaseMs,
		realSeconds: 0,
		realPhases: string.format(
			"boot %.1f, sync %.1f, ticks %.1f, settle %.1f, check %.1f",
			real0 - started,
			real1 - real0,
			real2 - real1,
			real3 - real2,
			real4 - real3,
		),
		notes: inst.notes,
	};
	sim.destroy();
	result.realSeconds = harness.cpuClock() - started;
	return result;
}
