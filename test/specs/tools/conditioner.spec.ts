/**
 * The network conditioner over a perfect link (no latency, no loss): the
 * delays and losses measured with the simulated clock and the harness's own
 * counters must be the ones configured.
 */
import type { Entity } from "@rbxts/jecs";
import { netSim, Side } from "../../support/net";
import type { ClientNet } from "../../../src/net/client";
import type { ServerNet } from "../../../src/net/server";
import type { ClientEventHandle, Conditioner, ServerEventHandle } from "../../../src";
import { check } from "../../support/check";
import Harness from "@rbxts/skyrocket-test";

interface C {
	Pos: Entity<number>;
}

type Handle = ServerEventHandle<number> | ClientEventHandle<number>;
interface Events {
	Up: Handle;
	UpReliable: Handle;
	Down: Handle;
	DownReliable: Handle;
}

const UNRELIABLE = "ReplicatedStorage.SkyrocketNet.Unreliable";
const FRAME = 1 / 60;

/** One-way trips of numbered messages: when each was sent and when it arrived (simulated seconds). */
class Trips {
	readonly sent = new Map<number, number>();
	readonly arrived = new Map<number, number>();
	readonly order: number[] = [];
	delays(): number[] {
		const out: number[] = [];
		for (const [n, t] of this.arrived) out.push(t - this.sent.get(n)!);
		return out;
	}
	mean(): number {
		const d = this.delays();
		return d.reduce((a, b) => a + b, 0) / math.max(1, d.size());
	}
	min(): number {
		let m = math.huge;
		for (const d of this.delays()) m = math.min(m, d);
		return m;
	}
	max(): number {
		let m = -math.huge;
		for (const d of this.delays()) m = math.max(m, d);
		return m;
	}
}

function setup(studio = true) {
	const events = new Map<ServerNet | ClientNet, Events>();
	const ns = netSim<C>({
		sim: { clients: 1, seed: 91, link: { latency: 0 }, studio },
		define: (jecs) => ({ Pos: jecs.component<number>() }),
		register: (net, c, world, sky, jecs) => {
			const k = sky.codec;
			world.set(c.Pos, jecs.Name, "Pos");
			net.replicate(c.Pos, { codec: k.u16, channel: "unreliable" });
			events.set(net, {
				Up: net.event("Up", { codec: k.u16, from: "client", reliable: false, rate: { rate: 1000, burst: 1000 } }),
				UpReliable: net.event("UpReliable", { codec: k.u16, from: "client", rate: { rate: 1000, burst: 1000 } }),
				Down: net.event("Down", { codec: k.u16, from: "server", reliable: false }),
				DownReliable: net.event("DownReliable", { codec: k.u16, from: "server" }),
			});
		},
	});
	const server = ns.server as Side<ServerNet, C>;
	const client = ns.clients[0] as Side<ClientNet, C>;
	// conditioners go in once the client is synced (as in a game: the panel or a command turns them on)
	if (!ns.sim.runUntil(() => client.net.isSynced(), 5)) error("the client should sync");
	ns.sim.run(0.1);
	const se = events.get(server.net)!;
	const ce = events.get(client.net)!;
	return { ...ns, server, client, se, ce };
}

type Setup = ReturnType<typeof setup>;

/**
 * For `frames` frames, the sender sends message n (its frame number) on the
 * given events each frame; the receiver notes arrival times.
 */
function exchange(s: Setup, frames: number, direction: "up" | "down", reliable: Trips, unreliable: Trips) {
	const { sim } = s;
	let n = 0;
	const sending = direction === "up" ? s.client : s.server;
	const receiving = direction === "up" ? s.server : s.client;
	const [r, u] =
		direction === "up"
			? [s.se.UpReliable as ServerEventHandle<number>, s.se.Up as ServerEventHandle<number>]
			: [s.ce.DownReliable as ClientEventHandle<number>, s.ce.Down as ClientEventHandle<number>];
	receiving.game = () => {
		for (const [, v] of r.incoming()) {
			reliable.arrived.set(v, sim.time);
			reliable.order.push(v);
		}
		for (const [, v] of u.incoming()) unreliable.arrived.set(v, sim.time);
	};
	sending.game = () => {
		if (n >= frames) return;
		n += 1;
		reliable.sent.set(n, sim.time);
		unreliable.sent.set(n, sim.time);
		if (direction === "up") {
			(s.ce.UpReliable as ClientEventHandle<number>).send(n);
			(s.ce.Up as ClientEventHandle<number>).send(n);
		} else {
			(s.se.DownReliable as ServerEventHandle<number>).broadcast(n);
			(s.se.Down as ServerEventHandle<number>).broadcast(n);
		}
	};
	sim.run(frames * FRAME + 1);
	sending.game = undefined;
	receiving.game = undefined;
}

