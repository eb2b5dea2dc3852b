// The harness's datatypes (Vector3, CFrame, Color3, Random, Enum...) and its
// JSON, checked inside the real Luau VM without a simulation: each file in
// checks/ runs after checks/prelude.luau, which loads the modules under test
// from ../luau. Run by `npm test` (node --test).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { LuauState } from "luau-web";

const here = dirname(fileURLToPath(import.meta.url));
const luauDir = join(here, "..", "luau");
const prelude = readFileSync(join(here, "checks", "prelude.luau"), "utf8");

/** Runs one checks/ file; resolves with its check count and failures. */
async function runChecks(file) {
	const state = await LuauState.createAsync();
	state.env.set("hostCompile", (src, name) => state.loadstring(src, name, true), true);
	state.env.set("hostRead", (name) => readFileSync(join(luauDir, `${name}.luau`), "utf8"), true);
	const body = readFileSync(join(here, "checks", file), "utf8");
	const chunk = state.loadstring(`${prelude}\n${body}\nreturn count, table.concat(failures, "\\n")`, file, true);
	const [count, failures] = await chunk();
	return { count, failures: failures === "" ? [] : failures.split("\n") };
}

for (const file of ["vectors.luau", "cframe.luau", "values.luau", "json.luau"]) {
	test(`harness datatypes: checks/${file}`, async () => {
		const { count, failures } = await runChecks(file);
		assert.deepEqual(failures, [], `${failures.length} of ${count} checks failed`);
		assert.ok(count > 0, "no check ran");
	});
}
