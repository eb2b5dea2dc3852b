// require(): a per-peer module cache, run-time ModuleScripts, require-by-string
// paths and Roblox's errors for recursive and failing modules.
import Harness from "@rbxts/skyrocket-test";
import { check, assertEqual, expectError, make, moduleScript, replicatedStorage } from "./support";

export = () => {
	afterEach(() => Harness.destroyAll()); // every game this spec file starts is freed after each test
	describe("require", () => {
		it("runs a module once and returns the same value to every require", () => {
			const sim = Harness.simulate({ quiet: true });
			const m = moduleScript(
				sim.server,
				replicatedStorage(sim.server),
				"Counter",
				"_G.loads = (_G.loads or 0) + 1\nreturn { id = _G.loads }",
			);
			const first = sim.server.require<{ id: number }>(m);
			const second = sim.server.require<{ id: number }>("ReplicatedStorage/Counter");
			check(first === second, "two requires of one module should return the same table");
			assertEqual(sim.server.globals._G.loads, 1, "the module body should run once");
		});

		it("compiles a ModuleScript created at run time from its Source", () => {
			const sim = Harness.simulate({ quiet: true });
			const m = moduleScript(sim.server, replicatedStorage(sim.server), "Answer", "return 6 * 7");
			assertEqual(sim.server.require<number>(m), 42, "the module should return what its Source computes");
		});

		it("resolves './x', '../x' and '@self/x' from the requiring module", () => {
			const sim = Harness.simulate({ quiet: true });
			const rs = replicatedStorage(sim.server);
			moduleScript(sim.server, rs, "top", 'return "top"');
			const lib = make(sim.server, "Folder", rs, "Lib");
			moduleScript(sim.server, lib, "sibling", 'return "sibling"');
			const main = moduleScript(
				sim.server,
				lib,
				"main",
				'return { a = require("./sibling"), b = require("../top"), c = require("@self/child") }',
			);
			moduleScript(sim.server, main, "child", 'return "child"');
			const result = sim.server.require<{ a: string; b: string; c: string }>(main);
			assertEqual(result.a, "sibling", "'./sibling' should name a sibling of the module");
			assertEqual(result.b, "top", "'../top' should name a child of the module's grandparent");
			assertEqual(result.c, "child", "'@self/child' should name a child of the module itself");
		});

		it("fails a require by string that names nothing, saying which part is missing", () => {
			const sim = Harness.simulate({ quiet: true });
			const m = moduleScript(sim.server, replicatedStorage(sim.server), "Broken", 'return require("./Missing")');
			const err = expectError(() => sim.server.require(m), "requiring a module with a bad path");
			check(
				sim.server.errors.some((e) => e.find("Missing")[0] !== undefined),
				`the peer's errors should name the missing part, got: ${sim.server.errors.join(" | ")}; thrown: ${err}`,
			);
		});

		it("reports a recursive require as an error instead of hanging", () => {
			const sim = Harness.simulate({ quiet: true });
			const rs = replicatedStorage(sim.server);
			moduleScript(sim.server, rs, "A", 'return { b = require("./B") }');
			moduleScript(sim.server, rs, "B", 'return { a = require("./A") }');
			expectError(() => sim.server.require("ReplicatedStorage/A"), "a require cycle");
			check(
				sim.server.errors.some((e) => e.find("recursively")[0] !== undefined),
				`the cycle should be reported as a recursive require, got: ${sim.server.errors.join(" | ")}`,
			);
		});

		it("reports a module that errors while loading, and fails later requires of it", () => {
			const sim = Harness.simulate({ quiet: true });
			const m = moduleScript(sim.server, replicatedStorage(sim.server), "Boom", 'error("boom at load")');
			expectError(() => sim.server.require(m), "requiring a module that throws");
			check(
				sim.server.errors.some((e) => e.find("boom at load")[0] !== undefined),
				`the module's own error should be reported, got: ${sim.server.errors.join(" | ")}`,
			);
			const again = expectError(() => sim.server.require(m), "requiring the failed module again");
			check(
				again.find("experienced an error")[0] !== undefined,
				`a second require should fail as on Roblox ("experienced an error while loading"), got: ${again}`,
			);
		});

		it("rejects a module that returns nothing", () => {
			const sim = Harness.simulate({ quiet: true });
			const m = moduleScript(sim.server, replicatedStorage(sim.server), "Empty", "local x = 1");
			expectError(() => sim.server.require(m), "a module without a return value");
			check(
				sim.server.errors.some((e) => e.find("exactly one value")[0] !== undefined),
				`the error should say a module must return one value, got: ${sim.server.errors.join(" | ")}`,
			);
		});
	});
};
