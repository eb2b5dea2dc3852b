/**
 * The recorder: what a recording holds (packets in and out per player,
 * joins, events, drops, the state digest), a ring bounded in memory, the
 * format version check, saving to a file and a DataStore, a client's
 * session replayed (and a tampered one caught at the exact step), and the
 * profiler and debug panel showing a recording.
 */
import type { Entity } from "@rbxts/jecs";
import Harness from "@rbxts/skyrocket-test";
import { netSim, Side } from "../../support/net";
import type { ClientNet } from "../../../src/net/client";
import type { ServerNet } from "../../../src/net/server";
import type { ClientEventHandle, Recorder, RecordingStore, ServerEventHandle } from "../../../src";
import { check, assertEqual, assertAtMost, assertBetween } from "../../support/check";

interface Transform {
	position: Vector3;
	yaw: number;
}
interface Components {
	Transform: Entity<Transform>;
	Health: Entity<number>;
}

type Ping = ServerEventHandle<number> | ClientEventHandle<number>;

/** A small game: 20 entities wandering (unreliable Transform), Health changing, clients sending Ping. */
function wander(options: { seed: number; clients: number; recordServer?: object; recordClient?: object; link?: object }) {
	const pings = new Map<ServerNet | ClientNet, Ping>();
	const recorders: { server?: Recorder; client?: Recorder } = {};
	const ns = netSim<Components>({
		sim: {
			clients: options.clients,
			seed: options.seed,
			link: options.link ?? { latency: 0.06, jitter: 0.02, loss: 0.2, reorder: 0.1 },
		},
		define: (jecs) => ({ Transform: jecs.component<Transform>(), Health: jecs.component<number>() }),
		register: (net, c, world, sky, jecs) => {
			const k = sky.codec;
			world.set(c.Transform, jecs.Name, "Transform");
			world.set(c.Health, jecs.Name, "Health");
			net.replicate(c.Transform, {
				codec: k.struct({ position: k.vector3({ precision: 1 / 64 }), yaw: k.angle({ bits: 10 }) }),
				channel: "unreliable",
			});
			net.replicate(c.Health, k.u16);
			pings.set(net, net.event("Ping", { codec: k.u8, from: "client" }));
			// recorders start with the net, before its first step
			const isServer = (net as ServerNet).players !== undefined;
			if (isServer && options.recordServer !== undefined) recorders.server = sky.record(net, options.recordServer);
			if (!isServer && options.recordClient !== undefined && recorders.client === undefined)
				recorders.client = sky.record(net, options.recordClient);
		},
	});
	const { server } = ns;
	const rng = new Random(options.seed);
	const entities: Entity[] = [];
	for (let i = 0; i < 20; i++) {
		const e = server.world.entity();
		server.world.set(e, server.c.Transform, { position: new Vector3(i, 0, 0), yaw: 0 });
		server.world.set(e, server.c.Health, 100);
		entities.push(e);
	}
	let seen = 0;
	const serverPing = pings.get(server.net) as ServerEventHandle<number>;
	server.game = () => {
		seen += serverPing.incoming().size();
		for (const e of entities) {
			if (rng.NextNumber() < 0.3) {
				const t = server.world.get(e, server.c.Transform)!;
				server.world.set(e, server.c.Transform, {
					position: t.position.add(new Vector3(rng.NextNumber(-1, 1), 0, rng.NextNumber(-1, 1))),
					yaw: t.yaw + 0.1,
				});
			}
			if (rng.NextNumber() < 0.02) server.world.set(e, server.c.Health, rng.NextInteger(1, 100));
		}
	};
	const pingOf = (side: Side<ClientNet, Components>) => pings.get(side.net) as ClientEventHandle<number>;
	return { ...ns, recorders, entities, pingOf, seen: () => seen };
}

