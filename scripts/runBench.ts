// `npm run bench`: runs the benchmark (bench/index.ts, compiled to
// ReplicatedStorage.Bench) in the headless harness. The bench prints a table
// per scenario; this prints one JSON line per scenario last (arena last when
// both run). Exits 0 when the bench ran (a contender whose clients did not
// converge is marked invalid in its table and "converged": false in the
// JSON), 1 when it could not run.
// Flags: --scenario <arena|arena-lossy|arena-64|crowd|aoi> (aoi only runs when named), --seed <n>, --ticks <n>, --warmup <n>,
// --contenders <a,b,...>, --clients <n>, --entities <n> (scale a scenario), --profile (time Skyrocket's net phases),
// --time-budget <seconds> (default 600; 0 = no limit), --repeat <n> (rounds per scenario, median round shown). --ops: instead, what single operations of the
// replication pipeline cost in the harness's Luau VM (bench/ops.ts).
import { startHarness } from "@rbxts/skyrocket-test/node";

const BENCH_MODULE = "ReplicatedStorage/Bench";
const OPS_MODULE = "ReplicatedStorage/Bench/ops";
const CONTENDER_KEYS = ["bytesPerClientPerSec", "callsPerClientPerSec", "serverMsPerTick", "clientMsPerTick", "converged"] as const;
const RATIO_KEYS = [
	"bytesVsNaive",
	"bytesVsBufferFull",
	"serverCpuVsBufferFull",
	"serverCpuVsBufferSplit",
	"serverCpuVsCheaperBuffer",
	"clientCpuVsBufferFull",
	"bytesPerMovingEntity",
	"serverCpuAttackedVsCalm",
] as const;

interface Summary {
	scenario: string;
	ticks: number;
	clients: number;
	order: string[];
	contenders: Record<string, Record<string, unknown>>;
	ratios: Record<string, number | undefined>;
}

interface Output {
	ok?: boolean;
	seed?: number;
	summaries?: Summary[];
}

function flag(name: string): string | undefined {
	const i = process.argv.indexOf(name);
	return i >= 0 ? process.argv[i + 1] : undefined;
}

function numberFlag(name: string): number | undefined {
	const v = flag(name);
	if (v === undefined) return undefined;
	const n = Number(v);
	if (!Number.isFinite(n)) throw new Error(`${name} expects a number, got ${v}`);
	return n;
}

/** Rebuilds a summary with the key order (Luau tables have none). */
function ordered(s: Summary) {
	const contenders: Record<string, Record<string, unknown>> = {};
	const order = Array.isArray(s.order) ? s.order : Object.keys(s.contenders);
	for (const name of order) {
		const c = s.contenders[name];
		const row: Record<string, unknown> = {};
		for (const k of CONTENDER_KEYS) row[k] = c[k] ?? null;
		contenders[name] = row;
	}
	const ratios: Record<string, number | null> = {};
	for (const k of RATIO_KEYS) ratios[k] = s.ratios?.[k] ?? null;
	return { scenario: s.scenario, ticks: s.ticks, clients: s.clients, contenders, ratios };
}

async function main() {
	const started = Date.now();
	const seed = numberFlag("--seed") ?? 1;
	// the bench prints from the harness's runner peer: drop the "[Runner] " prefix
	const harness = await startHarness({
		projectDir: process.cwd(),
		seed,
		onOutput: (kind, line) => {
			const text = line.startsWith("[Runner] ") ? line.slice("[Runner] ".length) : line;
			if (kind === "print") console.log(text);
			else console.error(text);
		},
	});
	if (process.argv.includes("--ops")) {
		console.log(`What single operations cost in the harness's Luau VM (process CPU time, seed ${seed}):`);
		const text = (await harness.call("runModule", OPS_MODULE, "{}")) as string;
		console.log(text.startsWith('"') ? (JSON.parse(text) as string) : text);
		process.exit(0);
	}
	const args = {
		scenario: flag("--scenario"),
		seed,
		ticks: numberFlag("--ticks"),
		warmup: numberFlag("--warmup"),
		clients: numberFlag("--clients"),
		entities: numberFlag("--entities"),
		contenders: flag("--contenders"),
		profile: process.argv.includes("--profile"),
		timeBudget: numberFlag("--time-budget"),
		repeat: numberFlag("--repeat"),
	};
	const raw = (await harness.call("runModule", BENCH_MODULE, JSON.stringify(args))) as string;
	const out = JSON.parse(raw) as Output;
	const summaries = Array.isArray(out.summaries) ? out.summaries : [];
	console.log(`\nseed ${seed}, ${((Date.now() - started) / 1000).toFixed(1)} s real time`);
	// arena last: the last line on stdout is arena's JSON when it ran
	summaries.sort((a, b) => (a.scenario === "arena" ? 1 : 0) - (b.scenario === "arena" ? 1 : 0));
	for (const s of summaries) console.log(JSON.stringify(ordered(s)));
	process.exit(summaries.length > 0 ? 0 : 1);
}

main().catch((err) => {
	console.error(err);
	process.exit(1);
});
