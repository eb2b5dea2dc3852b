// The skyrocket-test CLI on fixture places (fixtures/): a spec file that
// cannot be run (compile error, throws when required, returns no function,
// fails TestEZ's planning) fails the run and is named; a healthy place
// passes. Each fixture is a folder of plain Luau specs; the project file that
// lays it out beside TestEZ is written to a temporary folder. Needs the
// harness built (dist/), as `npm test` does first.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const cli = path.join(here, "..", "dist", "cli.js");
const testez = path.dirname(createRequire(import.meta.url).resolve("@rbxts/testez/package.json"));

/** Runs skyrocket-test on fixtures/<name>; returns its exit code and output. */
function runFixture(name, ...args) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), "skyrocket-test-fixture-"));
	try {
		const include = {
			$className: "Folder",
			node_modules: { $className: "Folder", "@rbxts": { $className: "Folder", testez: { $path: testez } } },
		};
		const project = {
			name: name,
			tree: {
				$className: "DataModel",
				ReplicatedStorage: { $className: "ReplicatedStorage", rbxts_include: include },
				ServerScriptService: { $className: "ServerScriptService", Specs: { $path: path.join(here, "fixtures", name) } },
			},
		};
		fs.writeFileSync(path.join(dir, "default.project.json"), JSON.stringify(project));
		const run = spawnSync(process.execPath, [cli, "--dir", dir, ...args], { encoding: "utf8" });
		return { status: run.status, stdout: run.stdout, lines: run.stdout.trimEnd().split("\n") };
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

test("skyrocket-test fails a run whose spec files cannot be run, naming each file", () => {
	const { status, stdout, lines } = runFixture("broken");
	assert.notEqual(status, 0, "exit code");
	for (const file of ["duplicate", "throwsInDescribe", "throwsOnRequire", "syntaxError", "notAFunction"]) {
		assert.match(stdout, new RegExp(`^in \\S*fixtures/broken/${file}\\.spec\\.lua$`, "m"), `${file}.spec.lua is named`);
	}
	assert.match(stdout, /Error during planning: .*Duplicate it block found/);
	assert.match(stdout, /Error during planning: .*thrown while planning/);
	assert.match(lines.at(-1), /^\d+ passed, 5 failed, 0 skipped$/);
	assert.doesNotMatch(stdout, /FAIL .*passes/, "the healthy file beside them passes");
});

test("skyrocket-test passes a healthy place", () => {
	const { status, lines } = runFixture("clean");
	assert.equal(lines.at(-1), "1 passed, 0 failed, 0 skipped");
	assert.equal(status, 0, "exit code");
});

test("skyrocket-test --filter takes a Lua pattern", () => {
	// the test's full name is "ServerScriptService Specs passes passes": %a+ matches a word only as a Lua pattern
	const { status, lines } = runFixture("clean", "--filter", "Specs %a+ passes$");
	assert.equal(lines.at(-1), "1 passed, 0 failed, 0 skipped");
	assert.equal(status, 0, "exit code");
});

test("skyrocket-test --help says --filter is a Lua pattern and how to escape", () => {
	const help = spawnSync(process.execPath, [cli, "--help"], { encoding: "utf8" });
	assert.equal(help.status, 0);
	assert.match(help.stdout, /--filter <pattern> +only tests whose full name matches this Lua pattern/);
	assert.match(help.stdout, /--filter "late%-join"/);
});
