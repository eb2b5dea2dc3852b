// The harness's Node API (`@rbxts/skyrocket/harness/node` in the package):
// runs a compiled roblox-ts/Rojo project's TestEZ specs in the headless
// Roblox harness and returns what passed and failed. The `skyrocket-test` CLI
// (cli.ts) and this repository's `npm test` (runTests.ts) are built on it.
import * as path from "node:path";
import { startHarness } from "./luauHost.js";
export { startHarness } from "./luauHost.js";
export const DEFAULT_ROOTS = ["ServerScriptService"];
/** Runs the project's specs in the headless harness. The project must be compiled (rbxtsc) first. */
export async function runSpecs(options = {}) {
    const started = Date.now();
    const seed = options.seed ?? 1;
    const harness = await startHarness({
        projectDir: path.resolve(options.projectDir ?? process.cwd()),
        projectFile: options.projectFile,
        seed,
        onOutput: options.onOutput,
        cacheDir: options.cacheDir,
    });
    const simulate = {};
    if (options.clients !== undefined)
        simulate.clients = options.clients;
    if (options.link !== undefined && Object.keys(options.link).length > 0)
        simulate.link = options.link;
    const request = {
        roots: options.roots ?? DEFAULT_ROOTS,
        filter: options.filter,
        verbose: options.verbose === true,
        simulate,
    };
    const raw = (await harness.call("runTests", JSON.stringify(request)));
    const result = JSON.parse(raw);
    const summary = {
        passed: result.passed ?? 0,
        failed: result.failed ?? 0,
        skipped: result.skipped ?? 0,
        specFiles: result.specFiles ?? 0,
        failures: Array.isArray(result.failures) ? result.failures : [],
        missingRoots: Array.isArray(result.missingRoots) ? result.missingRoots : [],
        seed,
        seconds: (Date.now() - started) / 1000,
        ok: false,
    };
    summary.ok = summary.failed === 0 && summary.passed + summary.failed > 0;
    return summary;
}
/** The report printed by the runners: each failure, then the counts on the last line. */
export function formatSummary(summary) {
    const lines = [];
    for (const f of summary.failures)
        lines.push("", `FAIL ${f.path}`, f.message);
    for (const root of summary.missingRoots)
        lines.push("", `warning: spec root ${root} is not in the place`);
    if (summary.specFiles === 0) {
        lines.push("", "no *.spec module found: compile first (rbxtsc), and check --root and the Rojo project file");
    }
    lines.push("", `seed ${summary.seed}, ${summary.specFiles} spec files, ${summary.seconds.toFixed(1)} s`);
    lines.push(`${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped`);
    return lines.join("\n");
}
