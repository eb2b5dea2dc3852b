// `npm test`: runs every TestEZ spec of this repository in the headless
// harness and prints each failure with its spec path, then
// "N passed, N failed, N skipped" as the last line. Exits non-zero on any
// failure or when no spec ran.
// Flags: --filter <Lua pattern> (matched against each test's full name), --verbose, --seed <n>.
import { formatSummary, runSpecs } from "@rbxts/skyrocket-test/node";

/** Where this repository's specs are in its place (default.project.json). */
const ROOTS = ["ServerScriptService/Tests", "ReplicatedStorage/Skyrocket"];

function flag(name: string): string | undefined {
	const i = process.argv.indexOf(name);
	return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main() {
	const summary = await runSpecs({
		projectDir: process.cwd(),
		roots: ROOTS,
		seed: Number(flag("--seed") ?? 1),
		filter: flag("--filter"),
		verbose: process.argv.includes("--verbose"),
	});
	console.log(formatSummary(summary));
	process.exit(summary.ok ? 0 : 1);
}

main().catch((err) => {
	console.error(err);
	console.log("0 passed, 1 failed, 0 skipped");
	process.exit(1);
});
