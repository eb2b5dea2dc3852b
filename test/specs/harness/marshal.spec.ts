// Arguments cross the boundary by Roblox's copy rules (creator docs, "Remote
// events and callbacks", argument limitations).
import Harness from "@rbxts/skyrocket-test";
import type { Simulation } from "@rbxts/skyrocket-test";
import { assertEqual, check, expectError, make, makeRemote, replicatedStorage } from "./support";

/** Fires `args` from the server to one client and returns the three values it receives. */
function sendToClient<T = unknown>(sim: Simulation, ...args: unknown[]): [T, unknown, unknown] {
	const remote = makeRemote(sim, "RemoteEvent", "Copy");
	let got: [T, unknown, unknown] | undefined;
	remote.clients[0].OnClientEvent.Connect((a: unknown, b: unknown, c: unknown) => (got = [a as T, b, c]));
	remote.server.FireClient(sim.clients[0].serverPlayer, ...args);
	check(
		sim.runUntil(() => got !== undefined, 1),
		"the event should arrive",
	);
	remote.server.Destroy();
	sim.step(1);
	return got!;
}

function newSim() {
	return Harness.simulate({ clients: 1, quiet: true });
}

export = () => {
	afterEach(() => Harness.destroyAll()); // every game this spec file starts is freed after each test
	describe("argument copying", () => {
		it("deep-copies tables, so the receiver gets new tables with equal contents", () => {
			const sim = newSim();
			const inner = { n: 1 };
			const sent = { inner, list: [1, 2] };
			const [got] = sendToClient<typeof sent>(sim, sent);
			check(got !== sent, "the received table should be a copy");
			check(got.inner !== inner, "nested tables should be copied too");
			assertEqual(got.inner.n, 1, "nested value");
			assertEqual(got.list[1], 2, "array value");
		});

		it("keeps only the array part of a mixed table", () => {
			const sim = newSim();
			const mixed = new Map<unknown, unknown>([
				[1, "a"],
				[2, "b"],
				["key", "lost"],
			]);
			const [got] = sendToClient<Map<unknown, unknown>>(sim, mixed);
			assertEqual(got.get(1), "a", "array item 1");
			assertEqual(got.get(2), "b", "array item 2");
			assertEqual(got.get("key"), undefined, "a string key of a mixed table should be dropped");
		});

		it("cuts an array at its first nil hole", () => {
			const sim = newSim();
			const holey = new Map<number, string>([
				[1, "a"],
				[2, "b"],
				[4, "d"],
			]);
			const [got] = sendToClient<Map<number, string>>(sim, holey);
			assertEqual(got.get(2), "b", "items before the hole survive");
			assertEqual(got.get(4), undefined, "items after the hole are lost");
		});

		it("turns non-string dictionary keys into strings", () => {
			const sim = newSim();
			const dict = new Map<unknown, string>([
				[10, "ten"],
				[true, "yes"],
			]);
			const [got] = sendToClient<Map<unknown, string>>(sim, dict);
			assertEqual(got.get("10"), "ten", 'number key 10 should arrive as "10"');
			assertEqual(got.get(10), undefined, "no number key should remain");
			assertEqual(got.get("true"), "yes", 'boolean key true should arrive as "true"');
		});

		it("delivers functions as nil, keeping the arguments after them", () => {
			const sim = newSim();
			const [a, b, c] = sendToClient(sim, 1, () => 2, 3);
			assertEqual(a, 1, "argument before the function");
			assertEqual(b, undefined, "the function argument");
			assertEqual(c, 3, "argument after the function");
		});

		it("drops metatables", () => {
			const sim = newSim();
			const withMeta = setmetatable({ own: 1 }, { __index: { inherited: 2 } } as unknown as LuaMetatable<{ own: number }>);
			const [got] = sendToClient<{ own: number; inherited?: number }>(sim, withMeta);
			assertEqual(getmetatable(got), undefined, "the copy should have no metatable");
			assertEqual(got.own, 1, "own fields survive");
			assertEqual(got.inherited, undefined, "fields reached through __index do not");
		});

		it("copies buffers", () => {
			const sim = newSim();
			const b = buffer.create(4);
			buffer.writeu32(b, 0, 0xdeadbeef);
			const remote = makeRemote(sim, "RemoteEvent", "Buf");
			let got: buffer | undefined;
			remote.clients[0].OnClientEvent.Connect((x: buffer) => (got = x));
			remote.server.FireClient(sim.clients[0].serverPlayer, b);
			buffer.writeu32(b, 0, 1); // a change after firing must not travel
			sim.step(2);
			check(got !== undefined && got !== b, "the receiver should get its own buffer");
			assertEqual(buffer.readu32(got!, 0), 0xdeadbeef, "the buffer's contents as fired");
		});

		it("maps an Instance to the receiver's own copy of it", () => {
			const sim = newSim();
			const folder = make(sim.server, "Folder", replicatedStorage(sim.server), "Shared");
			const [got] = sendToClient<Instance>(sim, folder);
			const clientFolder = replicatedStorage(sim.clients[0]).FindFirstChild("Shared");
			check(clientFolder !== undefined, "the folder should have replicated");
			check(got === clientFolder, "the received reference should be the client's own Folder");
			check(got !== folder, "and not the server's object");
		});

		it("delivers an Instance the receiver cannot see (ServerStorage) as nil", () => {
			const sim = newSim();
			const hidden = make(sim.server, "Folder", sim.server.game.GetService("ServerStorage"), "Hidden");
			const [a, b] = sendToClient(sim, hidden, "after");
			assertEqual(a, undefined, "a ServerStorage instance");
			assertEqual(b, "after", "the next argument still arrives");
		});

		it("refuses cyclic tables with an error", () => {
			const sim = newSim();
			const remote = makeRemote(sim, "RemoteEvent", "Cycle");
			const cyclic: { self?: unknown } = {};
			cyclic.self = cyclic;
			const err = expectError(() => remote.server.FireAllClients(cyclic), "firing a cyclic table");
			check(err.find("cyclic")[0] !== undefined, `the error should mention the cycle, got: ${err}`);
		});
	});
};
