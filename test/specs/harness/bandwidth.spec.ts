// The per-player bandwidth cap (about 50 KB/s server to client, DevForum
// "Network Optimization"): above it data queues, so latency grows.
import Harness from "@rbxts/skyrocket-test";
import type { LinkOptions } from "@rbxts/skyrocket-test";
import { assertBetween, check, makeRemote } from "./support";

const LATENCY = 0.05;

/** Fires a `size`-byte buffer every frame for one second; returns each message's one-way delay. */
function delays(link: LinkOptions, size: number, upstream = false): number[] {
	const sim = Harness.simulate({ clients: 1, link: { latency: LATENCY, ...link }, quiet: true });
	const remote = makeRemote(sim, "RemoteEvent", "Flood");
	const sentAt = new Map<number, number>();
	const result: number[] = [];
	const onArrive = (i: number) => result.push(sim.time - sentAt.get(i)!);
	remote.clients[0].OnClientEvent.Connect((i: number) => onArrive(i));
	remote.server.OnServerEvent.Connect((_, i) => onArrive(i as number));
	const payload = buffer.create(size);
	for (let i = 0; i < 60; i++) {
		sentAt.set(i, sim.time);
		if (upstream) remote.clients[0].FireServer(i, payload);
		else remote.server.FireAllClients(i, payload);
		sim.step(1);
	}
	check(
		sim.runUntil(() => result.size() === 60, 10),
		"every message should arrive within 10 s",
	);
	return result;
}

export = () => {
	afterEach(() => Harness.destroyAll()); // every game this spec file starts is freed after each test
	describe("bandwidth cap", () => {
		it("adds no queueing below the default 50 KB/s", () => {
			const d = delays({}, 500); // ~31 KB/s
			assertBetween(math.max(...d), LATENCY - 1e-9, LATENCY + 2 / 60, "worst delay below the cap");
		});

		it("makes latency grow when sending far above 50 KB/s", () => {
			const d = delays({}, 2000); // ~121 KB/s for one second
			assertBetween(d[0], LATENCY - 1e-9, LATENCY + 2 / 60, "the first message, sent on an idle link");
			// 121 KB take about 2.4 s at 50 KB/s, so the last message, sent at 1 s, waits about 1.4 s
			assertBetween(d[59], 1.2, 1.6, "the last message's delay behind the queue");
			for (let i = 1; i < 60; i++) check(d[i] >= d[i - 1], "each message should wait at least as long as the one before");
		});

		it("does not queue when the cap is disabled (bandwidth 0)", () => {
			const d = delays({ bandwidth: 0 }, 2000);
			assertBetween(math.max(...d), LATENCY - 1e-9, LATENCY + 2 / 60, "worst delay with an unlimited link");
		});

		it("caps client-to-server traffic only when upBandwidth is set", () => {
			const free = delays({}, 2000, true);
			assertBetween(math.max(...free), LATENCY - 1e-9, LATENCY + 2 / 60, "upstream is unlimited by default");
			const capped = delays({ upBandwidth: 50_000 }, 2000, true);
			check(capped[59] > 1, `with upBandwidth 50 KB/s the last upstream message should queue, waited ${capped[59]}`);
		});
	});
};
