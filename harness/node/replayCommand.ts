// `skyrocket-test replay <file>`: prints a Skyrocket recording's timeline
// (steps, bytes, events per player, drops, state changes) and, with a replay
// module (the recording's `setup`, or --with), replays it in the harness and
// prints the first divergence. Exit code: 0 when it replays to the same
// state (or only the timeline was asked), 1 on a divergence or an error,
// 2 on a usage error.
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { startHarness } from "./luauHost.js";
import { formatTimeline, readRecording } from "./recording.js";

export const REPLAY_USAGE = `Usage: skyrocket-test replay <file> [options]

Prints a Skyrocket recording (record(net) in @rbxts/skyrocket, saved with
Harness.writeFile or recorder.save()): its players, registrations and a
timeline per second of steps, bytes and packets in and out, events accepted
per player, drops and replicated state changes. Then, when the recording
names a replay module (record's \`setup\`) or --with gives one, replays it in
the headless harness (compile the project first) and prints the first step
whose replicated state differs, with its entities and components.

Options:
  --until <step>        stop at this step: the timeline ends there, the step is
                        listed in detail, and the replay lists its state there
  --steps               one timeline row per step instead of per second
  --with <module>       the replay module, as Service/Child/... in the project's
                        place: its function(harness, { file, until }) returns
                        Skyrocket's replay report ({ lines, diverged, error })
  --no-replay           print the timeline only
  --project, -p <file>  Rojo project file (default: default.project.json)
  --dir <folder>        project folder (default: the current directory)
  --seed <n>            the harness's seed (default: 1)
  --help, -h            show this help`;

/** What a replay module returns (Skyrocket's ReplayReport, as JSON). */
export interface ReplayModuleResult {
	lines?: string[];
	diverged?: boolean;
	error?: string;
}

function usage(message: string): number {
	console.error(`skyrocket-test replay: ${message}\n\n${REPLAY_USAGE}`);
	return 2;
}

/** Runs the replay command with its arguments (those after `replay`); resolves with the exit code. */
export async function runReplayCommand(argv: string[]): Promise<number> {
	let parsed;
	try {
		parsed = parseArgs({
			args: argv,
			options: {
				until: { type: "string" },
				steps: { type: "boolean" },
				with: { type: "string" },
				"no-replay": { type: "boolean" },
				project: { type: "string", short: "p" },
				dir: { type: "string" },
				seed: { type: "string" },
				help: { type: "boolean", short: "h" },
			},
			allowPositionals: true,
		});
	} catch (err) {
		return usage((err as Error).message);
	}
	const v = parsed.values;
	if (v.help) {
		console.log(REPLAY_USAGE);
		return 0;
	}
	if (parsed.positionals.length !== 1) return usage("give one recording file");
	const until = v.until !== undefined ? Number(v.until) : undefined;
	if (until !== undefined && !(Number.isInteger(until) && until > 0)) return usage(`--until expects a step number, got "${v.until}"`);
	const file = path.resolve(parsed.positionals[0]);
	let rec;
	try {
		rec = readRecording(fs.readFileSync(file));
	} catch (err) {
		console.error(`skyrocket-test replay: ${file}: ${(err as Error).message}`);
		return 1;
	}
	for (const line of formatTimeline(rec, { until, perStep: v.steps === true })) console.log(line);
	if (v["no-replay"]) return 0;
	const module = v.with ?? (rec.setup !== "" ? rec.setup : undefined);
	console.log("");
	if (module === undefined) {
		console.log(
			'(no replay module: record with { setup: "Service/Path/To/Module" } or pass --with to replay it and find the first divergence)',
		);
		return 0;
	}
	const projectDir = path.resolve(v.dir ?? process.cwd());
	console.log(`replaying with ${module} (in ${projectDir})`);
	const harness = await startHarness({
		projectDir,
		projectFile: v.project,
		seed: v.seed !== undefined ? Number(v.seed) : 1,
		onOutput: (kind, line) => {
			if (kind !== "print") console.error(line);
		},
	});
	const raw = (await harness.call("runModule", module, JSON.stringify({ file, until }))) as string;
	const report = JSON.parse(raw) as ReplayModuleResult;
	for (const line of report.lines ?? []) console.log(line);
	if (report.error !== undefined) return 1;
	return report.diverged === true ? 1 : 0;
}
