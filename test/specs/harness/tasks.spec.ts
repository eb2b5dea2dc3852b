// The task library and the clocks run on the simulated clock: waits take
// simulated frames, never real time.
import Harness from "@rbxts/skyrocket-test";
import { assertBetween, assertEqual, check } from "./support";

export = () => {
	afterEach(() => Harness.destroyAll()); // every game this spec file starts is freed after each test
	describe("task scheduling on the simulated clock", () => {
		it("resumes task.wait(0.5) after about 30 frames at 60 Hz", () => {
			const sim = Harness.simulate({ quiet: true });
			const g = sim.server.globals;
			const startFrame = sim.frame;
			const waited = sim.server.run(() => g.task.wait(0.5));
			assertBetween(sim.frame - startFrame, 30, 31, "frames stepped while waiting 0.5 s");
			assertBetween(waited, 0.5, 0.5 + 1 / 60 + 1e-9, "task.wait's returned elapsed time");
		});

		it("runs task.delay's function once, after the delay", () => {
			const sim = Harness.simulate({ quiet: true });
			const firedAt: number[] = [];
			sim.server.globals.task.delay(1, (_tag: string) => firedAt.push(sim.frame), "x");
			sim.step(59);
			assertEqual(firedAt.size(), 0, "task.delay(1) should not fire before 60 frames");
			sim.step(2);
			assertEqual(firedAt.size(), 1, "task.delay(1) should have fired once by frame 61");
			sim.run(2);
			assertEqual(firedAt.size(), 1, "task.delay should fire only once");
		});

		it("passes task.delay's extra arguments to the function", () => {
			const sim = Harness.simulate({ quiet: true });
			let got: string | undefined;
			sim.server.globals.task.delay(0.1, (a: string, b: string) => (got = a + b), "ab", "cd");
			sim.run(0.2);
			assertEqual(got, "abcd", "the delayed function's arguments");
		});

		it("runs task.defer later in the same frame, after the current code", () => {
			const sim = Harness.simulate({ quiet: true });
			const g = sim.server.globals;
			const log: string[] = [];
			let deferredFrame = -1;
			let heartbeatFrame = -1;
			const conn = sim.server.game.GetService("RunService").Heartbeat.Connect(() => {
				conn.Disconnect();
				heartbeatFrame = sim.frame;
				g.task.defer(() => {
					deferredFrame = sim.frame;
					log.push("deferred");
				});
				log.push("after defer");
			});
			sim.step(2);
			assertEqual(log.join(","), "after defer,deferred", "a deferred function should run after the code that deferred it");
			assertEqual(deferredFrame, heartbeatFrame, "a deferred function should run in the frame it was deferred in");
		});

		it("runs task.spawn's function immediately", () => {
			const sim = Harness.simulate({ quiet: true });
			const log: string[] = [];
			sim.server.globals.task.spawn(() => log.push("spawned"));
			log.push("after spawn");
			assertEqual(log.join(","), "spawned,after spawn", "task.spawn should run before returning");
		});

		it("never resumes a thread after task.cancel", () => {
			const sim = Harness.simulate({ quiet: true });
			const g = sim.server.globals;
			let fired = false;
			const thread = g.task.delay(0.5, () => (fired = true));
			g.task.cancel(thread);
			sim.run(1);
			check(!fired, "a cancelled task.delay should never run");
		});

		it("advances time() and os.clock() with the simulated clock", () => {
			const sim = Harness.simulate({ quiet: true });
			const g = sim.server.globals;
			const t0 = g.time();
			const c0 = g.os.clock();
			const real0 = Harness.cpuClock();
			sim.run(2);
			const realSpent = Harness.cpuClock() - real0;
			assertBetween(g.time() - t0, 2 - 1e-6, 2 + 1e-6, "time() after two simulated seconds");
			assertBetween(g.os.clock() - c0, 2 - 1e-6, 2 + 1e-6, "os.clock() after two simulated seconds");
			check(realSpent < 2, `two simulated seconds should take less than two real seconds, took ${realSpent}`);
		});

		it("reports an error thrown in a task to the peer without stopping the simulation", () => {
			const sim = Harness.simulate({ quiet: true });
			const g = sim.server.globals;
			let later = false;
			g.task.delay(0.1, () => error("task failed on purpose"));
			g.task.delay(0.2, () => (later = true));
			sim.run(0.5);
			check(
				sim.server.errors.some((e) => e.find("task failed on purpose")[0] !== undefined),
				`the error should be recorded in peer.errors, got: ${sim.server.errors.join(" | ")}`,
			);
			check(later, "other tasks should still run after one failed");
		});
	});
};
