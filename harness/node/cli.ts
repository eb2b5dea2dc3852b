#!/usr/bin/env node
// `skyrocket-test`: runs a compiled roblox-ts/Rojo project's TestEZ specs in
// Skyrocket's headless Roblox harness (see index.ts for the Node API).
// The last line is "N passed, N failed, N skipped"; the exit code is 1 on any
// failure or when no test ran, 2 on a usage error.
// `skyrocket-test replay <file>` prints and replays a Skyrocket recording (replayCommand.ts).
import { parseArgs } from "node:util";
import { formatSummary, runSpecs, LinkOptions, DEFAULT_ROOTS } from "./index.js";
import { runReplayCommand } from "./replayCommand.js";

const USAGE = `Usage: skyrocket-test [options]
       skyrocket-test replay <file> [options]   (see skyrocket-test replay --help)

Runs the TestEZ specs (*.spec modules) of a compiled roblox-ts / Rojo project
in a headless Roblox: a server and N clients per Harness.simulate(), over
simulated links with latency, jitter, loss and a bandwidth cap.
Compile first (rbxtsc), then run this in the project folder.

Options:
  --project, -p <file>  Rojo project file (default: default.project.json)
  --dir <folder>        project folder (default: the current directory)
  --root <path>         where specs are, as Service/Child; repeat or comma-separate
                        (default: ${DEFAULT_ROOTS.join(",")})
  --filter <pattern>    only tests whose full name matches this Lua pattern (the
                        spec's path, describes and test name, joined by spaces).
                        Not a regular expression: escape ^$()%.[]*+-? with %,
                        e.g. --filter "late%-join" for the text late-join
  --seed <n>            base seed; the same seed gives the same run (default: 1)
  --clients <n>         clients Harness.simulate() joins when a spec does not say
  --latency <s>         default one-way latency in seconds for simulated links
  --jitter <s>          default jitter in seconds
  --loss <p>            default unreliable loss, 0..1
  --reorder <p>         default unreliable reordering, 0..1
  --bandwidth <B/s>     default server-to-client cap in bytes/s (0 = unlimited)
  --verbose             echo everything the peers print
  --help, -h            show this help
A spec's own simulate({ clients, link }) values win over these defaults.`;

function fail(message: string): never {
	console.error(`skyrocket-test: ${message}\n\n${USAGE}`);
	process.exit(2);
}

function num(name: string, value: string | undefined): number | undefined {
	if (value === undefined) return undefined;
	const n = Number(value);
	if (value.trim() === "" || !Number.isFinite(n)) fail(`--${name} expects a number, got "${value}"`);
	return n;
}

async function main() {
	if (process.argv[2] === "replay") {
		process.exitCode = await runReplayCommand(process.argv.slice(3));
		return;
	}
	let parsed;
	try {
		parsed = parseArgs({
			options: {
				project: { type: "string", short: "p" },
				dir: { type: "string" },
				root: { type: "string", multiple: true },
				filter: { type: "string" },
				seed: { type: "string" },
				clients: { type: "string" },
				latency: { type: "string" },
				jitter: { type: "string" },
				loss: { type: "string" },
				reorder: { type: "string" },
				bandwidth: { type: "string" },
				verbose: { type: "boolean" },
				help: { type: "boolean", short: "h" },
			},
			allowPositionals: false,
		});
	} catch (err) {
		fail((err as Error).message);
	}
	const v = parsed.values;
	if (v.help) {
		console.log(USAGE);
		return;
	}
	const link: LinkOptions = {};
	for (const key of ["latency", "jitter", "loss", "reorder", "bandwidth"] as const) {
		const n = num(key, v[key]);
		if (n !== undefined) link[key] = n;
	}
	const roots = v.root
		?.flatMap((r) => r.split(","))
		.map((r) => r.trim())
		.filter((r) => r !== "");
	const summary = await runSpecs({
		projectDir: v.dir,
		projectFile: v.project,
		roots: roots && roots.length > 0 ? roots : undefined,
		filter: v.filter,
		seed: num("seed", v.seed),
		clients: num("clients", v.clients),
		link,
		verbose: v.verbose === true,
	});
	console.log(formatSummary(summary));
	process.exitCode = summary.ok ? 0 : 1;
}

main().catch((err) => {
	console.error(err instanceof Error ? err.message : err);
	if (process.argv[2] !== "replay") console.log("0 passed, 1 failed, 0 skipped");
	process.exitCode = 1;
});
