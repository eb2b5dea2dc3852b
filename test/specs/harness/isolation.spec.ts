// Peers share one Luau VM but nothing else: module state, _G and the DataModel
// are per peer, as they are per machine on Roblox.
import Harness from "@rbxts/skyrocket-test";
import { check, assertEqual, expectError, make, moduleScript, replicatedStorage, waitOnClient } from "./support";

export = () => {
	afterEach(() => Harness.destroyAll()); // every game this spec file starts is freed after each test
	describe("isolation between peers", () => {
		it("keeps a module's state on the server invisible to a client", () => {
			const sim = Harness.simulate({ clients: 1, quiet: true });
			const client = sim.clients[0];
			moduleScript(sim.server, replicatedStorage(sim.server), "State", "return { count = 0 }");
			const onClient = waitOnClient<ModuleScript>(sim, client, "State");
			const serverState = sim.server.require<{ count: number }>("ReplicatedStorage/State");
			serverState.count = 5;
			const clientState = client.require<{ count: number }>(onClient);
			check(clientState !== serverState, "server and client should each get their own module table");
			assertEqual(clientState.count, 0, "the client's copy should not see the server's change");
		});

		it("gives each peer its own _G", () => {
			const sim = Harness.simulate({ clients: 1, quiet: true });
			const client = sim.clients[0];
			moduleScript(
				sim.server,
				replicatedStorage(sim.server),
				"Mark",
				'_G.side = if game:GetService("RunService"):IsServer() then "server" else "client"\nreturn _G.side',
			);
			const onClient = waitOnClient<ModuleScript>(sim, client, "Mark");
			sim.server.require("ReplicatedStorage/Mark");
			client.require(onClient);
			assertEqual(sim.server.globals._G.side, "server", "the server's _G should hold what server code wrote");
			assertEqual(client.globals._G.side, "client", "the client's _G should hold what client code wrote");
			assertEqual((_G as unknown as Record<string, unknown>).side, undefined, "the spec runner's own _G should be untouched");
		});

		it("gives each peer its own DataModel", () => {
			const sim = Harness.simulate({ clients: 1, quiet: true });
			const client = sim.clients[0];
			check(sim.server.game !== client.game, "server and client should not share a DataModel");
			make(sim.server, "Folder", sim.server.game.GetService("ServerStorage"), "Secret");
			sim.run(0.5);
			check(
				client.game.GetService("ServerStorage").FindFirstChild("Secret") === undefined,
				"an instance the server creates should not appear in the client's own ServerStorage",
			);
			const folder = make(sim.server, "Folder", undefined, "Stray");
			expectError(() => {
				folder.Parent = client.game.GetService("Workspace");
			}, "parenting a server instance into a client's DataModel");
		});

		it("refuses to require another peer's ModuleScript", () => {
			const sim = Harness.simulate({ clients: 1, quiet: true });
			const m = moduleScript(sim.server, replicatedStorage(sim.server), "Mine", "return 1");
			const err = expectError(() => sim.clients[0].require(m), "a client requiring the server's ModuleScript");
			check(err.find("another peer")[0] !== undefined, `the error should say the module belongs to another peer, got: ${err}`);
		});

		it("tells server code and client code apart through RunService", () => {
			const sim = Harness.simulate({ clients: 1, quiet: true });
			const serverRun = sim.server.game.GetService("RunService");
			const clientRun = sim.clients[0].game.GetService("RunService");
			check(serverRun.IsServer() && !serverRun.IsClient(), "the server's RunService should say server");
			check(clientRun.IsClient() && !clientRun.IsServer(), "a client's RunService should say client");
		});
	});
};