function inOrder(list: number[]): boolean {
	for (let i = 1; i < list.size(); i++) if (list[i] !== list[i - 1] + 1) return false;
	return true;
}

export = () => {
	afterEach(() => Harness.destroyAll()); // every game this spec file starts is freed after each test
	describe("conditioner", () => {
		it("delays what each side sends by its latency; reliable messages all arrive, in order", () => {
			const s = setup();
			// baseline: a perfect link delivers on the next frame
			const base = new Trips();
			exchange(s, 30, "down", base, new Trips());
			check(base.max() <= 2 * FRAME + 1e-6, "expected: base.max() <= 2 * FRAME + 1e-6");

			const serverSide = s.server.sky.condition(s.server.net, { latency: 0.1 });
			const clientSide = s.client.sky.condition(s.client.net, { latency: 0.1 });
			const down = new Trips();
			const up = new Trips();
			exchange(s, 120, "down", down, new Trips());
			exchange(s, 120, "up", up, new Trips());
			print(`delay down ${down.min()}..${down.max()}, up ${up.min()}..${up.max()} (configured 0.1 each)`);
			for (const trips of [down, up]) {
				expect(trips.arrived.size()).to.equal(120);
				check(inOrder(trips.order), "expected: inOrder(trips.order)");
				check(trips.min() >= 0.1 - 1e-6, "expected: trips.min() >= 0.1 - 1e-6");
				check(trips.max() <= 0.1 + 2 * FRAME + 1e-6, "expected: trips.max() <= 0.1 + 2 * FRAME + 1e-6");
			}
			expect(serverSide.stats().outgoing.dropped).to.equal(0);
			expect(clientSide.settings().latency).to.equal(0.1);
		});

		it("drops the configured share of unreliable packets on either side, and delays them", () => {
			const s = setup();
			const serverSide = s.server.sky.condition(s.server.net, { latency: 0.1, loss: 0.3, seed: 5 });
			const clientSide = s.client.sky.condition(s.client.net, { latency: 0.1, loss: 0.3, seed: 6 });
			// the harness's unreliable counts from here on
			const serverIn0 = s.sim.server.stats.remotes.get(UNRELIABLE)!.callsIn;
			const clientIn0 = s.client.peer.stats.remotes.get(UNRELIABLE)!.callsIn;
			const upReliable = new Trips();
			const up = new Trips();
			exchange(s, 600, "up", upReliable, up);
			const downReliable = new Trips();
			const down = new Trips();
			exchange(s, 600, "down", downReliable, down);

			// reliable: nothing lost, order kept
			expect(upReliable.arrived.size()).to.equal(600);
			expect(downReliable.arrived.size()).to.equal(600);
			check(
				inOrder(upReliable.order) && inOrder(downReliable.order),
				"expected: inOrder(upReliable.order) && inOrder(downReliable.order)",
			);

			// unreliable: each message travels in its own packet; 30% of them are dropped
			const upLoss = 1 - up.arrived.size() / 600;
			const downLoss = 1 - down.arrived.size() / 600;
			print(`measured loss up ${upLoss}, down ${downLoss} (configured 0.3); delay up ${up.mean()}, down ${down.mean()}`);
			check(math.abs(upLoss - 0.3) < 0.05, "expected: math.abs(upLoss - 0.3) < 0.05");
			check(math.abs(downLoss - 0.3) < 0.05, "expected: math.abs(downLoss - 0.3) < 0.05");
			check(
				up.min() >= 0.1 - 1e-6 && up.max() <= 0.1 + 2 * FRAME + 1e-6,
				"expected: up.min() >= 0.1 - 1e-6 && up.max() <= 0.1 + 2 * FRAME + 1e-6",
			);
			check(
				down.min() >= 0.1 - 1e-6 && down.max() <= 0.1 + 2 * FRAME + 1e-6,
				"expected: down.min() >= 0.1 - 1e-6 && down.max() <= 0.1 + 2 * FRAME + 1e-6",
			);

			// the harness saw exactly the unreliable packets the conditioners let through (the link itself loses none);
			// those still held for their delay (acks and pings keep flowing) have not gone through yet
			const cs = clientSide.stats().outgoing;
			const ss = serverSide.stats().outgoing;
			const serverIn = s.sim.server.stats.remotes.get(UNRELIABLE)!.callsIn - serverIn0;
			const clientIn = s.client.peer.stats.remotes.get(UNRELIABLE)!.callsIn - clientIn0;
			expect(serverIn).to.equal(cs.unreliable - cs.dropped - cs.waiting);
			expect(clientIn).to.equal(ss.unreliable - ss.dropped - ss.waiting);
			const packetLossUp = cs.dropped / cs.unreliable;
			const packetLossDown = ss.dropped / ss.unreliable;
			print(`unreliable packets dropped: up ${cs.dropped}/${cs.unreliable}, down ${ss.dropped}/${ss.unreliable}`);
			check(math.abs(packetLossUp - 0.3) < 0.05, "expected: math.abs(packetLossUp - 0.3) < 0.05");
			check(math.abs(packetLossDown - 0.3) < 0.05, "expected: math.abs(packetLossDown - 0.3) < 0.05");
			expect(s.server.net.stats(s.client.peer.serverPlayer)!.dropped).to.equal(0);
		});

		it("delays mutations and loses some, and replication still converges", () => {
			const s = setup();
			const { server, client, sim } = s;
			const conditioner = server.sky.condition(server.net, { latency: 0.1, loss: 0.3 });
			const e = server.world.entity();
			server.world.set(e, server.c.Pos, 0);
			sim.run(0.5);
			const setAt = new Map<number, number>();
			const seenAt = new Map<number, number>();
			let value = 0;
			server.game = () => {
				if (value >= 300) return;
				value += 1;
				server.world.set(e, server.c.Pos, value);
				setAt.set(value, sim.time);
			};
			client.game = () => {
				const handle = server.net.handleOf(e);
				const mine = handle !== undefined ? client.net.entityOf(handle) : undefined;
				const v = mine !== undefined ? client.world.get(mine, client.c.Pos) : undefined;
				if (v !== undefined && !seenAt.has(v)) seenAt.set(v, sim.time);
			};
			sim.run(7);
			let min = math.huge;
			let max = 0;
			for (const [v, t] of seenAt) {
				if (!setAt.has(v)) continue;
				const d = t - setAt.get(v)!;
				min = math.min(min, d);
				max = math.max(max, d);
			}
			const out = conditioner.stats().outgoing;
			print(`mutation delay ${min}..${max}; ${seenAt.size()} of 300 values seen; dropped ${out.dropped}/${out.unreliable}`);
			check(min >= 0.1 - 1e-6 && min <= 0.1 + 2 * FRAME + 1e-6, "expected: min >= 0.1 - 1e-6 && min <= 0.1 + 2 * FRAME + 1e-6");
			check(max <= 0.1 + 2 * FRAME + 1e-6, "expected: max <= 0.1 + 2 * FRAME + 1e-6");
			check(math.abs(out.dropped / out.unreliable - 0.3) < 0.06, "expected: math.abs(out.dropped / out.unreliable - 0.3) < 0.06");
			check(seenAt.size() < 260, "expected: seenAt.size() < 260");
			// the newest value wins despite the loss
			const mine = client.net.entityOf(server.net.handleOf(e)!)!;
			expect(client.world.get(mine, client.c.Pos)).to.equal(300);
		});

		it("adds jitter around the latency; reliable messages keep their order", () => {
			const s = setup();
			s.client.sky.condition(s.client.net, { latency: 0.1, jitter: 0.05, seed: 3 });
			const reliable = new Trips();
			const unreliable = new Trips();
			exchange(s, 600, "up", reliable, unreliable);
			const mean = unreliable.mean();
			print(`jittered delay ${unreliable.min()}..${unreliable.max()}, mean ${mean}`);
			expect(unreliable.arrived.size()).to.equal(600);
			check(unreliable.min() >= 0.05 - 1e-6, "expected: unreliable.min() >= 0.05 - 1e-6");
			check(unreliable.max() <= 0.15 + 2 * FRAME + 1e-6, "expected: unreliable.max() <= 0.15 + 2 * FRAME + 1e-6");
			// released on the first step at or after its time (half a frame late on average), delivered the next frame
			check(math.abs(mean - (0.1 + 1.5 * FRAME)) < 0.01, "expected: math.abs(mean - (0.1 + 1.5 * FRAME)) < 0.01");
			check(unreliable.max() - unreliable.min() > 0.08, "expected: unreliable.max() - unreliable.min() > 0.08");
			expect(reliable.arrived.size()).to.equal(600);
			check(inOrder(reliable.order), "expected: inOrder(reliable.order)");
		});

		it("conditions incoming packets when asked", () => {
			const s = setup();
			s.client.sky.condition(s.client.net, { latency: 0.1, outgoing: false, incoming: true });
			const up = new Trips();
			const down = new Trips();
			exchange(s, 60, "up", up, new Trips());
			exchange(s, 60, "down", down, new Trips());
			print(`outgoing delay ${up.max()}, incoming delay ${down.min()}..${down.max()}`);
			check(up.max() <= 2 * FRAME + 1e-6, "expected: up.max() <= 2 * FRAME + 1e-6");
			check(
				down.min() >= 0.1 - 1e-6 && down.max() <= 0.1 + 2 * FRAME + 1e-6,
				"expected: down.min() >= 0.1 - 1e-6 && down.max() <= 0.1 + 2 * FRAME + 1e-6",
			);
			check(inOrder(down.order), "expected: inOrder(down.order)");
		});

		it("changes its figures at run time and can be turned off", () => {
			const s = setup();
			const conditioner: Conditioner = s.server.sky.condition(s.server.net, { latency: 0.2 });
			const slow = new Trips();
			exchange(s, 30, "down", slow, new Trips());
			conditioner.set({ latency: 0.05 });
			expect(conditioner.settings().latency).to.equal(0.05);
			const faster = new Trips();
			exchange(s, 30, "down", faster, new Trips());
			conditioner.set({ enabled: false });
			check(!conditioner.settings().enabled, "expected not: conditioner.settings().enabled");
			const off = new Trips();
			exchange(s, 30, "down", off, new Trips());
			print(`delays: ${slow.min()}, then ${faster.min()}, then off ${off.max()}`);
			check(
				slow.min() >= 0.2 - 1e-6 && slow.max() <= 0.2 + 2 * FRAME + 1e-6,
				"expected: slow.min() >= 0.2 - 1e-6 && slow.max() <= 0.2 + 2 * FRAME + 1e-6",
			);
			check(
				faster.min() >= 0.05 - 1e-6 && faster.max() <= 0.05 + 2 * FRAME + 1e-6,
				"expected: faster.min() >= 0.05 - 1e-6 && faster.max() <= 0.05 + 2 * FRAME + 1e-6",
			);
			check(off.max() <= 2 * FRAME + 1e-6, "expected: off.max() <= 2 * FRAME + 1e-6");
			expect(() => conditioner.set({ loss: 2 })).to.throw("probability");
			expect(() => conditioner.set({ latency: -1 })).to.throw("latency");
			conditioner.stop();
			expect(s.server.net.describePipeline().join("\n").find("conditioner", 1, true)[0]).to.equal(undefined);
		});

		it("stays off outside Studio unless told otherwise", () => {
			const s = setup(false);
			const conditioner = s.server.sky.condition(s.server.net, { latency: 0.2 });
			check(!conditioner.settings().enabled, "expected not: conditioner.settings().enabled");
			check(
				s.sim.server.warnings.some((w) => w.find("only runs in Studio", 1, true)[0] !== undefined),
				'expected: s.sim.server.warnings.some((w) => w.find("only runs in Studio", 1, true)[0] !== undefined)',
			);
			const trips = new Trips();
			exchange(s, 30, "down", trips, new Trips());
			check(trips.max() <= 2 * FRAME + 1e-6, "expected: trips.max() <= 2 * FRAME + 1e-6");
			s.client.sky.condition(s.client.net, { latency: 0.2, studioOnly: false });
			const up = new Trips();
			exchange(s, 30, "up", up, new Trips());
			check(up.min() >= 0.2 - 1e-6, "expected: up.min() >= 0.2 - 1e-6");
		});
	});
};
