// The harness's Node API (`@rbxts/skyrocket-test/node`): runs a compiled
// roblox-ts/Rojo project's TestEZ specs in the headless Roblox harness and
// returns what passed and failed. The `skyrocket-test` CLI (cli.ts) and
// Skyrocket's own `npm test` (scripts/runTests.ts) are built on it.
import * as path from "node:path";
import { startHarness } from "./luauHost.js";
import { chunkSources, describeFile, mapMessage } from "./sources.js";

import type { LinkOptions } from "../src/LinkOptions.js";

export { startHarness } from "./luauHost.js";
export { readRecording, formatTimeline, RECORDING_FORMAT } from "./recording.js";
export type { RecordingSummary, StepSummary, RecordedPlayerInfo, TimelineOptions } from "./recording.js";
export { runReplayCommand } from "./replayCommand.js";
export type { ReplayModuleResult } from "./replayCommand.js";
export type { Harness, HostOptions } from "./luauHost.js";
export type { LinkOptions };

export interface RunSpecsOptions {
	/** The project folder (its Rojo project file, compiled out/, node_modules). Default: the current directory. */
	projectDir?: string;
	/** Rojo project file, relative to projectDir. Default: default.project.json. */
	projectFile?: string;
	/** Instances whose descendant `*.spec` ModuleScripts run, as "Service/Child/...". Default: ["ServerScriptService"]. */
	roots?: string[];
	/** Only run tests whose full name (its spec path, describes and name, joined by spaces) matches this Lua pattern. */
	filter?: string;
	/** Base seed: the same seed gives the same run. Default: 1. */
	seed?: number;
	/** Clients that `Harness.simulate()` joins when a spec does not say. */
	clients?: number;
	/** Link conditions that `Harness.simulate()` uses for what a spec's own `link` leaves out. */
	link?: LinkOptions;
	/** Echo everything the peers print. */
	verbose?: boolean;
	/** Receives the peers' output lines (default: console). */
	onOutput?: (kind: string, line: string) => void;
	/** Where the patched luau-web copy is kept (see HostOptions.cacheDir). */
	cacheDir?: string;
}

export interface SpecFailure {
	/** The spec file and test names, e.g. "game > clients see every score". */
	path: string;
	/** What failed; traceback lines name .ts files where the compiled file maps to one (see sources.ts). */
	message: string;
	/** The spec file: its .ts source (and the compiled file) when known. */
	file?: string;
}

export interface SpecSummary {
	passed: number;
	failed: number;
	skipped: number;
	/** Spec modules found under the roots. */
	specFiles: number;
	failures: SpecFailure[];
	/** Roots that do not exist in the place. */
	missingRoots: string[];
	seed: number;
	/** Real seconds the run took (harness start included). */
	seconds: number;
	/** No failure and at least one test ran. */
	ok: boolean;
}

export const DEFAULT_ROOTS = ["ServerScriptService"];

/** Runs the project's specs in the headless harness. The project must be compiled (rbxtsc) first. */
export async function runSpecs(options: RunSpecsOptions = {}): Promise<SpecSummary> {
	const started = Date.now();
	const seed = options.seed ?? 1;
	const projectDir = path.resolve(options.projectDir ?? process.cwd());
	const harness = await startHarness({
		projectDir,
		projectFile: options.projectFile,
		seed,
		onOutput: options.onOutput,
		cacheDir: options.cacheDir,
	});
	const simulate: Record<string, unknown> = {};
	if (options.clients !== undefined) simulate.clients = options.clients;
	if (options.link !== undefined && Object.keys(options.link).length > 0) simulate.link = options.link;
	const request = {
		roots: options.roots ?? DEFAULT_ROOTS,
		filter: options.filter,
		verbose: options.verbose === true,
		simulate,
	};
	const raw = (await harness.call("runTests", JSON.stringify(request))) as string;
	const result = JSON.parse(raw) as Partial<SpecSummary>;
	const sources = chunkSources(projectDir, harness.tree);
	const summary: SpecSummary = {
		passed: result.passed ?? 0,
		failed: result.failed ?? 0,
		skipped: result.skipped ?? 0,
		specFiles: result.specFiles ?? 0,
		failures: Array.isArray(result.failures)
			? result.failures.map((f) => ({ ...f, message: mapMessage(f.message, sources), file: describeFile(f.file, projectDir) }))
			: [],
		missingRoots: Array.isArray(result.missingRoots) ? result.missingRoots : [],
		seed,
		seconds: (Date.now() - started) / 1000,
		ok: false,
	};
	summary.ok = summary.failed === 0 && summary.passed + summary.failed > 0;
	return summary;
}

/** The report printed by the runners: each failure, then the counts on the last line. */
export function formatSummary(summary: SpecSummary): string {
	const lines: string[] = [];
	for (const f of summary.failures) lines.push("", `FAIL ${f.path}`, ...(f.file !== undefined ? [`in ${f.file}`] : []), f.message);
	for (const root of summary.missingRoots) lines.push("", `warning: spec root ${root} is not in the place`);
	if (summary.specFiles === 0) {
		lines.push("", "no *.spec module found: compile first (rbxtsc), and check --root and the Rojo project file");
	}
	lines.push("", `seed ${summary.seed}, ${summary.specFiles} spec files, ${summary.seconds.toFixed(1)} s`);
	lines.push(`${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped`);
	return lines.join("\n");
}
