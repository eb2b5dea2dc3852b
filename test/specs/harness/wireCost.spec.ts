// The wire cost model's figures for known payloads (WireCost.luau cites the
// sources). Per call: 9 bytes, +5 client to server, +2 for a RemoteFunction.
// Per value: a 1-byte type tag, then number 8, boolean 1, string/buffer VLQ
// length + bytes, Vector3 12, CFrame 13 axis-aligned else 19, Instance 4;
// arrays a VLQ count then their values; dictionaries a VLQ count then, per
// entry, the key as a string (VLQ length + bytes + tag) and the value.
import Harness from "@rbxts/skyrocket-test";
import { assertEqual, make, makeRemote } from "./support";

const cost = (...args: unknown[]) => Harness.remoteCallBytes(false, ...args);

export = () => {
	afterEach(() => Harness.destroyAll()); // every game this spec file starts is freed after each test
	describe("wire cost model", () => {
		it("charges 9 bytes for a server-to-client call with no arguments", () => {
			assertEqual(cost(), 9, "FireClient(player)");
		});

		it("charges the documented size of each primitive plus a 1-byte tag", () => {
			assertEqual(cost(1), 9 + 9, "a number: tag + f64");
			assertEqual(cost("abc"), 9 + 1 + 1 + 3, '"abc": tag + length + 3 bytes');
			assertEqual(cost(true), 9 + 2, "a boolean: tag + 1");
			assertEqual(Harness.remoteCallBytes(false, undefined), 9 + 1, "nil: the tag alone");
			assertEqual(cost("x".rep(200)), 9 + 1 + 2 + 200, "a 200-byte string needs a 2-byte length");
		});

		it("charges Roblox datatypes by their packed size", () => {
			assertEqual(cost(new Vector3(1, 2, 3)), 9 + 13, "a Vector3: tag + 3 x f32");
			assertEqual(cost(new CFrame(1, 2, 3)), 9 + 1 + 13, "an axis-aligned CFrame: tag + 13");
			assertEqual(cost(CFrame.Angles(0, math.pi / 2, 0)), 9 + 1 + 13, "a CFrame turned 90 degrees is still axis-aligned");
			assertEqual(cost(CFrame.Angles(0.3, 0.2, 0.1)), 9 + 1 + 19, "a rotated CFrame: tag + 19");
		});

		it("adds 5 bytes from client to server", () => {
			assertEqual(Harness.remoteCallBytes(true), 9 + 5, "FireServer()");
			assertEqual(Harness.remoteCallBytes(true, 1), 9 + 5 + 9, "FireServer(1)");
		});

		it("charges tables by count and contents", () => {
			assertEqual(cost([1, 2, 3]), 9 + 1 + 1 + 3 * 9, "{1, 2, 3}: tag + count + three numbers");
			assertEqual(cost({ a: 1 }), 9 + 1 + 1 + (1 + 1 + 1) + 9, '{a = 1}: tag + count + key "a" + a number');
			assertEqual(cost([[1]]), 9 + 2 + 2 + 9, "{{1}}: two nested array headers and a number");
		});

		it("counts the same figures in peer.stats for real calls, on both ends", () => {
			const sim = Harness.simulate({ clients: 1, quiet: true });
			const remote = makeRemote(sim, "RemoteEvent", "Cost");
			const client = sim.clients[0];
			remote.server.OnServerEvent.Connect(() => {});
			remote.clients[0].OnClientEvent.Connect(() => {});
			const server0 = sim.server.stats.bytesOut;
			remote.server.FireClient(client.serverPlayer);
			remote.server.FireClient(client.serverPlayer, "abc");
			remote.clients[0].FireServer(1);
			sim.run(0.2);
			assertEqual(sim.server.stats.bytesOut - server0, 9 + 14, 'server bytes out: FireClient() + FireClient("abc")');
			assertEqual(client.stats.bytesIn, 9 + 14, "the client receives the bytes the server sent");
			assertEqual(client.stats.bytesOut, 23, "client bytes out: FireServer(1)");
			assertEqual(sim.server.stats.bytesIn, 23, "the server receives the bytes the client sent");
			const perRemote = sim.server.stats.remotes.get("ReplicatedStorage.Cost");
			assertEqual(perRemote?.callsOut, 2, "calls out counted under the remote's full name");
			assertEqual(perRemote?.bytesIn, 23, "bytes in counted under the remote's full name");
		});

		it("charges 2 more bytes for a RemoteFunction, and 4 + tag for an Instance", () => {
			const sim = Harness.simulate({ clients: 1, quiet: true });
			const remote = makeRemote(sim, "RemoteFunction", "Echo");
			const part = make(sim.server, "Part", sim.server.game.GetService("Workspace"), "P");
			remote.server.OnServerInvoke = () => part;
			sim.clients[0].run(() => remote.clients[0].InvokeServer(1));
			assertEqual(sim.clients[0].stats.bytesOut, 9 + 5 + 2 + 9, "InvokeServer(1)");
			assertEqual(sim.server.stats.bytesOut, 9 + 2 + 5, "the server's reply: one Instance");
		});

		it("exposes the model's constants", () => {
			const w = Harness.wireCost;
			assertEqual(w.CALL_OVERHEAD, 9, "call overhead");
			assertEqual(w.CLIENT_TO_SERVER_OVERHEAD, 5, "client-to-server overhead");
			assertEqual(w.REMOTE_FUNCTION_OVERHEAD, 2, "RemoteFunction overhead");
			assertEqual(w.TYPE_TAG, 1, "type tag");
			assertEqual(w.UNRELIABLE_PAYLOAD_LIMIT, 900, "unreliable payload limit");
		});
	});
};
