// `skyrocket-test replay` on a fixture recording (fixtures/recordings/demo.skyrec:
// the demo's server, seed 5, 5 s, 2 players and a late joiner, 40 NPCs, as
// Skyrocket's test/specs/tools/replay.spec.ts recorded it when format 1 was
// new; kept as it was, so every later reader must still read it). The reader
// follows the library's tools/recorder/format.ts; Skyrocket's recorder spec
// reads this same file and checks the same facts, so the two cannot drift
// apart. Needs the harness built (dist/).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { formatTimeline, readRecording } from "../dist/recording.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const cli = path.join(here, "..", "dist", "cli.js");
const fixture = path.join(here, "fixtures", "recordings", "demo.skyrec");

test("reads a recording: header, players, registrations and every step", () => {
	const rec = readRecording(fs.readFileSync(fixture));
	assert.equal(rec.version, 1);
	assert.equal(rec.side, "server");
	assert.equal(rec.seed, 5);
	assert.equal(rec.setup, "ReplicatedStorage/Examples/demo/replay");
	assert.deepEqual(
		rec.players.map((p) => p.name),
		["Player1", "Player2", "Player3"],
	);
	assert.deepEqual(
		rec.components.map((c) => c.name),
		["Transform", "Health", "Npc"],
	);
	assert.equal(rec.steps.length, 328);
	let changes = 0;
	let events = 0;
	let inBytes = 0;
	for (const s of rec.steps) {
		changes += s.changes.length;
		for (const [, c] of s.events) events += c;
		inBytes += s.inBytes;
	}
	assert.equal(changes, 728, "state changes");
	assert.equal(events, 13, "events accepted");
	assert.equal(inBytes, 1838, "bytes received");
	assert.equal(rec.steps.at(-1).checksum, 854822469, "the last step's checksum");
});

test("the timeline has a row per second, and --until details one step", () => {
	const rec = readRecording(fs.readFileSync(fixture));
	const lines = formatTimeline(rec, { until: 34 });
	assert.match(lines[0], /^Skyrocket recording \(format 1\): server, 3 players \(Player1, Player2, Player3\), seed 5, 328 steps/);
	assert.ok(
		lines.some((l) => /^0s\s+1-34\s/.test(l)),
		"the first second, cut at step 34",
	);
	assert.ok(!lines.some((l) => /^1s/.test(l)), "nothing after step 34");
	assert.ok(
		lines.some((l) => /^step 34 at 0\.567 s/.test(l)),
		"step 34 in detail",
	);
	assert.ok(
		lines.some((l) => /^ {2}handle \d+ {2}Health {2}hash \d+$/.test(l)),
		"the Health the first hit changed",
	);
});

test("skyrocket-test replay prints the timeline; --no-replay skips the replay", () => {
	const run = spawnSync(process.execPath, [cli, "replay", fixture, "--no-replay"], { encoding: "utf8" });
	assert.equal(run.status, 0, run.stderr);
	assert.match(run.stdout, /^second\s+steps\s+in B/m);
	assert.match(run.stdout, /\+Player1 \+Player2/);
	assert.match(run.stdout, /^2s\s.*\+Player3/m);
});

test("skyrocket-test replay refuses a newer format and what is not a recording, saying why", () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), "skyrocket-test-recording-"));
	try {
		const newer = Buffer.from(fs.readFileSync(fixture));
		newer[6] = 2;
		fs.writeFileSync(path.join(dir, "newer.skyrec"), newer);
		let run = spawnSync(process.execPath, [cli, "replay", path.join(dir, "newer.skyrec")], { encoding: "utf8" });
		assert.equal(run.status, 1);
		assert.match(run.stderr, /format version 2, newer than this skyrocket-test reads \(1\)/);
		fs.writeFileSync(path.join(dir, "junk.skyrec"), "hello");
		run = spawnSync(process.execPath, [cli, "replay", path.join(dir, "junk.skyrec")], { encoding: "utf8" });
		assert.equal(run.status, 1);
		assert.match(run.stderr, /not a Skyrocket recording/);
		run = spawnSync(process.execPath, [cli, "replay"], { encoding: "utf8" });
		assert.equal(run.status, 2, "no file is a usage error");
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
});
