// Loss and reordering hit unreliable traffic only: reliable remotes stay
// complete and ordered on the same bad link, only later.
import Harness from "@rbxts/skyrocket-test";
import { assertBetween, assertEqual, check, makeRemote } from "./support";

const N = 200;

function isSorted(list: number[]): boolean {
	for (let i = 1; i < list.size(); i++) {
		if (list[i] < list[i - 1]) return false;
	}
	return true;
}

export = () => {
	afterEach(() => Harness.destroyAll()); // every game this spec file starts is freed after each test
	describe("loss and reordering", () => {
		it("delivers every reliable RemoteEvent, in order, over a link with 50% loss and jitter", () => {
			const sim = Harness.simulate({
				clients: 1,
				seed: 11,
				link: { latency: 0.05, jitter: 0.04, loss: 0.5, reorder: 0.3 },
				quiet: true,
			});
			const remote = makeRemote(sim, "RemoteEvent", "Reliable");
			const got: number[] = [];
			remote.clients[0].OnClientEvent.Connect((i: number) => got.push(i));
			const player = sim.clients[0].serverPlayer;
			for (let i = 1; i <= N; i++) {
				remote.server.FireClient(player, i);
				sim.step(1);
			}
			sim.run(1);
			assertEqual(got.size(), N, "reliable events received");
			check(isSorted(got), "reliable events should arrive in the order they were fired");
			assertEqual(sim.server.stats.lost, 0, "no reliable call should be counted as lost");
		});

		it("loses about half of the UnreliableRemoteEvents at 50% loss and counts them", () => {
			const sim = Harness.simulate({ clients: 1, seed: 12, link: { latency: 0.05, loss: 0.5 }, quiet: true });
			const remote = makeRemote(sim, "UnreliableRemoteEvent", "Lossy");
			const got: number[] = [];
			remote.clients[0].OnClientEvent.Connect((i: number) => got.push(i));
			const player = sim.clients[0].serverPlayer;
			for (let i = 1; i <= N; i++) {
				remote.server.FireClient(player, i);
				sim.step(1);
			}
			sim.run(1);
			assertBetween(got.size(), N * 0.35, N * 0.65, "unreliable events received out of 200 at 50% loss");
			assertEqual(sim.server.stats.lost, N - got.size(), "stats.lost should count exactly the events that never arrived");
		});

		it("can reorder UnreliableRemoteEvents under jitter, but never duplicates them", () => {
			const sim = Harness.simulate({ clients: 1, seed: 13, link: { latency: 0.05, jitter: 0.04 }, quiet: true });
			const remote = makeRemote(sim, "UnreliableRemoteEvent", "Jittery");
			const got: number[] = [];
			remote.clients[0].OnClientEvent.Connect((i: number) => got.push(i));
			const player = sim.clients[0].serverPlayer;
			for (let i = 1; i <= N; i++) {
				remote.server.FireClient(player, i);
				sim.step(1);
			}
			sim.run(1);
			assertEqual(got.size(), N, "without loss every unreliable event should arrive");
			check(!isSorted(got), "with 40 ms jitter at one event per frame some events should arrive out of order");
			const seen = new Set(got);
			assertEqual(seen.size(), N, "no event should arrive twice");
		});

		it("holds back UnreliableRemoteEvents with the reorder option, even without jitter", () => {
			const sim = Harness.simulate({ clients: 1, seed: 15, link: { latency: 0.05, reorder: 0.2 }, quiet: true });
			const remote = makeRemote(sim, "UnreliableRemoteEvent", "Shuffled");
			const got: number[] = [];
			remote.clients[0].OnClientEvent.Connect((i: number) => got.push(i));
			for (let i = 1; i <= N; i++) {
				remote.server.FireAllClients(i);
				sim.step(1);
			}
			sim.run(1);
			assertEqual(got.size(), N, "reordering should not lose events");
			check(!isSorted(got), "with reorder 0.2 some events should arrive after later ones");
		});

		it("applies loss to client-to-server unreliable traffic too", () => {
			const sim = Harness.simulate({ clients: 1, seed: 14, link: { loss: 0.5 }, quiet: true });
			const remote = makeRemote(sim, "UnreliableRemoteEvent", "Up");
			let got = 0;
			remote.server.OnServerEvent.Connect(() => got++);
			for (let i = 1; i <= N; i++) {
				remote.clients[0].FireServer(i);
				sim.step(1);
			}
			sim.run(0.5);
			assertBetween(got, N * 0.35, N * 0.65, "client events received out of 200 at 50% loss");
			assertEqual(sim.clients[0].stats.lost, N - got, "the client's stats.lost should count its lost events");
		});

		it("applies new link conditions from setLink", () => {
			const sim = Harness.simulate({ clients: 1, quiet: true });
			const remote = makeRemote(sim, "RemoteEvent", "Slow");
			sim.setLink(sim.clients[0], { latency: 0.5 });
			let arrivedAt = -1;
			remote.clients[0].OnClientEvent.Connect(() => (arrivedAt = sim.time));
			const sentAt = sim.time;
			remote.server.FireAllClients();
			sim.run(1);
			assertBetween(arrivedAt - sentAt, 0.5, 0.5 + 1 / 60 + 1e-9, "delay after raising the latency to 0.5 s");
		});
	});
};
