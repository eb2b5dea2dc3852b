/**
 * `npm run bench`: runs the benchmark scenarios in the headless harness. Every
 * contender of a scenario runs in the same process and run, each in its own
 * fresh simulation with the same seed, link, game code and wire cost model.
 * Runs in the harness's runner peer (scripts/runBench.ts calls it
 * through Boot.runModule) and returns one summary per scenario, which
 * runBench.ts prints as JSON lines.
 */
import type { HarnessApi } from "@rbxts/skyrocket-test";
import { batchedTable } from "./contenders/batchedTable";
import { bufferFull } from "./contenders/bufferFull";
import { bufferSplit } from "./contenders/bufferSplit";
import { naive } from "./contenders/naive";
import { skyrocket, skyrocketAoi, skyrocketAttacked, skyrocketCalm, skyrocketNoAoi, skyrocketNoBudget } from "./contenders/skyrocket";
import type { Contender } from "./contenders/types";
import { ScenarioSummary, summarize, formatTable } from "./report";
import { ContenderResult, runContender } from "./run";
import { arena } from "./scenarios/arena";
import { crowd } from "./scenarios/crowd";
import { aoi } from "./scenarios/aoi";
import { arena64, arenaLossy } from "./scenarios/arenaVariants";
import { attack } from "./scenarios/attack";
import type { ScenarioSpec } from "./scenarios/types";

export interface BenchArgs {
	/** Run only this scenario ("arena" or "crowd"); default: both (arena runs first; its JSON line is printed last). */
	scenario?: string;
	/** Seed of every simulation and of the game's random walk (default: the harness's seed). */
	seed?: number;
	/** Override the measured ticks (e.g. for a quick run). */
	ticks?: number;
	/** Override the warm-up ticks. */
	warmup?: number;
	/** Override the number of clients (to see how cost grows with clients). */
	clients?: number;
	/** Override the number of entities (to see how cost grows with entities). */
	entities?: number;
	/** Comma-separated contender names (default: all). */
	contenders?: string;
	/** Time each Skyrocket net phase (adds marker systems; off for the real numbers). */
	profile?: boolean;
	/**
	 * Real seconds the whole bench may take (default DEFAULT_TIME_BUDGET; 0 = no limit).
	 * Scenarios run arena first (in full); crowd (time-boxed) gets what is
	 * left, shared among its contenders; a run past its share stops early and
	 * says so.
	 */
	timeBudget?: number;
	/**
	 * Rounds per scenario (default 1): every contender runs once per round,
	 * rounds one after another, and each row shows the contender's median round
	 * by server CPU (so slow and fast moments of a shared machine fall on all
	 * contenders alike). Bytes do not change between rounds.
	 */
	repeat?: number;
}

/** Keeps `npm run bench` (build included) around 10 minutes on a 2-core machine. */
export const DEFAULT_TIME_BUDGET = 600;
/** Crowd is skipped when less than this is left of the budget. */
const MIN_SCENARIO_SECONDS = 30;

export interface BenchOutput {
	/** Whether every row converged (rows that did not are invalid, and marked so). */
	ok: boolean;
	seed: number;
	summaries: ScenarioSummary[];
}

/** Run order: arena (the headline, always run in full when asked for) first, then crowd with the time left. */
export const SCENARIOS: ScenarioSpec[] = [arena, arenaLossy, arena64, crowd, aoi, attack];
/** The default contenders, in table order. */
export const CONTENDERS: Contender[] = [naive, batchedTable, bufferFull, bufferSplit, skyrocket];
/** Every contender --contenders can name (skyrocket-nobudget only runs when named). */
export const ALL_CONTENDERS: Contender[] = [
	...CONTENDERS,
	skyrocketNoBudget,
	skyrocketAoi,
	skyrocketNoAoi,
	skyrocketCalm,
	skyrocketAttacked,
];
/** Rough relative cost of a contender's run in this harness, cheapest first (order of runs that share a time budget). */
const COST: Record<string, number> = {
	"buffer-full": 1,
	"buffer-split": 1,
	"batched-table": 2,
	naive: 3,
	"skyrocket-nobudget": 4,
	skyrocket: 5,
	"skyrocket-aoi": 4,
	"skyrocket-noaoi": 5,
	"skyrocket-calm": 5,
	"skyrocket-attacked": 6,
};
const cost = (c: Contender) => COST[c.name] ?? 5;

