/**
 * Record & replay of the demo: a recorded server session (NPCs moving,
 * players shooting, one joining late, a lossy link) replays into a fresh net
 * to identical checksums at every step; replayed with a changed game system
 * (more damage per shot), the report names the exact step and entity.
 */
import Harness from "@rbxts/skyrocket-test";
import demo from "../../../examples/demo";
import replayDemo from "../../../examples/demo/replay";
import { loadRecording, Recording } from "../../../src";
import { check, assertEqual } from "../../support/check";

const FILE = "out/recordings/demo-spec.skyrec";

export = () => {
	afterEach(() => Harness.destroyAll()); // every game this spec file starts is freed after each test
	describe("record and replay", () => {
		let recording: Recording | undefined;
		/** One recorded demo session (seed 5) for every test here. */
		const recorded = (): Recording => {
			if (recording !== undefined) return recording;
			const seed = 5;
			print(`demo recording: seed ${seed}`);
			const summary = demo(Harness, { seed, seconds: 5, clients: 2, npcs: 40, lateJoin: 2, record: FILE });
			check(summary.ok, "the demo ran and converged");
			recording = loadRecording(Harness.readFile(FILE));
			return recording;
		};

		it("a recorded demo session replays to identical checksums at every step", () => {
			const rec = recorded();
			assertEqual(rec.side, "server", "a server recording");
			assertEqual(rec.players.size(), 3, "two players and a late joiner");
			check(rec.steps.size() >= 299, `about 5 s of steps (${rec.steps.size()})`);
			const report = replayDemo(Harness, { file: FILE });
			for (const line of report.lines) print(line);
			check(report.error === undefined, `replayable: ${report.error}`);
			assertEqual(report.diverged, false, "the replay matches the recording");
			assertEqual(report.steps, rec.steps.size(), "every step replayed");
			let entries = 0;
			for (const step of rec.steps) entries += step.digest.size();
			check(entries > 600, `the recording digests the NPCs' changes (${entries} entries)`);
		});

		it("a changed game system makes the replay report the exact step and entity", () => {
			const rec = recorded();
			// where the recorded game first changed a Health: the first shot that hit
			const health = rec.components.findIndex((c) => c.name === "Health") + 1;
			let expectedStep = -1;
			const expectedHandles = new Set<number>();
			for (const step of rec.steps) {
				for (const d of step.digest) if (d.component === health && step.step > 1) expectedHandles.add(d.handle);
				if (expectedHandles.size() > 0) {
					expectedStep = step.step;
					break;
				}
			}
			check(expectedStep > 0, "the recording holds a shot that changed an NPC's Health");
			print(`first hit at step ${expectedStep}`);
			const report = replayDemo(Harness, { file: FILE, damage: 11 });
			for (const line of report.lines) print(line);
			assertEqual(report.diverged, true, "the replay with 11 damage per shot diverges");
			const divergence = report.divergence!;
			assertEqual(divergence.step, expectedStep, "the divergence is reported at the step of the first hit");
			assertEqual(divergence.differences.size(), expectedHandles.size(), "one difference per NPC hit in that step");
			for (const d of divergence.differences) {
				assertEqual(d.component, "Health", "the component that differs");
				check(expectedHandles.has(d.handle), `handle ${d.handle} is an NPC hit in that step`);
				assertEqual(d.value, "89", "the replay's Health after an 11-damage shot");
			}
		});

		it("--until stops at a step and lists the replicated state there", () => {
			recorded();
			const report = replayDemo(Harness, { file: FILE, until: 100 });
			assertEqual(report.steps, 100, "replayed up to step 100");
			assertEqual(report.diverged, false, "no divergence up to there");
			const npcs = report.state.filter(
				(line) => line.find("Transform=", 1, true)[0] !== undefined && line.find("Npc", 1, true)[0] !== undefined,
			);
			assertEqual(npcs.size(), 40, "one state line per NPC, naming its components");
		});
	});
};
