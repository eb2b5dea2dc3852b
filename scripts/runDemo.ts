// `npm start`: runs the demo (examples/demo, compiled to
// ReplicatedStorage.Examples.demo) headless: a server and 4 clients over a
// lossy link, printing a table every simulated second. Exits 0 when the demo
// reports that every client converged, 1 otherwise.
// Flags: --seed <n>, --seconds <n>, --clients <n> (at the start; one more joins late), --npcs <n>,
// --record <file> (records the server's session there, to replay with `npx skyrocket-test replay <file>`).
import { startHarness } from "@rbxts/skyrocket-test/node";

const DEMO_MODULE = "ReplicatedStorage/Examples/demo";

function flag(name: string): number | undefined {
	const i = process.argv.indexOf(name);
	return i >= 0 ? Number(process.argv[i + 1]) : undefined;
}

async function main() {
	const started = Date.now();
	const seed = flag("--seed") ?? 1;
	const harness = await startHarness({ projectDir: process.cwd(), seed });
	const recordAt = process.argv.indexOf("--record");
	const record = recordAt >= 0 ? process.argv[recordAt + 1] : undefined;
	const args = { seed, seconds: flag("--seconds"), clients: flag("--clients"), npcs: flag("--npcs"), record };
	const raw = (await harness.call("runModule", DEMO_MODULE, JSON.stringify(args))) as string;
	const summary = JSON.parse(raw) as { ok?: boolean };
	console.log(`\nseed ${seed}, ${((Date.now() - started) / 1000).toFixed(1)} s real time`);
	process.exit(summary.ok === true ? 0 : 1);
}

main().catch((err) => {
	console.error(err);
	process.exit(1);
});
