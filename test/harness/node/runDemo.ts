// `npm start` (interim): runs the harness demo (examples/harnessDemo.ts,
// compiled to ReplicatedStorage.Examples.harnessDemo) headless and prints its
// table. Exits 0 when the demo reports ok, 1 otherwise.
// Flags: --seed <n>, --seconds <n>, --clients <n>.
import { startHarness } from "./luauHost.js";

const DEMO_MODULE = "ReplicatedStorage/Examples/harnessDemo";

function flag(name: string): number | undefined {
	const i = process.argv.indexOf(name);
	return i >= 0 ? Number(process.argv[i + 1]) : undefined;
}

async function main() {
	const started = Date.now();
	const seed = flag("--seed") ?? 1;
	const harness = await startHarness({ projectDir: process.cwd(), seed });
	const args = { seconds: flag("--seconds") ?? 5, clients: flag("--clients") ?? 2, seed };
	const raw = (await harness.call("runModule", DEMO_MODULE, JSON.stringify(args))) as string;
	const summary = JSON.parse(raw) as { ok?: boolean };
	console.log(`\nseed ${seed}, ${((Date.now() - started) / 1000).toFixed(1)} s real time`);
	process.exit(summary.ok === true ? 0 : 1);
}

main().catch((err) => {
	console.error(err);
	process.exit(1);
});