export const BYTES_NOTE =
	"Bytes are the harness's wire cost model (harness/luau/WireCost.luau: per-call overhead plus per-value sizes), " +
	"counted before any compression Roblox applies to buffers, the same model for every contender.";

/** The round with the median server CPU (the lower middle one of an even count). */
function medianRound(runs: ContenderResult[]): ContenderResult {
	const sorted = [...runs].sort((a, b) => a.serverMsPerTick < b.serverMsPerTick);
	return sorted[math.floor((sorted.size() - 1) / 2)];
}

export default function bench(harness: HarnessApi, args: BenchArgs): BenchOutput {
	const seed = args.seed ?? harness.seed;
	let scenarios = SCENARIOS.filter((s) => s.onDemand !== true);
	if (args.scenario !== undefined) {
		scenarios = SCENARIOS.filter((s) => s.name === args.scenario);
		if (scenarios.size() === 0) error(`unknown scenario "${args.scenario}" (known: ${SCENARIOS.map((s) => s.name).join(", ")})`);
	}
	let contenders = CONTENDERS;
	if (args.contenders !== undefined) {
		const wanted = args.contenders.split(",");
		contenders = ALL_CONTENDERS.filter((c) => wanted.includes(c.name));
		if (contenders.size() === 0) error(`no contender matches "${args.contenders}"`);
	}
	const clock = () => harness.cpuClock();
	const started = clock();
	const budget = args.timeBudget ?? DEFAULT_TIME_BUDGET;
	const deadline = budget > 0 ? started + budget : math.huge;
	print(
		`Skyrocket benchmark, seed ${seed}: ${scenarios.map((s) => s.name).join(", ")}; contenders ${contenders.map((c) => c.name).join(", ")}; ` +
			(budget > 0 ? `time budget ${budget} s` : "no time budget"),
	);
	const summaries: ScenarioSummary[] = [];
	let ok = true;
	scenarios.forEach((base, index) => {
		const spec: ScenarioSpec = {
			...base,
			measuredTicks: args.ticks ?? base.measuredTicks,
			warmupTicks: args.warmup ?? base.warmupTicks,
			clients: args.clients ?? base.clients,
			entities: args.entities ?? base.entities,
		};
		const left = deadline - clock();
		if (index > 0 && left < MIN_SCENARIO_SECONDS) {
			print(`scenario "${spec.name}" skipped: ${string.format("%.0f", left)} s left of the ${budget} s time budget`);
			print("");
			return;
		}
		// a time-boxed scenario shares what is left among its contenders, cheapest first, so time a
		// contender does not use goes to the next; another may use all that is left
		const shared = spec.timeBoxed === true && budget > 0;
		const own = args.contenders === undefined && spec.contenders !== undefined;
		const runners = own ? ALL_CONTENDERS.filter((c) => spec.contenders!.includes(c.name)) : contenders;
		const order = shared ? [...runners].sort((x, y) => cost(x) < cost(y)) : runners;
		const rounds = math.max(1, math.floor(args.repeat ?? 1));
		const byName = new Map<string, ContenderResult[]>();
		for (let round = 0; round < rounds; round++) {
			order.forEach((contender, i) => {
				const left = order.size() - i + (rounds - round - 1) * order.size();
				const share = shared ? (deadline - clock()) / left : math.huge;
				const r = runContender(harness, spec, contender, seed, args.profile === true, shared ? clock() + share : deadline);
				print(
					`  ${spec.name} / ${r.name}${rounds > 1 ? ` (round ${round + 1})` : ""}: ${string.format("%.1f", r.realSeconds)} s` +
						(r.cut !== undefined ? ` (cut short: ${r.cut})` : "") +
						(r.converged ? "" : " (NOT CONVERGED)"),
				);
				if (!r.converged) ok = false;
				const list = byName.get(r.name) ?? [];
				list.push(r);
				byName.set(r.name, list);
			});
		}
		const results = runners.map((c) => medianRound(byName.get(c.name)!));
		if (rounds > 1) print(`  ${rounds} rounds: each row is the contender's median round by server CPU`);
		print("");
		for (const line of formatTable(spec, results, seed)) print(line);
		print("");
		summaries.push(summarize(spec, results));
	});
	print(`bench: ${string.format("%.1f", clock() - started)} s in the harness`);
	print(BYTES_NOTE);
	return { ok, seed, summaries };
}
