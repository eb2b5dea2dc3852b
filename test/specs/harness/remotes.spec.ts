// Remote delivery: after the link's latency, on the receiver's next frame at
// the earliest, with the sending Player first on the server, and queued until
// someone listens.
import Harness from "@rbxts/skyrocket-test";
import { assertBetween, assertEqual, check, expectError, make, makeRemote, replicatedStorage } from "./support";

const LATENCY = 0.1;
const FRAME = 1 / 60;

export = () => {
	afterEach(() => Harness.destroyAll()); // every game this spec file starts is freed after each test
	describe("remote delivery", () => {
		it("delivers FireClient after the link latency, not before", () => {
			const sim = Harness.simulate({ clients: 1, link: { latency: LATENCY }, quiet: true });
			const remote = makeRemote(sim, "RemoteEvent", "Ping");
			let arrivedAt = -1;
			remote.clients[0].OnClientEvent.Connect(() => (arrivedAt = sim.time));
			const sentAt = sim.time;
			remote.server.FireClient(sim.clients[0].serverPlayer, "hi");
			sim.run(LATENCY - 2 * FRAME);
			assertEqual(arrivedAt, -1, "the event should still be in flight before the latency has passed");
			check(
				sim.runUntil(() => arrivedAt >= 0, 1),
				"the event should arrive",
			);
			assertBetween(arrivedAt - sentAt, LATENCY - 1e-9, LATENCY + FRAME + 1e-9, "one-way delay of a reliable event");
		});

		it("handles an event on the receiver's next frame at the earliest, even with no latency", () => {
			const sim = Harness.simulate({ clients: 1, quiet: true });
			const remote = makeRemote(sim, "RemoteEvent", "Now");
			let sentFrame = -1;
			let handledFrame = -1;
			remote.clients[0].OnClientEvent.Connect(() => (handledFrame = sim.frame));
			const conn = sim.server.game.GetService("RunService").Heartbeat.Connect(() => {
				conn.Disconnect();
				sentFrame = sim.frame;
				remote.server.FireAllClients();
			});
			sim.step(3);
			assertEqual(handledFrame, sentFrame + 1, "frame in which the client handles an event fired at 0 latency");
		});

		it("passes the sending Player first to OnServerEvent", () => {
			const sim = Harness.simulate({ clients: 2, link: { latency: LATENCY }, quiet: true });
			const remote = makeRemote(sim, "RemoteEvent", "Hello");
			const got: unknown[][] = [];
			remote.server.OnServerEvent.Connect((player, a, b) => got.push([player, a, b]));
			remote.clients[1].FireServer("a", 2);
			check(
				sim.runUntil(() => got.size() > 0, 1),
				"the server should receive the event",
			);
			check(got[0][0] === sim.clients[1].serverPlayer, "the first argument should be the sender's Player");
			assertEqual(got[0][1], "a", "the first fired argument comes second");
			assertEqual(got[0][2], 2, "the second fired argument comes third");
		});

		it("delivers FireAllClients to every client", () => {
			const sim = Harness.simulate({ clients: 3, link: { latency: LATENCY }, quiet: true });
			const remote = makeRemote(sim, "RemoteEvent", "All");
			const got: string[] = [];
			remote.clients.forEach((r, i) => r.OnClientEvent.Connect((msg: string) => got.push(`${i}:${msg}`)));
			remote.server.FireAllClients("x");
			sim.run(LATENCY + 3 * FRAME);
			got.sort();
			assertEqual(got.join(","), "0:x,1:x,2:x", "each client should receive the event once");
		});

		it("returns the server's value from InvokeServer after a round trip", () => {
			const sim = Harness.simulate({ clients: 1, link: { latency: LATENCY }, quiet: true });
			const remote = makeRemote(sim, "RemoteFunction", "Add");
			let caller: Player | undefined;
			remote.server.OnServerInvoke = (player, a, b) => {
				caller = player;
				return (a as number) + (b as number);
			};
			const start = sim.time;
			const result = sim.clients[0].run(() => remote.clients[0].InvokeServer(2, 3));
			assertEqual(result, 5, "InvokeServer's result");
			check(caller === sim.clients[0].serverPlayer, "OnServerInvoke should receive the caller's Player first");
			check(sim.time - start >= 2 * LATENCY - 1e-9, `an invoke should take a round trip, took ${sim.time - start}`);
		});

		it("raises the server's error in the client's InvokeServer", () => {
			const sim = Harness.simulate({ clients: 1, quiet: true });
			const remote = makeRemote(sim, "RemoteFunction", "Fails");
			remote.server.OnServerInvoke = () => error("server says no");
			const err = expectError(() => sim.clients[0].run(() => remote.clients[0].InvokeServer()), "an invoke whose handler throws");
			check(err.find("server says no")[0] !== undefined, `the client should see the server's message, got: ${err}`);
		});

		it("queues events fired before anyone listens and delivers them in order on connect", () => {
			const sim = Harness.simulate({ clients: 1, link: { latency: LATENCY }, quiet: true });
			const remote = makeRemote(sim, "RemoteEvent", "Early");
			for (const i of [1, 2, 3]) remote.server.FireClient(sim.clients[0].serverPlayer, i);
			sim.run(1);
			const got: number[] = [];
			remote.clients[0].OnClientEvent.Connect((n: number) => got.push(n));
			sim.step(1);
			assertEqual(got.join(","), "1,2,3", "queued events delivered on connect");
		});

		it("creates a remote at run time that clients can use as soon as it appears", () => {
			const sim = Harness.simulate({ clients: 1, link: { latency: LATENCY }, quiet: true });
			const remote = make(sim.server, "RemoteEvent", replicatedStorage(sim.server), "Fresh");
			const got: string[] = [];
			// fired in the same frame it was created: the creation travels first
			remote.FireAllClients("first");
			const onClient = sim.clients[0].run(() => replicatedStorage(sim.clients[0]).WaitForChild("Fresh") as RemoteEvent);
			onClient.OnClientEvent.Connect((msg: string) => got.push(msg));
			sim.step(1);
			assertEqual(got.join(","), "first", "an event fired right after creating the remote");
		});
	});
};
