// Helpers shared by the harness specs: build instances inside a peer, and
// assertions whose failure message says what was expected.
import type { Peer, Simulation } from "@rbxts/skyrocket-test";
import { assertAtMost, assertBetween, assertEqual, check } from "../../support/check";
export { assertAtMost, assertBetween, assertEqual, check };

/** Runs `fn` and returns the error it threw (fails if it did not throw). */
export function expectError(fn: () => unknown, message: string): string {
	const [ok, err] = pcall(fn);
	if (ok) {
		error(`${message}: expected an error, but the call succeeded`, 2);
	}
	return tostring(err);
}

/** Creates an instance owned by `peer` (a spec's own `new Instance` would belong to the runner). */
export function make<T extends keyof CreatableInstances>(
	peer: Peer,
	className: T,
	parent?: Instance,
	name?: string,
): CreatableInstances[T] {
	const inst = new peer.globals.Instance(className);
	if (name !== undefined) inst.Name = name;
	if (parent) inst.Parent = parent;
	return inst;
}

/** A ModuleScript owned by `peer` whose Source is `source` (compiled when required). */
export function moduleScript(peer: Peer, parent: Instance, name: string, source: string): ModuleScript {
	const m = make(peer, "ModuleScript", undefined, name);
	(m as unknown as { Source: string }).Source = source;
	m.Parent = parent;
	return m;
}

export function replicatedStorage(peer: Peer): ReplicatedStorage {
	return peer.game.GetService("ReplicatedStorage");
}

/** Steps `sim` until `name` exists under the client's ReplicatedStorage; returns it. */
export function waitOnClient<T extends Instance>(sim: Simulation, client: Peer, name: string): T {
	const rs = replicatedStorage(client);
	const found = sim.runUntil(() => rs.FindFirstChild(name) !== undefined, 5);
	assert(found, `${name} should replicate to ${client.name} within 5 s`);
	return rs.FindFirstChild(name) as T;
}

/** A remote created on the server under ReplicatedStorage and its copy on every client. */
export function makeRemote<T extends "RemoteEvent" | "UnreliableRemoteEvent" | "RemoteFunction">(
	sim: Simulation,
	className: T,
	name: string,
): { server: CreatableInstances[T]; clients: CreatableInstances[T][] } {
	const server = make(sim.server, className, replicatedStorage(sim.server), name);
	const clients = sim.clients.map((c) => waitOnClient<CreatableInstances[T]>(sim, c, name));
	return { server, clients };
}
