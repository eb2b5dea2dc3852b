export { startHarness } from "./luauHost.js";
export type { Harness, HostOptions } from "./luauHost.js";
/** Link conditions of a simulated client (one-way seconds, probabilities 0..1, bytes per second). */
export interface LinkOptions {
    latency?: number;
    jitter?: number;
    loss?: number;
    reorder?: number;
    bandwidth?: number;
    upBandwidth?: number;
}
export interface RunSpecsOptions {
    /** The project folder (its Rojo project file, compiled out/, node_modules). Default: the current directory. */
    projectDir?: string;
    /** Rojo project file, relative to projectDir. Default: default.project.json. */
    projectFile?: string;
    /** Instances whose descendant `*.spec` ModuleScripts run, as "Service/Child/...". Default: ["ServerScriptService"]. */
    roots?: string[];
    /** Only run tests whose full name matches this TestEZ pattern. */
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
    message: string;
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
export declare const DEFAULT_ROOTS: string[];
/** Runs the project's specs in the headless harness. The project must be compiled (rbxtsc) first. */
export declare function runSpecs(options?: RunSpecsOptions): Promise<SpecSummary>;
/** The report printed by the runners: each failure, then the counts on the last line. */
export declare function formatSummary(summary: SpecSummary): string;