export = () => {
	afterEach(() => Harness.destroyAll()); // every game this spec file starts is freed after each test
	describe("recorder", () => {
		it("records packets in and out per player, joins, events, drops and the state digest", () => {
			const g = wander({ seed: 301, clients: 2, recordServer: {} });
			const [a, b] = g.clients;
			let frame = 0;
			a.game = () => {
				frame += 1;
				if (frame % 10 === 0) g.pingOf(a).send(frame % 200);
			};
			g.sim.run(1);
			// a hostile packet from b: dropped, and the recording says so
			const remote = b.peer.game
				.GetService("ReplicatedStorage")
				.FindFirstChild("SkyrocketNet")!
				.FindFirstChild("Reliable") as RemoteEvent;
			b.peer.run(() => remote.FireServer(buffer.fromstring("\x03\xff\xff")));
			g.sim.run(1);
			const rec = g.recorders.server!.recording();
			assertEqual(rec.side, "server", "recorded on the server");
			assertEqual(rec.firstStep, 1, "from the first step");
			assertEqual(rec.startTick, 0, "started with the net");
			assertEqual(rec.players.size(), 2, "both players");
			assertEqual(rec.components.size(), 2, "both replicated components");
			let joins = 0;
			let events = 0;
			let dropsB = 0;
			let bytesIn = 0;
			let digest = 0;
			for (const step of rec.steps) {
				joins += step.joins.size();
				events += step.events.get(1) ?? 0;
				dropsB += step.drops.get(2) ?? 0;
				for (const p of step.inbound) bytesIn += p.size;
				digest += step.digest.size();
				check(step.checksum !== undefined, `step ${step.step} has its checksum`);
			}
			assertEqual(joins, 2, "two joins");
			assertEqual(events, g.seen(), "the events recorded for player 1 are the Pings the game saw");
			assertEqual(dropsB, 1, "player 2's hostile packet is one drop");
			let received = 0;
			for (const conn of g.server.net.context.connections) received += conn.stats.bytesReceived;
			assertEqual(bytesIn, received, "every byte the server received is in the recording");
			check(digest > 100, `the digest follows the changes (${digest} entries)`);
			check(
				rec.steps.some((s) => s.outbound.some((p) => p.data !== undefined && p.size > 0)),
				"outgoing packets are kept whole by default",
			);
			const report = g.server.sky.replay(rec, {});
			check(
				report.error !== undefined && report.error.find("options.players", 1, true)[0] !== undefined,
				`a server replay without stand-in players says what to pass: ${report.error}`,
			);
		});

		it("a ring keeps only the last seconds: bounded in memory, and not replayable from the start", () => {
			const g = wander({ seed: 302, clients: 2, recordServer: { mode: "ring", seconds: 1 } });
			const session = g.server.sky.record(g.server.net, {});
			const capped = g.server.sky.record(g.server.net, { mode: "ring", seconds: 10, maxBytes: 4000 });
			const ring = g.recorders.server!;
			g.sim.run(2);
			const at2 = ring.bytes();
			g.sim.run(3);
			assertAtMost(ring.seconds(), 1 + 1e-6, "the ring keeps at most its second");
			assertBetween(ring.steps(), 58, 61, "about one second of steps");
			assertBetween(ring.bytes(), at2 * 0.6, at2 * 1.5, "the ring's size stays flat as the session goes on");
			check(
				ring.bytes() * 3 < session.bytes(),
				`the ring (${ring.bytes()} B) holds a fraction of the session (${session.bytes()} B)`,
			);
			assertAtMost(capped.bytes(), 4000, "maxBytes caps a ring");
			const rec = ring.recording();
			check(rec.firstStep > 1, "the ring dropped the oldest steps");
			const report = g.server.sky.replay(rec, {});
			check(
				report.error !== undefined && report.error.find("ring that dropped", 1, true)[0] !== undefined,
				`replay refuses it with the reason: ${report.error}`,
			);
		});

		it("refuses to load a newer format, and anything that is not a recording, with a clear message", () => {
			const g = wander({ seed: 303, clients: 1, recordServer: {} });
			g.sim.run(0.5);
			const sky = g.server.sky;
			const saved = g.recorders.server!.save();
			const newer = buffer.create(buffer.len(saved));
			buffer.copy(newer, 0, saved);
			buffer.writeu8(newer, 6, sky.RECORDING_VERSION + 1);
			const [ok, err] = pcall(() => sky.loadRecording(newer));
			check(!ok, "a newer format is refused");
			check(
				tostring(err).find(`format version ${sky.RECORDING_VERSION + 1}, newer than this Skyrocket reads`, 1, true)[0] !==
					undefined,
				`the message says why: ${err}`,
			);
			const [ok2, err2] = pcall(() => sky.loadRecording(buffer.fromstring("hello, world")));
			check(!ok2 && tostring(err2).find("not a Skyrocket recording", 1, true)[0] !== undefined, `garbage is refused: ${err2}`);
			const cut = buffer.create(buffer.len(saved) - 5);
			buffer.copy(cut, 0, saved, 0, buffer.len(cut));
			const [ok3, err3] = pcall(() => sky.loadRecording(cut));
			check(!ok3 && tostring(err3).find("damaged", 1, true)[0] !== undefined, `a cut recording is refused: ${err3}`);
			assertEqual(sky.loadRecording(saved).steps.size(), g.recorders.server!.steps(), "the intact one loads");
		});

		it("reads the harness's fixture recording (format 1) with the same facts as skyrocket-test replay", () => {
			// harness/test/recording.test.mjs checks these figures with the CLI's own reader
			const sky = wander({ seed: 307, clients: 0 }).server.sky;
			const rec = sky.loadRecording(Harness.readFile("harness/test/fixtures/recordings/demo.skyrec"));
			assertEqual(rec.version, 1, "format version");
			assertEqual(rec.steps.size(), 328, "steps");
			let changes = 0;
			let events = 0;
			let inBytes = 0;
			for (const step of rec.steps) {
				changes += step.digest.size();
				for (const [, c] of step.events) events += c;
				for (const p of step.inbound) inBytes += p.size;
			}
			assertEqual(changes, 728, "state changes");
			assertEqual(events, 13, "events accepted");
			assertEqual(inBytes, 1838, "bytes received");
			assertEqual(rec.steps[rec.steps.size() - 1].checksum, 854822469, "the last step's checksum");
			// its packets are of wire protocol 1: a Skyrocket speaking another protocol says so instead of replaying them
			if (rec.protocol !== sky.PROTOCOL_VERSION) {
				const report = sky.replay(rec, { players: (p) => Harness.player(p.name, p.userId) });
				check(
					report.error !== undefined &&
						report.error.find(`recorded with wire protocol ${rec.protocol}`, 1, true)[0] !== undefined,
					`replay refuses another protocol: ${report.error}`,
				);
			}
		});

		it("saves to a file and to a DataStore, and loads back the same recording", () => {
			const g = wander({ seed: 304, clients: 1, recordServer: { packetsOut: "size" } });
			g.sim.run(1);
			const recorder = g.recorders.server!;
			recorder.stop();
			const data = recorder.save();
			Harness.writeFile("out/recordings/recorder-spec.skyrec", data);
			const back = Harness.readFile("out/recordings/recorder-spec.skyrec");
			assertEqual(buffer.tostring(back), buffer.tostring(data), "the file holds the same bytes");
			const values = new Map<string, unknown>();
			const store: RecordingStore = {
				SetAsync(key, value) {
					values.set(key, value);
				},
				GetAsync(key) {
					// eslint-disable-next-line roblox-ts/no-user-defined-lua-tuple -- GetAsync returns a tuple in Roblox
					return $tuple(values.get(key));
				},
			};
			const size = recorder.saveTo(store, "session-1");
			assertEqual(size, buffer.len(data), "saveTo returns the bytes saved");
			const loaded = g.server.sky.loadRecordingFrom(store, "session-1");
			assertEqual(loaded.steps.size(), recorder.steps(), "the DataStore copy loads whole");
			check(
				loaded.steps.every((s) => s.outbound.every((p) => p.data === undefined)),
				"packetsOut size keeps sizes only",
			);
		});

		it("a client's session replays to identical checksums; a packet taken out is caught at its step", () => {
			const g = wander({ seed: 305, clients: 2, recordClient: {} });
			g.sim.run(3);
			const recorder = g.recorders.client!;
			recorder.stop();
			const sky = g.server.sky;
			const rec = recorder.recording();
			assertEqual(rec.side, "client", "a client recording");
			const setup = (net: ServerNet | ClientNet) => {
				const world = net.world;
				const k = sky.codec;
				const Transform = world.component<Transform>();
				const Health = world.component<number>();
				world.set(Transform, g.server.jecs.Name, "Transform");
				world.set(Health, g.server.jecs.Name, "Health");
				net.replicate(Transform, {
					codec: k.struct({ position: k.vector3({ precision: 1 / 64 }), yaw: k.angle({ bits: 10 }) }),
					channel: "unreliable",
				});
				net.replicate(Health, k.u16);
				net.event("Ping", { codec: k.u8, from: "client" });
			};
			const report = sky.replay(rec, { systems: setup });
			for (const line of report.lines) print(line);
			assertEqual(report.diverged, false, "the client's replicated state replays exactly");
			assertEqual(report.steps, rec.steps.size(), "every step");
			// take out the packets of a step that changed the state: the replay must stop right there
			const tampered = sky.loadRecording(recorder.save());
			const target = tampered.steps.find((s) => s.step > 60 && s.digest.size() > 0 && s.inbound.size() > 0)!;
			const expected = target.digest.size();
			target.inbound.clear();
			const caught = sky.replay(tampered, { systems: setup, limit: 100 });
			for (const line of caught.lines) print(line);
			assertEqual(caught.divergence?.step, target.step, "the divergence is reported at the step whose packets were taken out");
			assertEqual(caught.divergence?.differences.size(), expected, "each change that packet carried is listed");
		});

		it("the profiler and the debug panel show a recording and its size", () => {
			const g = wander({ seed: 306, clients: 1, recordClient: { mode: "ring", seconds: 5 } });
			const client = g.clients[0];
			const profiler = client.sky.profile(client.net);
			g.sim.run(2.2);
			const status = profiler.snapshot().recording;
			check(status !== undefined && status.recording, "the snapshot says it records");
			check(
				status!.bytes > 0 && status!.bytes <= g.recorders.client!.bytes() && status!.steps > 100,
				`with the recorder's size (${status!.bytes} B, ${status!.steps} steps)`,
			);
			const printed = profiler.format();
			check(printed.find("recording: on (ring of the last 5 s)", 1, true)[0] !== undefined, `the table shows it:\n${printed}`);
			const text = client.sky.panelText(profiler.snapshot());
			check(
				text.recording.find("recording: on", 1, true)[0] !== undefined,
				`the panel's Recording label shows it: ${text.recording}`,
			);
			g.recorders.client!.stop();
			g.sim.run(1.1);
			check(
				client.sky.panelText(profiler.snapshot()).recording.find("stopped", 1, true)[0] !== undefined,
				"a stopped recorder shows as stopped",
			);
			const plain = g.server.sky.profile(g.server.net);
			g.sim.run(1.1);
			assertEqual(plain.snapshot().recording, undefined, "a net without a recorder shows none");
		});
	});
};
