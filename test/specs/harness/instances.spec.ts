// The emulated Instance API behaves as Roblox's for what the library and the
// examples use: the tree, its events, properties, attributes, tags, Clone.
import Harness from "@rbxts/skyrocket-test";
import { assertBetween, assertEqual, check, expectError, make, moduleScript, replicatedStorage } from "./support";

function newServer() {
	return Harness.simulate({ quiet: true }).server;
}

export = () => {
	afterEach(() => Harness.destroyAll()); // every game this spec file starts is freed after each test
	describe("instances", () => {
		it("answers FindFirstChild, GetChildren, GetFullName, IsA and ClassName", () => {
			const server = newServer();
			const folder = make(server, "Folder", replicatedStorage(server), "Box");
			const part = make(server, "Part", folder, "Lid");
			check(folder.FindFirstChild("Lid") === part, "FindFirstChild by name");
			assertEqual(folder.FindFirstChild("Nope"), undefined, "FindFirstChild of a missing name");
			assertEqual(folder.GetChildren().size(), 1, "GetChildren count");
			assertEqual(part.GetFullName(), "ReplicatedStorage.Box.Lid", "GetFullName");
			check(part.IsA("BasePart") && part.IsA("Instance") && !part.IsA("Folder"), "IsA follows the class hierarchy");
			assertEqual(part.ClassName, "Part", "ClassName");
			check(part.IsDescendantOf(server.game), "a parented part is a descendant of its DataModel");
			expectError(() => (folder as unknown as { Bogus: unknown }).Bogus, "reading a member that does not exist");
		});

		it("fires Changed and GetPropertyChangedSignal once per real change", () => {
			const server = newServer();
			const part = make(server, "Part", server.game.GetService("Workspace"));
			const changed: string[] = [];
			let anchoredSignals = 0;
			(part as Part & ChangedSignal).Changed.Connect((prop: string) => changed.push(prop));
			part.GetPropertyChangedSignal("Anchored").Connect(() => anchoredSignals++);
			part.Anchored = true;
			part.Anchored = true; // unchanged: no event
			part.Name = "Block";
			assertEqual(changed.join(","), "Anchored,Name", "Changed events");
			assertEqual(anchoredSignals, 1, "Anchored property signal fires");
		});

		it("fires ChildAdded, DescendantAdded and ChildRemoved as the tree changes", () => {
			const server = newServer();
			const root = make(server, "Folder", replicatedStorage(server), "Root");
			const log: string[] = [];
			root.ChildAdded.Connect((c) => log.push(`added ${c.Name}`));
			root.DescendantAdded.Connect((d) => log.push(`descendant ${d.Name}`));
			root.ChildRemoved.Connect((c) => log.push(`removed ${c.Name}`));
			const branch = make(server, "Folder", undefined, "Branch");
			make(server, "Folder", branch, "Leaf");
			branch.Parent = root;
			branch.Parent = undefined;
			assertEqual(log.join(","), "added Branch,descendant Branch,descendant Leaf,removed Branch", "tree events");
		});

		it("locks Parent after Destroy and disconnects the instance's events", () => {
			const server = newServer();
			const folder = make(server, "Folder", replicatedStorage(server), "Old");
			let fired = 0;
			folder.AttributeChanged.Connect(() => fired++);
			folder.Destroy();
			assertEqual(folder.Parent, undefined, "Parent after Destroy");
			expectError(() => (folder.Parent = replicatedStorage(server)), "reparenting a destroyed instance");
			folder.SetAttribute("x", 1);
			assertEqual(fired, 0, "a destroyed instance's connections should be gone");
		});

		it("clones children, attributes and a run-time Source", () => {
			const server = newServer();
			const rs = replicatedStorage(server);
			const m = moduleScript(server, rs, "Original", "return 'cloned source'");
			m.SetAttribute("version", 2);
			make(server, "Folder", m, "Inner");
			const copy = m.Clone();
			copy.Name = "Copy";
			copy.Parent = rs;
			check(copy !== m, "Clone makes a new instance");
			assertEqual(copy.GetAttribute("version"), 2, "the clone's attribute");
			check(copy.FindFirstChild("Inner") !== undefined, "the clone's child");
			assertEqual(server.require<string>(copy), "cloned source", "the clone's module runs the same Source");
		});

		it("returns nil from WaitForChild after its timeout, on the simulated clock", () => {
			const sim = Harness.simulate({ quiet: true });
			const folder = make(sim.server, "Folder", replicatedStorage(sim.server), "Empty");
			const start = sim.time;
			const found = sim.server.run(() => folder.WaitForChild("Never", 1));
			assertEqual(found, undefined, "WaitForChild's result after the timeout");
			assertBetween(sim.time - start, 1, 1 + 2 / 60, "simulated seconds waited");
		});

		it("validates attribute names and value types", () => {
			const server = newServer();
			const folder = make(server, "Folder", replicatedStorage(server));
			expectError(() => folder.SetAttribute("has space", 1), "an attribute name with a space");
			expectError(() => folder.SetAttribute("RBXreserved", 1), "an attribute name with the RBX prefix");
			expectError(() => folder.SetAttribute("table", {} as never), "a table attribute value");
			folder.SetAttribute("ok_name", new Vector3(1, 2, 3));
			assertEqual((folder.GetAttribute("ok_name") as Vector3).Z, 3, "a Vector3 attribute");
		});

		it("tracks CollectionService tags and replicates them to clients", () => {
			const sim = Harness.simulate({ clients: 1, quiet: true });
			const part = make(sim.server, "Part", sim.server.game.GetService("Workspace"), "Tagged");
			const cs = sim.server.game.GetService("CollectionService");
			const added: Instance[] = [];
			cs.GetInstanceAddedSignal("Enemy").Connect((i) => added.push(i));
			cs.AddTag(part, "Enemy");
			check(added[0] === part, "GetInstanceAddedSignal should fire for the tagged part");
			check(cs.GetTagged("Enemy")[0] === part, "GetTagged should list the part");
			sim.run(0.1);
			const clientCs = sim.clients[0].game.GetService("CollectionService");
			assertEqual(clientCs.GetTagged("Enemy").size(), 1, "tagged instances on the client");
			cs.RemoveTag(part, "Enemy");
			sim.run(0.1);
			assertEqual(clientCs.GetTagged("Enemy").size(), 0, "tagged instances on the client after RemoveTag");
		});
	});
};
