// Instance replication: what the server builds or changes under the replicated
// services reaches clients after the link latency; client changes stay local;
// server-only containers never leave the server.
import Harness from "@rbxts/skyrocket-test";
import { assertBetween, assertEqual, check, make, replicatedStorage, waitOnClient } from "./support";

const LATENCY = 0.1;

function newSim(clients = 1) {
	return Harness.simulate({ clients, link: { latency: LATENCY }, quiet: true });
}

export = () => {
	afterEach(() => Harness.destroyAll()); // every game this spec file starts is freed after each test
	describe("instance replication", () => {
		it("shows a Folder and RemoteEvent created on the server to clients after the latency", () => {
			const sim = newSim();
			const client = sim.clients[0];
			const folder = make(sim.server, "Folder", undefined, "Remotes");
			make(sim.server, "RemoteEvent", folder, "Evt");
			folder.Parent = replicatedStorage(sim.server);
			const start = sim.time;
			const evt = client.run(() => replicatedStorage(client).WaitForChild("Remotes").WaitForChild("Evt"));
			assertEqual(evt.ClassName, "RemoteEvent", "class of the replicated child");
			assertEqual(evt.GetFullName(), "ReplicatedStorage.Remotes.Evt", "full name on the client");
			assertBetween(sim.time - start, LATENCY - 1e-9, LATENCY + 2 / 60, "WaitForChild's wait for a new instance");
			assertEqual(client.errors.size(), 0, "no client errors");
		});

		it("replicates Name, Value and attribute changes", () => {
			const sim = newSim();
			const value = make(sim.server, "StringValue", replicatedStorage(sim.server), "Score");
			value.Value = "one";
			value.SetAttribute("level", 1);
			const onClient = waitOnClient<StringValue>(sim, sim.clients[0], "Score");
			// the Value op queues behind the create op on the capped link: it may land a frame later
			check(
				sim.runUntil(() => onClient.Value === "one", 0.1),
				`initial Value should follow the create, got "${onClient.Value}"`,
			);
			value.Value = "two";
			value.SetAttribute("level", 2);
			value.Name = "Points";
			sim.step(1);
			assertEqual(onClient.Value, "one", "a change should not arrive before the latency");
			sim.run(LATENCY + 1 / 60);
			assertEqual(onClient.Value, "two", "Value after the change replicated");
			assertEqual(onClient.GetAttribute("level"), 2, "attribute after the change replicated");
			assertEqual(onClient.Name, "Points", "Name after the rename replicated");
		});

		it("fires Changed on the client when a replicated value changes", () => {
			const sim = newSim();
			const value = make(sim.server, "NumberValue", replicatedStorage(sim.server), "Health");
			const onClient = waitOnClient<NumberValue>(sim, sim.clients[0], "Health");
			const seen: number[] = [];
			onClient.Changed.Connect((v) => seen.push(v));
			value.Value = 50;
			value.Value = 25;
			sim.run(LATENCY + 2 / 60);
			assertEqual(seen.join(","), "50,25", "client Changed events, in order");
		});

		it("replicates Destroy", () => {
			const sim = newSim();
			const folder = make(sim.server, "Folder", replicatedStorage(sim.server), "Doomed");
			make(sim.server, "Folder", folder, "Child");
			const onClient = waitOnClient<Folder>(sim, sim.clients[0], "Doomed");
			let destroying = false;
			onClient.Destroying.Connect(() => (destroying = true));
			folder.Destroy();
			sim.run(LATENCY + 2 / 60);
			assertEqual(replicatedStorage(sim.clients[0]).FindFirstChild("Doomed"), undefined, "the destroyed folder on the client");
			check(destroying, "the client's copy should fire Destroying");
		});

		it("keeps changes made on a client local to that client", () => {
			const sim = newSim(2);
			const [a, b] = sim.clients;
			make(sim.server, "Folder", replicatedStorage(sim.server), "Shared");
			const onA = waitOnClient<Folder>(sim, a, "Shared");
			waitOnClient<Folder>(sim, b, "Shared");
			onA.Name = "Renamed";
			make(a, "Folder", replicatedStorage(a), "ClientMade");
			sim.run(1);
			const serverRs = replicatedStorage(sim.server);
			check(serverRs.FindFirstChild("Shared") !== undefined, "the server's folder keeps its name");
			check(serverRs.FindFirstChild("ClientMade") === undefined, "a client-made folder should not reach the server");
			check(replicatedStorage(b).FindFirstChild("ClientMade") === undefined, "nor another client");
			check(replicatedStorage(b).FindFirstChild("Shared") !== undefined, "nor should the rename");
		});

		it("never sends ServerStorage or ServerScriptService contents to clients", () => {
			const sim = newSim();
			const client = sim.clients[0];
			const secret = make(sim.server, "Folder", sim.server.game.GetService("ServerStorage"), "Secret");
			make(sim.server, "Folder", sim.server.game.GetService("ServerScriptService"), "Logic");
			secret.SetAttribute("code", 1234);
			sim.run(1);
			assertEqual(client.game.GetService("ServerStorage").GetChildren().size(), 0, "client ServerStorage children");
			assertEqual(
				client.game.GetService("ServerScriptService").FindFirstChild("Logic"),
				undefined,
				"client ServerScriptService child",
			);
			secret.Parent = replicatedStorage(sim.server);
			const moved = waitOnClient<Folder>(sim, client, "Secret");
			assertEqual(moved.GetAttribute("code"), 1234, "moving it into ReplicatedStorage sends it with its attributes");
			secret.Parent = sim.server.game.GetService("ServerStorage");
			sim.run(LATENCY + 2 / 60);
			assertEqual(replicatedStorage(client).FindFirstChild("Secret"), undefined, "moving it back out removes it on the client");
		});

		it("gives a late-joining client the current tree", () => {
			const sim = newSim();
			const folder = make(sim.server, "Folder", replicatedStorage(sim.server), "World");
			const value = make(sim.server, "IntValue", folder, "Round");
			value.Value = 3;
			folder.SetAttribute("mode", "ffa");
			make(sim.server, "Folder", folder, "Gone").Destroy();
			const ref = make(sim.server, "ObjectValue", folder, "Ref");
			ref.Value = value;
			sim.run(1);
			const late = sim.addClient({ latency: LATENCY });
			check(late.loaded, "the late client should load");
			const world = replicatedStorage(late).FindFirstChild("World");
			check(world !== undefined, "the late client should see the folder");
			assertEqual((world!.FindFirstChild("Round") as IntValue).Value, 3, "current Value for the late client");
			assertEqual(world!.GetAttribute("mode"), "ffa", "current attribute for the late client");
			assertEqual(world!.FindFirstChild("Gone"), undefined, "destroyed children are not resurrected");
			check(
				(world!.FindFirstChild("Ref") as ObjectValue).Value === world!.FindFirstChild("Round"),
				"an ObjectValue should point at the late client's own copy",
			);
		});

		it("replicates parts in Workspace with their CFrame", () => {
			const sim = newSim();
			const part = make(sim.server, "Part", sim.server.game.GetService("Workspace"), "Crate");
			part.CFrame = new CFrame(1, 2, 3);
			sim.run(LATENCY + 2 / 60);
			const onClient = sim.clients[0].game.GetService("Workspace").FindFirstChild("Crate") as Part | undefined;
			check(onClient !== undefined, "the part should replicate");
			assertEqual(onClient!.Position.Y, 2, "the part's position on the client");
			part.Position = new Vector3(5, 6, 7);
			sim.run(LATENCY + 2 / 60);
			assertEqual(onClient!.Position.X, 5, "the moved part's position on the client");
		});
	});
};
