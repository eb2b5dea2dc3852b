type LuauWebModule = typeof import("luau-web");
/** Rewrites the wasm memory section so the memory has no maximum. */
export declare function unboundMemory(wasm: Buffer): Buffer;
/** Imports luau-web from a patched copy kept in `cacheDir`. */
export declare function loadLuauWeb(cacheDir: string): Promise<LuauWebModule>;
export {};
