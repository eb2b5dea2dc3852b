// Players: joining fires PlayerAdded and gives the client its LocalPlayer;
// leaving or a kick fires PlayerRemoving and disconnects.
import Harness from "@rbxts/skyrocket-test";
import { assertEqual, check, make, makeRemote } from "./support";

const LATENCY = 0.05;

export = () => {
	afterEach(() => Harness.destroyAll()); // every game this spec file starts is freed after each test
	describe("players", () => {
		it("fires PlayerAdded on the server when a client joins", () => {
			const sim = Harness.simulate({ link: { latency: LATENCY }, quiet: true });
			const added: Player[] = [];
			sim.server.game.GetService("Players").PlayerAdded.Connect((p) => added.push(p));
			const client = sim.addClient();
			assertEqual(added.size(), 1, "PlayerAdded calls");
			check(added[0] === client.serverPlayer, "the Player passed should be the client's server-side Player");
			assertEqual(sim.server.game.GetService("Players").GetPlayers().size(), 1, "players listed on the server");
		});

		it("gives each client its own LocalPlayer and a view of everyone", () => {
			const sim = Harness.simulate({ clients: 2, link: { latency: LATENCY }, quiet: true });
			const [a, b] = sim.clients;
			sim.run(LATENCY * 2);
			const localA = a.game.GetService("Players").LocalPlayer;
			const localB = b.game.GetService("Players").LocalPlayer;
			check(localA !== undefined && localB !== undefined, "both clients should have a LocalPlayer");
			check(localA === a.localPlayer, "Players.LocalPlayer should be the peer's localPlayer");
			assertEqual(localA.UserId, a.serverPlayer.UserId, "LocalPlayer's UserId matches the server's Player");
			check(localA.UserId !== localB.UserId, "two clients should be two different players");
			assertEqual(a.game.GetService("Players").GetPlayers().size(), 2, "players a client sees");
			assertEqual(sim.server.game.GetService("Players").LocalPlayer, undefined, "the server has no LocalPlayer");
		});

		it("fires PlayerRemoving on the server, with the Player still readable, when a client leaves", () => {
			const sim = Harness.simulate({ clients: 2, link: { latency: LATENCY }, quiet: true });
			const [leaver, stayer] = sim.clients;
			const removing: string[] = [];
			sim.server.game.GetService("Players").PlayerRemoving.Connect((p) => removing.push(p.Name));
			const seenByOther: string[] = [];
			stayer.game.GetService("Players").PlayerRemoving.Connect((p) => seenByOther.push(p.Name));
			const name = leaver.serverPlayer.Name;
			sim.removeClient(leaver);
			assertEqual(removing.join(","), name, "PlayerRemoving on the server");
			assertEqual(sim.clients.size(), 1, "connected clients after one left");
			sim.run(LATENCY * 2);
			assertEqual(seenByOther.join(","), name, "PlayerRemoving on the remaining client");
		});

		it("reports GetNetworkPing as the round trip of the link, on both ends", () => {
			const sim = Harness.simulate({ clients: 1, link: { latency: LATENCY }, quiet: true });
			const client = sim.clients[0];
			assertEqual(client.serverPlayer.GetNetworkPing(), 2 * LATENCY, "server-side ping of a 50 ms one-way link");
			assertEqual(client.localPlayer!.GetNetworkPing(), 2 * LATENCY, "client-side ping of the same link");
		});

		it("disconnects a kicked player with the message and stops its traffic", () => {
			const sim = Harness.simulate({ clients: 1, link: { latency: LATENCY }, quiet: true });
			const client = sim.clients[0];
			const remote = makeRemote(sim, "RemoteEvent", "AfterKick");
			let received = 0;
			remote.clients[0].OnClientEvent.Connect(() => received++);
			client.serverPlayer.Kick("bye now");
			check(!client.connected, "a kicked client should be disconnected");
			assertEqual(client.kickMessage, "bye now", "the kick message");
			remote.server.FireAllClients();
			sim.run(0.5);
			assertEqual(received, 0, "a kicked client should receive nothing more");
			assertEqual(sim.server.game.GetService("Players").GetPlayers().size(), 0, "players left on the server");
		});

		it("loads a client that joins mid-game and runs its StarterPlayerScripts", () => {
			const sim = Harness.simulate({ clients: 1, link: { latency: LATENCY }, quiet: true });
			const sps = sim.server.game.GetService("StarterPlayer").FindFirstChild("StarterPlayerScripts")!;
			const hello = make(sim.server, "LocalScript", undefined, "Hello");
			(hello as unknown as { Source: string }).Source = '_G.startedAs = game:GetService("Players").LocalPlayer.Name';
			hello.Parent = sps;
			sim.run(1);
			const late = sim.addClient();
			check(late.loaded, "the late client should finish loading");
			check(late.game.IsLoaded(), "game:IsLoaded() on the late client");
			check(late.localPlayer!.FindFirstChild("PlayerScripts") !== undefined, "the late client should get PlayerScripts");
			assertEqual(
				late.globals._G.startedAs,
				late.serverPlayer.Name,
				"the StarterPlayerScripts LocalScript should run as the late player",
			);
			assertEqual(late.errors.size(), 0, "no errors on the late client");
		});
	});
};
