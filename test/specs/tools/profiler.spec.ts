/**
 * The profiler's figures, checked against the harness's own counters (bytes
 * and calls per peer, per remote and per second under the wire cost model)
 * and against what the spec itself sent.
 */
import type { Entity } from "@rbxts/jecs";
import { netSim, Side } from "../../support/net";
import type { ClientNet } from "../../../src/net/client";
import type { ServerNet } from "../../../src/net/server";
import type { ClientEventHandle, Profiler, ServerEventHandle } from "../../../src";
import { check } from "../../support/check";
import Harness from "@rbxts/skyrocket-test";

interface C {
	Health: Entity<number>;
	Transform: Entity<{ position: Vector3; yaw: number }>;
}

type Chat = ServerEventHandle<string> | ClientEventHandle<string>;

const RELIABLE = "ReplicatedStorage.SkyrocketNet.Reliable";
const UNRELIABLE = "ReplicatedStorage.SkyrocketNet.Unreliable";

/** A server with profiler, two clients with profilers, 20 moving entities and 5 whose Health changes 10 times a second. */
function setup(link = { latency: 0.05 }, budget?: number) {
	const chats = new Map<ServerNet | ClientNet, Chat>();
	let serverProfiler: Profiler | undefined;
	const ns = netSim<C>({
		sim: { clients: 0, seed: 71, link },
		define: (jecs) => ({ Health: jecs.component<number>(), Transform: jecs.component<{ position: Vector3; yaw: number }>() }),
		register: (net, c, world, sky, jecs) => {
			const k = sky.codec;
			world.set(c.Health, jecs.Name, "Health");
			world.set(c.Transform, jecs.Name, "Transform");
			net.replicate(c.Health, k.u16);
			net.replicate(c.Transform, {
				codec: k.struct({ position: k.vector3({ precision: 1 / 64 }), yaw: k.angle({ bits: 10 }) }),
				channel: "unreliable",
			});
			chats.set(net, net.event("Chat", { codec: k.str(50), from: "client" }));
		},
		server: (side) => {
			serverProfiler = side.sky.profile(side.net, { budget });
		},
	});
	const clientProfilers: Profiler[] = [];
	for (let i = 0; i < 2; i++) {
		const side = ns.addClient();
		clientProfilers.push(side.sky.profile(side.net));
	}
	const { server } = ns;
	const world = server.world;
	const moving: Entity[] = [];
	const healthy: Entity[] = [];
	for (let i = 0; i < 20; i++) {
		const e = world.entity();
		world.set(e, server.c.Transform, { position: new Vector3(i, 0, 0), yaw: 0 });
		moving.push(e);
	}
	for (let i = 0; i < 5; i++) {
		const e = world.entity();
		world.set(e, server.c.Health, 100);
		healthy.push(e);
	}
	let frame = 0;
	server.game = () => {
		frame += 1;
		moving.forEach((e, i) => world.set(e, server.c.Transform, { position: new Vector3(i + frame * 0.25, 0, 0), yaw: frame * 0.01 }));
		if (frame % 6 === 0) for (const e of healthy) world.set(e, server.c.Health, frame % 1000);
	};
	return { ...ns, chats, server: server as Side<ServerNet, C>, serverProfiler: serverProfiler!, clientProfilers };
}

/** Steps until the profiler has completed `windows` windows (counting from now). */
function waitWindows(ns: { sim: { runUntil(p: () => boolean, t?: number): boolean } }, profiler: Profiler, windows: number) {
	const target = profiler.snapshot().index + windows;
	if (!ns.sim.runUntil(() => profiler.snapshot().index >= target, windows + 1)) error(`the profiler should complete ${windows} windows`);
}

