/**
 * `npm run bench`: runs the benchmark scenarios in the headless harness. Every
 * contender of a scenario runs in the same process and run, each in its own
 * fresh simulation with the same seed, link, game code and wire cost model.
 * Runs in the harness's runner peer (test/harness/node/runBench.ts calls it
 * through Boot.runModule) and returns one summary per scenario, which
 * runBench.ts prints as JSON lines.
 */
import type { HarnessApi } from "../test/harness/Harness";
import { batchedTable } from "./contenders/batchedTable";
import { bufferFull } from "./contenders/bufferFull";
import { naive } from "./contenders/naive";
import { skyrocket } from "./contenders/skyrocket";
import type { Contender } from "./contenders/types";
import { ScenarioSummary, summarize, formatTable } from "./report";
import { ContenderResult, runContender } from "./run";
import { arena } from "./scenarios/arena";
import { crowd } from "./scenarios/crowd";
import type { ScenarioSpec } from "./scenarios/types";

export interface BenchArgs {
	/** Run only this scenario ("arena" or "crowd"); default: all, crowd first, arena last. */
	scenario?: string;
	/** Seed of every simulation and of the game's random walk (default: the harness's seed). */
	seed?: number;
	/** Override the measured ticks (e.g. for a quick run). */
	ticks?: number;
	/** Override the warm-up ticks. */
	warmup?: number;
	/** Comma-separated contender names (default: all). */
	contenders?: string;
	/** Time each Skyrocket net phase (adds marker systems; off for the real numbers). */
	profile?: boolean;
}

export interface BenchOutput {
	ok: boolean;
	seed: number;
	summaries: ScenarioSummary[];
}

export const SCENARIOS: ScenarioSpec[] = [crowd, arena];
export const CONTENDERS: Contender[] = [naive, batchedTable, bufferFull, skyrocket];

export const BYTES_NOTE =
	"Bytes are the harness's wire cost model (test/harness/luau/WireCost.luau: per-call overhead plus per-value sizes), " +
	"counted before any compression Roblox applies to buffers, the same model for every contender.";

export default function bench(harness: HarnessApi, args: BenchArgs): BenchOutput {
	const seed = args.seed ?? harness.seed;
	let scenarios = SCENARIOS;
	if (args.scenario !== undefined) {
		scenarios = SCENARIOS.filter((s) => s.name === args.scenario);
		if (scenarios.size() === 0) error(`unknown scenario "${args.scenario}" (known: ${SCENARIOS.map((s) => s.name).join(", ")})`);
	}
	let contenders = CONTENDERS;
	if (args.contenders !== undefined) {
		const wanted = args.contenders.split(",");
		contenders = CONTENDERS.filter((c) => wanted.includes(c.name));
		if (contenders.size() === 0) error(`no contender matches "${args.contenders}"`);
	}
	print(`Skyrocket benchmark, seed ${seed}: ${scenarios.map((s) => s.name).join(", ")}; contenders ${contenders.map((c) => c.name).join(", ")}`);
	const summaries: ScenarioSummary[] = [];
	let ok = true;
	for (const base of scenarios) {
		const spec: ScenarioSpec = {
			...base,
			measuredTicks: args.ticks ?? base.measuredTicks,
			warmupTicks: args.warmup ?? base.warmupTicks,
		};
		const results: ContenderResult[] = [];
		for (const contender of contenders) {
			const r = runContender(harness, spec, contender, seed, args.profile === true);
			print(`  ${spec.name} / ${r.name}: ${string.format("%.1f", r.realSeconds)} s${r.converged ? "" : " (NOT CONVERGED)"}`);
			if (!r.converged) ok = false;
			results.push(r);
		}
		print("");
		for (const line of formatTable(spec, results, seed)) print(line);
		print("");
		summaries.push(summarize(spec, results));
	}
	print(BYTES_NOTE);
	return { ok, seed, summaries };
}
