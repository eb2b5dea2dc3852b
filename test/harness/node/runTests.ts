// `npm test`: runs every TestEZ spec in the headless harness and prints each
// failure with its spec path, then "N passed, N failed, N skipped" as the last
// line. Exits non-zero on any failure or when no spec ran.
// Flags: --filter <pattern> (TestEZ name pattern), --verbose, --seed <n>.
import * as path from "node:path";
import { startHarness } from "./luauHost.js";

interface Summary {
	passed: number;
	failed: number;
	skipped: number;
	specFiles?: number;
	failures: { path: string; message: string }[];
}

function flag(name: string): string | undefined {
	const i = process.argv.indexOf(name);
	return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main() {
	const started = Date.now();
	const seed = Number(flag("--seed") ?? 1);
	const harness = await startHarness({ projectDir: process.cwd(), seed });
	const options = { filter: flag("--filter"), verbose: process.argv.includes("--verbose") };
	const raw = (await harness.call("runTests", JSON.stringify(options))) as string;
	if (process.env.SKYROCKET_DEBUG) console.log(raw);
	const summary = JSON.parse(raw) as Summary;
	summary.failures = Array.isArray(summary.failures) ? summary.failures : [];
	for (const f of summary.failures) {
		console.log(`\nFAIL ${f.path}\n${f.message}`);
	}
	const seconds = ((Date.now() - started) / 1000).toFixed(1);
	console.log(`\nseed ${seed}, ${summary.specFiles ?? 0} spec files, ${seconds} s`);
	console.log(`${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped`);
	const ran = summary.passed + summary.failed;
	process.exit(summary.failed > 0 || ran === 0 ? 1 : 0);
}

main().catch((err) => {
	console.error(err);
	console.log("0 passed, 1 failed, 0 skipped");
	process.exit(1);
});