export = () => {
	afterEach(() => Harness.destroyAll()); // every game this spec file starts is freed after each test
	describe("profiler", () => {
		it("counts every byte and call the harness counts, per player and per remote", () => {
			const ns = setup();
			const { sim, serverProfiler, clientProfilers } = ns;
			// profiling keeps the net's one call for every player (the figures below then count it per player)
			const transport = ns.server.net.context.transport as { broadcast?: unknown };
			check(transport.broadcast !== undefined, "the profiled transport still broadcasts");
			waitWindows(ns, serverProfiler, 3);
			const s = serverProfiler.snapshot();
			const stats = sim.server.stats;
			let wireOut = 0;
			let callsOut = 0;
			let wireIn = 0;
			let callsIn = 0;
			for (const p of s.players) {
				wireOut += p.total.out.wire;
				callsOut += p.total.out.calls;
				wireIn += p.total.in.wire;
				callsIn += p.total.in.calls;
			}
			expect(s.players.size()).to.equal(2);
			expect(wireOut).to.equal(stats.bytesOut);
			expect(callsOut).to.equal(stats.callsOut);
			expect(wireIn).to.equal(stats.bytesIn);
			expect(callsIn).to.equal(stats.callsIn);
			const [reliable, unreliable] = s.remotes;
			expect(reliable.total.out.wire).to.equal(stats.remotes.get(RELIABLE)!.bytesOut);
			expect(reliable.total.out.calls).to.equal(stats.remotes.get(RELIABLE)!.callsOut);
			expect(unreliable.total.out.wire).to.equal(stats.remotes.get(UNRELIABLE)!.bytesOut);
			expect(unreliable.total.in.calls).to.equal(stats.remotes.get(UNRELIABLE)!.callsIn);
			// each client's own profiler against that client's counters
			ns.clients.forEach((side, i) => {
				waitWindows(ns, clientProfilers[i], 1);
				const mine = clientProfilers[i].snapshot().players[0];
				expect(mine.name).to.equal("server");
				expect(mine.total.out.wire).to.equal(side.peer.stats.bytesOut);
				expect(mine.total.out.calls).to.equal(side.peer.stats.callsOut);
				expect(mine.total.in.wire).to.equal(side.peer.stats.bytesIn);
				expect(mine.total.in.calls).to.equal(side.peer.stats.callsIn);
			});
		});

		it("gives per-second rates that match the harness's per-second counters", () => {
			const ns = setup();
			const { sim, serverProfiler } = ns;
			sim.run(2);
			waitWindows(ns, serverProfiler, 1);
			const s = serverProfiler.snapshot();
			check(math.abs(s.window - 1) < 1e-6, "expected: math.abs(s.window - 1) < 1e-6");
			// the window that just closed covers (time - 1, time]; the harness's second floor(time) - 1 is the same
			// frames but one (the harness counts the frame at a whole second in the next second)
			const second = sim.server.stats.seconds.get(math.round(s.time) - 1)!;
			const rateOut = s.totals.out.wire;
			print(`profiler ${rateOut} B/s out vs harness ${second.bytesOut} B in second ${math.round(s.time) - 1}`);
			check(
				math.abs(rateOut - second.bytesOut) / second.bytesOut < 0.05,
				"expected: math.abs(rateOut - second.bytesOut) / second.bytesOut < 0.05",
			);
			check(math.abs(s.totals.out.calls - second.callsOut) <= 4, "expected: math.abs(s.totals.out.calls - second.callsOut) <= 4");
			// the budget is the wire rate sent to each player over the budget figure
			// by default the budget figure is the server's own bandwidth budget
			const budget = (ns.server.net.context.config as { budgetPerPlayer?: number }).budgetPerPlayer ?? 50000;
			expect(s.budget).to.equal(budget > 0 ? budget : 50000);
			for (const p of s.players)
				check(math.abs(p.budget - p.out.wire / s.budget) < 1e-9, "expected: math.abs(p.budget - p.out.wire / s.budget) < 1e-9");
		});

		it("uses the configured budget figure", () => {
			const ns = setup({ latency: 0.05 }, 10000);
			waitWindows(ns, ns.serverProfiler, 2);
			const s = ns.serverProfiler.snapshot();
			expect(s.budget).to.equal(10000);
			for (const p of s.players) {
				check(p.out.wire > 0, "expected: p.out.wire > 0");
				check(math.abs(p.budget - p.out.wire / 10000) < 1e-9, "expected: math.abs(p.budget - p.out.wire / 10000) < 1e-9");
			}
		});

		it("measures RTT per player from acknowledgements", () => {
			const ns = setup({ latency: 0.05 });
			waitWindows(ns, ns.serverProfiler, 3);
			for (const p of ns.serverProfiler.snapshot().players) {
				print(`RTT of ${p.name}: ${p.rtt}`);
				check(p.rtt >= 0.1 && p.rtt <= 0.1 + 4 / 60, "expected: p.rtt >= 0.1 && p.rtt <= 0.1 + 4 / 60");
				expect(p.rtt).to.equal(ns.server.net.stats(p.player!)!.rtt);
			}
			// a client shows its shared clock's estimate of the round trip
			const clientRtt = ns.clientProfilers[0].snapshot().players[0].rtt;
			check(math.abs(clientRtt - 0.1) <= 0.015, "expected: math.abs(clientRtt - 0.1) <= 0.015");
		});

		it("attributes replication bytes to components", () => {
			const ns = setup({ latency: 0.02 });
			ns.sim.run(1);
			waitWindows(ns, ns.serverProfiler, 1);
			const s = ns.serverProfiler.snapshot();
			const byName = new Map(s.components.map((c) => [c.name, c]));
			const health = byName.get("Health")!;
			const transform = byName.get("Transform")!;
			// Health: 5 entities x 10 changes a second x 2 players, each a Set record of 1 + 1 + 2 bytes
			expect(health.channel).to.equal("reliable");
			check(math.abs(health.values - 100) < 1e-6, "expected: math.abs(health.values - 100) < 1e-6");
			check(math.abs(health.bytes - 400) < 1e-6, "expected: math.abs(health.bytes - 400) < 1e-6");
			// Transform: 20 entities change every frame: one value per entity per frame per player
			expect(transform.channel).to.equal("unreliable");
			print(`Transform ${transform.values} values/s, ${transform.bytes} B/s; unreliable out ${s.remotes[1].out.bytes} B/s`);
			check(math.abs(transform.values - 2400) <= 48, "expected: math.abs(transform.values - 2400) <= 48");
			// values are most of the unreliable stream; headers and handles are the rest
			check(transform.bytes <= s.remotes[1].out.bytes, "expected: transform.bytes <= s.remotes[1].out.bytes");
			check(transform.bytes >= s.remotes[1].out.bytes * 0.5, "expected: transform.bytes >= s.remotes[1].out.bytes * 0.5");
		});

		it("counts events per second, rate-limited and dropped events, as the net does", () => {
			const ns = setup({ latency: 0.02 });
			const { sim, serverProfiler, clients, chats } = ns;
			const calm = chats.get(clients[0].net) as ClientEventHandle<string>;
			const spam = chats.get(clients[1].net) as ClientEventHandle<string>;
			let frame = 0;
			clients[0].game = () => {
				frame += 1;
				if (frame % 6 === 0) calm.send("hi");
			};
			clients[1].game = () => {
				for (let i = 0; i < 5; i++) spam.send("spam");
			};
			sim.run(2);
			waitWindows(ns, serverProfiler, 1);
			const s = serverProfiler.snapshot();
			const chat = s.events.find((e) => e.name === "Chat")!;
			// 10/s from the calm client and 300/s from the spammer arrive; the spammer is held to its rate (30/s)
			print(`Chat received ${chat.received}/s, accepted ${chat.accepted}/s, rate-limited ${chat.rateLimited} in the window`);
			check(math.abs(chat.received - 310) <= 3, "expected: math.abs(chat.received - 310) <= 3");
			check(math.abs(chat.accepted - 40) <= 2, "expected: math.abs(chat.accepted - 40) <= 2");
			check(chat.rateLimited >= 260 && chat.rateLimited <= 280, "expected: chat.rateLimited >= 260 && chat.rateLimited <= 280");
			const spammer = s.players.find((p) => p.player === clients[1].peer.serverPlayer)!;
			const stats = ns.server.net.stats(clients[1].peer.serverPlayer)!;
			expect(spammer.rateLimitedTotal).to.equal(stats.events.get("Chat")!.rateLimited);
			expect(spammer.droppedTotal).to.equal(stats.dropped);
			expect(spammer.rateLimited).to.equal(chat.rateLimited);
			check(math.abs(spammer.eventsIn - 300) <= 3, "expected: math.abs(spammer.eventsIn - 300) <= 3");
			const calmRow = s.players.find((p) => p.player === clients[0].peer.serverPlayer)!;
			expect(calmRow.rateLimitedTotal).to.equal(0);
			expect(calmRow.dropped).to.equal(0);
			check(math.abs(calmRow.eventsIn - 10) <= 1, "expected: math.abs(calmRow.eventsIn - 10) <= 1");
		});

		it("prints a table with players, remotes, events and components", () => {
			const ns = setup();
			const before = ns.serverProfiler.format();
			check(
				before.find("no complete window", 1, true)[0] !== undefined,
				'expected: before.find("no complete window", 1, true)[0] !== undefined',
			);
			waitWindows(ns, ns.serverProfiler, 2);
			const text = ns.serverProfiler.format();
			print(text);
			for (const needle of ["player", "RTT", "budget", "Reliable", "Unreliable", "Chat", "Health", "Transform", "unreliable"]) {
				check(text.find(needle, 1, true)[0] !== undefined, "expected: text.find(needle, 1, true)[0] !== undefined");
			}
			for (const p of ns.sim.clients)
				check(
					text.find(p.serverPlayer.Name, 1, true)[0] !== undefined,
					"expected: text.find(p.serverPlayer.Name, 1, true)[0] !== undefined",
				);
		});

		it("stops measuring when stopped, and leaves the net working", () => {
			const ns = setup();
			waitWindows(ns, ns.serverProfiler, 1);
			const index = ns.serverProfiler.snapshot().index;
			const pipeline = ns.server.net.describePipeline().join("\n");
			check(pipeline.find("profiler", 1, true)[0] !== undefined, 'expected: pipeline.find("profiler", 1, true)[0] !== undefined');
			ns.serverProfiler.stop();
			expect(ns.server.net.describePipeline().join("\n").find("profiler", 1, true)[0]).to.equal(undefined);
			ns.sim.run(2);
			expect(ns.serverProfiler.snapshot().index).to.equal(index);
			expect(ns.sim.server.errors.size()).to.equal(0);
		});
	});
};
