// Starts the real Luau VM (luau-web), loads the Roblox emulation written in
// Luau (luau/), and gives it the few host services it cannot do
// inside the VM: compiling sources, reading files, printing. Everything else,
// every peer and the network model included, runs inside the one VM, because
// each call across the JS/Luau boundary costs tens of microseconds.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { loadLuauWeb } from "./luauWeb.js";
import { buildProjectTree, treeToLuau, type TreeNode } from "./projectTree.js";

/** Roblox globals injected into every module as upvalues, in this order. */
export const GLOBAL_NAMES = [
	"script",
	"require",
	"game",
	"workspace",
	"Workspace",
	"task",
	"wait",
	"delay",
	"spawn",
	"tick",
	"time",
	"elapsedTime",
	"os",
	"print",
	"warn",
	"typeof",
	"Instance",
	"Vector3",
	"Vector2",
	"CFrame",
	"Color3",
	"UDim",
	"UDim2",
	"NumberRange",
	"Random",
	"Enum",
	"_G",
	"shared",
	"settings",
	"UserSettings",
	"DateTime",
	"TweenInfo",
	"plugin",
	"version",
	"printidentity",
	"stats",
];

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
	 * node_modules/.cache/skyrocket-test in the project (the system temp
	 * folder when it has no node_modules).
	 */
	cacheDir?: string;
}

export interface Harness {
	/** Calls a function of the Luau Boot module; resolves with its first result. */
	call(name: string, ...args: unknown[]): Promise<unknown>;
	/** The place the harness loaded (the Rojo project's instance tree). */
	readonly tree: TreeNode;
}

function __dirnameOf(): string {
	return path.dirname(fileURLToPath(import.meta.url));
}

/** The Roblox emulation's Luau sources: luau/ beside dist/, in the package and in Skyrocket's repository alike. */
const HARNESS_LUAU_DIR = path.resolve(__dirnameOf(), "../luau");

/** The project's own node_modules/.cache (the system temp folder without one). */
function defaultCacheDir(projectDir: string): string {
	const nodeModules = path.join(projectDir, "node_modules");
	if (fs.existsSync(nodeModules)) return path.join(nodeModules, ".cache", "skyrocket-test");
	return path.join(os.tmpdir(), "skyrocket-test");
}

/** Wraps a script's source so its Roblox globals arrive as upvalues (see Compiler.luau). */
export function wrapSource(src: string): string {
	const lines = src.split("\n");
	let i = 0;
	// hot comments (--!strict, --!optimize 2) must stay first to take effect
	while (i < lines.length && /^\s*--!/.test(lines[i])) i++;
	const head = lines.slice(0, i).join("\n");
	const body = lines.slice(i).join("\n");
	return (i > 0 ? head + "\n" : "") + `return function(${GLOBAL_NAMES.join(",")}) return function(...) ` + body + "\nend end";
}

export async function startHarness(options: HostOptions): Promise<Harness> {
	if (!fs.existsSync(path.join(HARNESS_LUAU_DIR, "Boot.luau"))) {
		throw new Error(`skyrocket-test: the Luau runtime is missing (no Boot.luau in ${HARNESS_LUAU_DIR})`);
	}
	const projectDir = path.resolve(options.projectDir);
	const projectFile = path.join(projectDir, options.projectFile ?? "default.project.json");
	const tree = buildProjectTree(projectFile, projectDir);
	const { LuauState } = await loadLuauWeb(options.cacheDir ?? defaultCacheDir(projectDir));
	const state = await LuauState.createAsync();
	const output = options.onOutput ?? ((kind: string, line: string) => (kind === "print" ? console.log(line) : console.error(line)));

	const compiled = new Map<string, unknown>();
	const compile = (source: string, chunkName: string) => {
		const fn = state.loadstring(source, "=" + chunkName, false);
		if (typeof fn === "string") throw new Error(`compile error in ${chunkName}: ${fn}`);
		return fn;
	};
	const env = state.env;
	env.set(
		"hostLoadHarness",
		(name: string) => {
			const file = path.join(HARNESS_LUAU_DIR, name + ".luau");
			if (!fs.existsSync(file)) throw new Error(`harness module not found: ${name}`);
			return compile(fs.readFileSync(file, "utf8"), name);
		},
		true,
	);
	env.set(
		"hostCompileFile",
		(rel: string, chunkName: string) => {
			let fn = compiled.get(rel);
			if (fn === undefined) {
				fn = compile(wrapSource(fs.readFileSync(path.join(projectDir, rel), "utf8")), chunkName);
				compiled.set(rel, fn);
			}
			return fn;
		},
		true,
	);
	env.set("hostCompileSource", (src: string, chunkName: string) => compile(wrapSource(src), chunkName), true);
	env.set("hostReadFile", (rel: string) => fs.readFileSync(path.join(projectDir, rel), "utf8"), true);
	env.set("hostPrint", (kind: string, line: string) => output(kind, line), true);
	// binary files as hex (strings cross as UTF-8), in chunks (a string of half a megabyte
	// overflows luau-web's stack on its way in): Harness.readFile / writeFile
	env.set("hostFileSize", (file: string) => fs.statSync(path.resolve(projectDir, file)).size, true);
	env.set(
		"hostReadBinary",
		(file: string, offset: number, length: number) => {
			const fd = fs.openSync(path.resolve(projectDir, file), "r");
			try {
				const chunk = Buffer.alloc(length);
				const read = fs.readSync(fd, chunk, 0, length, offset);
				return chunk.subarray(0, read).toString("hex");
			} finally {
				fs.closeSync(fd);
			}
		},
		true,
	);
	env.set(
		"hostWriteBinary",
		(file: string, hex: string, append: boolean) => {
			const target = path.resolve(projectDir, file);
			fs.mkdirSync(path.dirname(target), { recursive: true });
			if (append) fs.appendFileSync(target, Buffer.from(hex, "hex"));
			else fs.writeFileSync(target, Buffer.from(hex, "hex"));
		},
		true,
	);
	env.set("hostGlobalNames", GLOBAL_NAMES.join(","), true);
	env.set("hostSeed", options.seed ?? 1, true);
	// process CPU time (user + system), not wall time: other processes on the machine do not count
	env.set(
		"hostCpuClock",
		() => {
			const used = process.cpuUsage();
			return (used.user + used.system) / 1e6;
		},
		true,
	);

	const bootstrap = state.loadstring(
		`
		local cache = {}
		local function hrequire(name)
			local v = cache[name]
			if v == nil then
				v = hostLoadHarness(name)(hrequire)
				cache[name] = v
			end
			return v
		end
		local host = {
			compileFile = hostCompileFile,
			compileSource = function(src, name) return hostCompileSource(src, name) end,
			readFile = hostReadFile,
			fileSize = hostFileSize,
			readBinary = hostReadBinary,
			writeBinary = hostWriteBinary,
			print = hostPrint,
			globalNames = hostGlobalNames,
			seed = hostSeed,
			cpuClock = hostCpuClock,
			tree = function() return hostLoadTree()() end,
		}
		local boot = hostLoadHarness("Boot")(hrequire, host)
		return function(name, ...)
			return boot[name](...)
		end
	`,
		"=bootstrap",
		true,
	);
	env.set("hostLoadTree", () => compile(treeToLuau(tree), "projectTree"), true);
	const [dispatch] = (await bootstrap()) as [(...args: unknown[]) => Promise<unknown[]>];
	return {
		tree,
		async call(name: string, ...args: unknown[]) {
			const results = await dispatch(name, ...args);
			return results[0];
		},
	};
}
