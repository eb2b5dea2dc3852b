// `npm run build`: builds both npm packages of this repository.
//
//   dist/src, dist/components, dist/systems  @rbxts/skyrocket, the library (rbxtsc --type package:
//                                            .luau + .d.ts); package.json `main`/`types` point at dist/src
//   harness/dist/                            @rbxts/skyrocket-test's Node side (runSpecs API,
//                                            skyrocket-test CLI); its Luau sources ship as they are
//
// The library is compiled by tsconfig.package.json, whose rbxts.rojo points at
// package/package.project.json (the package's own layout: the repository's
// default.project.json is the game its specs run in). The game build of this
// repository (npm run build:game, out/) is separate.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import { root, since } from "./util.mjs";

const dist = path.join(root, "dist");
const require = createRequire(import.meta.url);

/** Runs a package's CLI with this Node (no shell, no .bin shims). */
function runBin(pkg, binName, args) {
	const pkgJsonPath = require.resolve(`${pkg}/package.json`);
	const pkgJson = JSON.parse(fs.readFileSync(pkgJsonPath, "utf8"));
	const rel = typeof pkgJson.bin === "string" ? pkgJson.bin : pkgJson.bin[binName];
	try {
		execFileSync(process.execPath, [path.join(path.dirname(pkgJsonPath), rel), ...args], { cwd: root, stdio: "inherit" });
	} catch {
		console.error(`package build failed: ${binName} ${args.join(" ")}`);
		process.exit(1);
	}
}

function expectFiles(what, files) {
	const missing = files.filter((f) => !fs.existsSync(path.join(root, f)));
	if (missing.length > 0) throw new Error(`${what} build: ${missing.join(", ")} missing`);
}

const started = Date.now();

// the library, compiled as a roblox-ts package (relative requires, TS.getModule for dependencies)
fs.rmSync(dist, { recursive: true, force: true });
runBin("roblox-ts", "rbxtsc", ["-p", "tsconfig.package.json", "--type", "package"]);
expectFiles("library", ["dist/src/init.luau", "dist/src/index.d.ts"]);

// the harness package's Node side
fs.rmSync(path.join(root, "harness", "dist"), { recursive: true, force: true });
runBin("typescript", "tsc", ["-p", "harness"]);
expectFiles("harness", ["harness/dist/cli.js", "harness/dist/index.js", "harness/dist/index.d.ts"]);

console.log(`packages built: dist/ and harness/dist/ (${since(started)} s)`);
