// Failures name the project's .ts files (dist/sources.js): the compiled file
// maps back by rbxtsc's path convention read from tsconfig.json (comments and
// trailing commas allowed), and harness/TestEZ frames are left out.
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const { chunkSources, mapMessage, tsSourceOf } = await import(path.join(here, "..", "dist", "sources.js"));

function project(files) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), "skyrocket-test-sources-"));
	for (const [file, text] of Object.entries(files)) {
		fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
		fs.writeFileSync(path.join(dir, file), text);
	}
	return dir;
}

test("a compiled file maps to its .ts source through tsconfig's outDir and rootDir", () => {
	const dir = project({
		"tsconfig.json": '{\n\t// where rbxtsc writes\n\t"compilerOptions": { "outDir": "build", /* sources */ "rootDir": "src", },\n}\n',
		"src/game/score.spec.ts": "",
		"src/shared/index.ts": "",
	});
	try {
		assert.equal(tsSourceOf(dir, "build/game/score.spec.luau"), "src/game/score.spec.ts");
		assert.equal(tsSourceOf(dir, "build/shared/init.luau"), "src/shared/index.ts", "init.luau comes from index.ts");
		assert.equal(tsSourceOf(dir, "build/game/missing.luau"), undefined);
		assert.equal(tsSourceOf(dir, "include/RuntimeLib.lua"), undefined, "outside outDir");
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
});

test("failure messages name .ts files with the compiled line, without harness or TestEZ frames", () => {
	const dir = project({ "tsconfig.json": '{ "compilerOptions": { "outDir": "out" } }', "test/game.spec.ts": "" });
	try {
		const tree = {
			c: "DataModel",
			n: "game",
			ch: [
				{
					c: "ServerScriptService",
					n: "ServerScriptService",
					ch: [{ c: "ModuleScript", n: "game.spec", s: "out/test/game.spec.luau" }],
				},
			],
		};
		const sources = chunkSources(dir, tree);
		const message = [
			"ServerScriptService.game.spec:12: expected 3, got 2",
			"ServerScriptService.game.spec:12",
			"ReplicatedStorage.rbxts_include.node_modules.@rbxts.testez.src.TestRunner:87 function runCallback",
			"TestRunner:162",
			"peer/Modules:110 function requireModule",
		].join("\n");
		assert.equal(
			mapMessage(message, sources),
			"test/game.spec.ts (out/test/game.spec.luau:12): expected 3, got 2\ntest/game.spec.ts (out/test/game.spec.luau:12)",
		);
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
});
