/** Roblox globals injected into every module as upvalues, in this order. */
export declare const GLOBAL_NAMES: string[];
export interface HostOptions {
    /** Folder holding the project (default.project.json, out/, node_modules). */
    projectDir: string;
    /** Project file name, relative to projectDir. */
    projectFile?: string;
    /** Base seed of the run; the same seed gives the same run. */
    seed?: number;
    /** Called for every line peers print, warn or error (when echoed). */
    onOutput?: (kind: string, line: string) => void;
    /**
     * Where the patched (growable-memory) copy of luau-web is written. Default:
     * out-node/ in Skyrocket's own repository; node_modules/.cache/skyrocket in
     * a project that installed the package (the system temp folder without one).
     */
    cacheDir?: string;
}
export interface Harness {
    /** Calls a function of the Luau Boot module; resolves with its first result. */
    call(name: string, ...args: unknown[]): Promise<unknown>;
}
/** Wraps a script's source so its Roblox globals arrive as upvalues (see Compiler.luau). */
export declare function wrapSource(src: string): string;
export declare function startHarness(options: HostOptions): Promise<Harness>;
