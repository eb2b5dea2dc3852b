/**
 * Runs one contender through one scenario in its own fresh simulation:
 * boot, initial sync, warm-up, measured ticks, settle, convergence check.
 * Every contender gets the same seed, link and game code.
 *
 * A run may be given a deadline (real seconds on the harness's CPU clock):
 * past it, the run stops where it is (sync, ticks or settle), says so, and
 * still checks convergence, so `npm run bench` keeps to its time budget.
 */
import type { HarnessApi, LinkOptions, Peer } from "@rbxts/skyrocket-test";
import { Game } from "./game";
import { elapsedSince } from "./clock";
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
	/** Part of serverMsPerTick spent inside FireAllClients (hand-written contenders; 0 when not split out). */
	remoteMsPerTick: number;
	/** Ticks actually measured (fewer than the scenario's when the run was cut). */
	measuredTicks: number;
	converged: boolean;
	/** Entity x client pairs that disagreed with the server after settling. */
	mismatches: number;
	firstMismatch?: string;
	errors: string[];
	/** Why the run stopped early (time budget), if it did. */
	cut?: string;
	/** Mutation payload per moving entity per client (bytes after the per-call overhead), when measurable. */
	bytesPerMovingEntity?: number;
	/** The contender's comment on its result (ContenderInstance.explain). */
	explanation?: string;
	/** The contender's own counters over the measured ticks (see ContenderInstance.counters). */
	counters: Map<string, number>;
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
	counters: Map<string, number>;
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
	deadline = math.huge,
): ContenderResult {
	const clock = () => harness.cpuClock();
	const started = clock();
	const sim = harness.simulate({ seed, clients: spec.clients, link: { ...LINK, ...spec.link }, tickRate: spec.tickRate });
	if (sim.clients.size() !== spec.clients) error(`${contender.name}: only ${sim.clients.size()} of ${spec.clients} clients joined`);
	const timing: Timing = { server: 0, client: 0, game: 0, remote: 0 };
	const profile = profiling ? new Map<string, number>() : undefined;
	const inst = contender.create({ harness, sim, spec, timing, profile });
	const theGame = new Game(inst.world, inst.c, spec, seed);

	let serverOn = false;
	let gameOn = false;
	sim.server.game.GetService("RunService").Heartbeat.Connect((dt) => {
		if (!serverOn) return;
		if (gameOn) {
			const g0 = clock();
			theGame.tick(dt);
			timing.game += elapsedSince(harness, g0);
		}
		const t0 = clock();
		inst.serverTick(dt);
		timing.server += elapsedSince(harness, t0);
	});

	theGame.spawn();
	inst.connectClients();
	serverOn = true;
	const syncStart = sim.time;
	const real0 = clock();
	const count = spec.entities;
	let cut: string | undefined;
	const synced = sim.runUntil(() => inst.synced(count) || clock() > deadline, SYNC_TIMEOUT) && inst.synced(count);
	if (!synced) {
		if (clock() > deadline) cut = "time budget ran out during the initial sync";
		else error(`${contender.name}: clients did not receive all ${count} entities within ${SYNC_TIMEOUT} simulated seconds`);
	}
	const syncSeconds = sim.time - syncStart;
	const real1 = clock();

	const stats = sim.server.stats;
	const snapshot = (): Snapshot => {
		const m = inst.mutationRemote !== undefined ? stats.remotes.get(inst.mutationRemote) : undefined;
		return {
			bytesOut: stats.bytesOut,
			callsOut: stats.callsOut,
			bytesIn: stats.bytesIn,
			mutationBytes: m?.bytesOut ?? 0,
			mutationCalls: m?.callsOut ?? 0,
			timing: { server: timing.server, client: timing.client, game: timing.game, remote: timing.remote },
			moves: theGame.moves,
			time: sim.time,
			counters: inst.counters?.() ?? new Map(),
		};
	};
	/** Steps up to `ticks` frames; returns how many ran before the deadline. */
	const stepFor = (ticks: number) => {
		for (let i = 0; i < ticks; i++) {
			if (clock() > deadline) return i;
			sim.step(1);
		}
		return ticks;
	};

	gameOn = cut === undefined;
	if (cut === undefined && stepFor(spec.warmupTicks) < spec.warmupTicks) cut = "time budget ran out during the warm-up";
	const a = snapshot();
	profile?.clear();
	let measured = 0;
	if (cut === undefined) {
		measured = stepFor(spec.measuredTicks);
		if (measured < spec.measuredTicks) cut = `time budget ran out after ${measured} of ${spec.measuredTicks} measured ticks`;
	}
	const b = snapshot();
	// phases of the measured ticks only (settling below runs the net too)
	const profiled = profile ? table.clone(profile) : undefined;
	gameOn = false;
	const real2 = clock();
	const settleTicks = math.round(SETTLE_SECONDS * spec.tickRate);
	const settled = stepFor(settleTicks);
	if (settled < settleTicks && cut === undefined)
		cut = `time budget ran out ${string.format("%.2f", settled / spec.tickRate)} s into settling`;
	const real3 = clock();

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
	const real4 = clock();

	const per = (x: number, ticks: number) => (ticks > 0 ? x / ticks : 0);
	const seconds = b.time - a.time;
	const perSecond = (x: number) => (seconds > 0 ? x / spec.clients / seconds : 0);
	const mutationCalls = b.mutationCalls - a.mutationCalls;
	const moved = b.moves - a.moves;
	const counters = new Map<string, number>();
	// "now:" counters are states at the end of the window, the others totals over it
	for (const [k, v] of b.counters) counters.set(k, k.sub(1, 4) === "now:" ? v : v - (a.counters.get(k) ?? 0));
	const phaseMs = new Map<string, number>();
	if (profiled) {
		// server phases per tick; client phases per client per tick
		for (const [k, v] of profiled) phaseMs.set(k, (per(v, measured) * 1000) / (k.sub(1, 6) === "client" ? spec.clients : 1));
	}
	const result: ContenderResult = {
		name: contender.name,
		description: contender.description,
		bytesPerClientPerSec: perSecond(b.bytesOut - a.bytesOut),
		callsPerClientPerSec: perSecond(b.callsOut - a.callsOut),
		upBytesPerClientPerSec: perSecond(b.bytesIn - a.bytesIn),
		serverMsPerTick: per(b.timing.server - a.timing.server, measured) * 1000,
		clientMsPerTick: (per(b.timing.client - a.timing.client, measured) / spec.clients) * 1000,
		gameMsPerTick: per(b.timing.game - a.timing.game, measured) * 1000,
		remoteMsPerTick: per(b.timing.remote - a.timing.remote, measured) * 1000,
		measuredTicks: measured,
		converged: mismatches === 0 && errors.size() === 0 && measured > 0,
		mismatches,
		firstMismatch,
		errors,
		cut,
		bytesPerMovingEntity:
			inst.mutationRemote !== undefined && moved > 0
				? (b.mutationBytes - a.mutationBytes - mutationCalls * harness.wireCost.CALL_OVERHEAD) / (moved * spec.clients)
				: undefined,
		counters,
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
	result.explanation = inst.explain?.(counters, result.bytesPerClientPerSec);
	sim.destroy();
	result.realSeconds = clock() - started;
	return result;
}
