// `npm run build`: builds the npm package @rbxts/skyrocket into dist/.
//
//   dist/src, dist/components, dist/systems  the library (rbxtsc --type package: .luau + .d.ts);
//                                            package.json `main`/`types` point at dist/src
//   dist/harness/init.luau + index.d.ts      what specs import as "@rbxts/skyrocket/harness"
//   dist/harness/node/                       the harness's Node side: runSpecs API, skyrocket-test CLI
//   dist/harness/luau/                       the Roblox emulation the harness loads into the Luau VM
//                                            (its default.project.json makes it an empty Folder
//                                            for Rojo, so none of it lands in a user's place)
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

const started = Date.now();
fs.rmSync(dist, { recursive: true, force: true });

// the library, compiled as a roblox-ts package (relative requires, TS.getModule for dependencies)
runBin("roblox-ts", "rbxtsc", ["-p", "tsconfig.package.json", "--type", "package"]);
if (!fs.existsSync(path.join(dist, "src", "init.luau")) || !fs.existsSync(path.join(dist, "src", "index.d.ts"))) {
	throw new Error("package build: dist/src/init.luau or dist/src/index.d.ts is missing");
}

// the harness's Node side
runBin("typescript", "tsc", ["-p", "package/tsconfig.harness.json"]);
fs.chmodSync(path.join(dist, "harness", "node", "cli.js"), 0o755);
fs.rmSync(path.join(dist, "harness", "node", "cli.d.ts")); // a program, not an API

// the harness's Luau runtime, loaded by the Node side from disk (never required in a place)
const luauSrc = path.join(root, "test", "harness", "luau");
const luauOut = path.join(dist, "harness", "luau");
fs.mkdirSync(luauOut, { recursive: true });
for (const file of fs.readdirSync(luauSrc)) {
	if (file.endsWith(".luau")) fs.copyFileSync(path.join(luauSrc, file), path.join(luauOut, file));
}
fs.writeFileSync(
	path.join(luauOut, "default.project.json"),
	JSON.stringify({ name: "luau", tree: { $className: "Folder" } }, null, "\t") + "\n",
);

// what specs import: the harness API of the runner peer (nil outside the harness)
fs.copyFileSync(path.join(root, "test", "harness", "Harness.lua"), path.join(dist, "harness", "init.luau"));
fs.copyFileSync(path.join(root, "test", "harness", "Harness.d.ts"), path.join(dist, "harness", "index.d.ts"));

console.log(`package built in dist/ (${since(started)} s)`);
