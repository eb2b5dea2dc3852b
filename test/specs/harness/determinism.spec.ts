// A run is a function of its seed: the same seed and traffic give the same
// losses, the same order and the same byte counts.
import Harness from "@rbxts/skyrocket-test";
import { assertEqual, check, makeRemote, moduleScript, replicatedStorage } from "./support";

interface Outcome {
	clientOrder: string;
	serverOrder: string;
	bytes: string;
}

/** Two clients exchange unreliable events with the server over a lossy, jittery link. */
function runScenario(seed: number): Outcome {
	const sim = Harness.simulate({
		clients: 2,
		seed,
		link: { latency: 0.05, jitter: 0.03, loss: 0.3, reorder: 0.1 },
		quiet: true,
	});
	const remote = makeRemote(sim, "UnreliableRemoteEvent", "Chatter");
	const clientOrder: number[] = [];
	const serverOrder: string[] = [];
	remote.clients[0].OnClientEvent.Connect((i: number) => clientOrder.push(i));
	remote.server.OnServerEvent.Connect((player, i) => serverOrder.push(`${player.Name}:${i}`));
	for (let i = 1; i <= 120; i++) {
		remote.server.FireAllClients(i, "x".rep(i % 50));
		remote.clients.forEach((r) => r.FireServer(i));
		sim.step(1);
	}
	sim.run(1);
	const s = sim.server.stats;
	const c = sim.clients[0].stats;
	return {
		clientOrder: clientOrder.join(","),
		serverOrder: serverOrder.join(","),
		bytes: `${s.bytesOut}/${s.bytesIn}/${s.lost}/${c.bytesOut}/${c.bytesIn}/${c.lost}`,
	};
}

/** What unseeded randomness gives server code in a fresh simulation with `seed`. */
function randomDraws(seed: number): string {
	const sim = Harness.simulate({ seed, quiet: true });
	const m = moduleScript(
		sim.server,
		replicatedStorage(sim.server),
		"Draw",
		'return Random.new():NextInteger(1, 1e9) .. " " .. game:GetService("HttpService"):GenerateGUID()',
	);
	return sim.server.require<string>(m);
}

export = () => {
	afterEach(() => Harness.destroyAll()); // every game this spec file starts is freed after each test
	describe("determinism", () => {
		it("gives identical byte counts and receive order for the same seed", () => {
			const a = runScenario(42);
			const b = runScenario(42);
			assertEqual(b.bytes, a.bytes, "bytes out/in and losses of the second run");
			assertEqual(b.clientOrder, a.clientOrder, "order the client received events in");
			assertEqual(b.serverOrder, a.serverOrder, "order the server received events in");
		});

		it("gives a different run for a different seed", () => {
			const a = runScenario(42);
			const b = runScenario(43);
			check(a.clientOrder !== b.clientOrder, "a different seed should lose or reorder different events");
			check(a.bytes !== b.bytes, "a different seed should change the received byte counts");
		});

		it("seeds Random.new() and GenerateGUID from the simulation's seed", () => {
			const first = randomDraws(7);
			assertEqual(randomDraws(7), first, "draws in a second simulation with the same seed");
			check(randomDraws(8) !== first, "a different seed should give different draws");
		});
	});
};
