/**
 * A client that does not declare everything the server does: what it lacks
 * is skipped (named once in a warning) and everything else applies; an
 * unreliable component it lacks makes unreliable updates wait, and the
 * warning names it and keeps saying so; its own events the server does not
 * know are refused at send.
 */
import type { Entity } from "@rbxts/jecs";
import { netSim, Sky } from "../../support/net";
import Harness from "@rbxts/skyrocket-test";
import type { ServerNet } from "../../../src/net/server";
import type { ClientNet } from "../../../src/net/client";
import type { ClientEventHandle, ServerEventHandle } from "../../../src";
import { assertEqual, check } from "../../support/check";

interface Transform {
	position: Vector3;
	yaw: number;
}
interface C {
	Health: Entity<number>;
	Title: Entity<string>;
	Mana: Entity<number>;
	Poisoned: Entity;
	Transform: Entity<Transform>;
	Velocity: Entity<Vector3>;
}

const define = (jecs: typeof import("@rbxts/jecs")) => ({
	Health: jecs.component<number>(),
	Title: jecs.component<string>(),
	Mana: jecs.component<number>(),
	Poisoned: jecs.tag(),
	Transform: jecs.component<Transform>(),
	Velocity: jecs.component<Vector3>(),
});

function names(c: C, world: import("@rbxts/jecs").World, jecs: typeof import("@rbxts/jecs")) {
	world.set(c.Health, jecs.Name, "Health");
	world.set(c.Title, jecs.Name, "Title");
	world.set(c.Mana, jecs.Name, "Mana");
	world.set(c.Poisoned, jecs.Name, "Poisoned");
	world.set(c.Transform, jecs.Name, "Transform");
	world.set(c.Velocity, jecs.Name, "Velocity");
}

const transformCodec = (sky: Sky) => sky.codec.struct({ position: sky.codec.vector3({ precision: 1 / 64 }), yaw: sky.codec.angle() });

export = () => {
	afterEach(() => Harness.destroyAll()); // every game this spec file starts is freed after each test
	describe("declarations missing on a client", () => {
		it("skips what the client does not declare (named once) and applies everything else", () => {
			const events = new Map<ServerNet | ClientNet, Map<string, unknown>>();
			const ns = netSim<C>({
				sim: { clients: 1, seed: 91, link: { latency: 0.05, loss: 0.1 } },
				define,
				register: (net, c, world, sky, jecs) => {
					names(c, world, jecs);
					const k = sky.codec;
					const handles = new Map<string, unknown>();
					const isServer = "setInterest" in net;
					net.replicate(c.Health, k.u16);
					net.replicate(c.Title, k.str(32));
					net.replicate(c.Transform, { codec: transformCodec(sky), channel: "unreliable" });
					handles.set("Hit", net.event("Hit", { codec: k.u8, from: "server", reliable: false }));
					if (isServer) {
						// what this client leaves out: a reliable component, a tag, a server event, a client event
						net.replicate(c.Mana, k.u16);
						net.replicateTag(c.Poisoned);
						handles.set("Notice", net.event("Notice", { codec: k.str(40), from: "server" }));
						handles.set("Report", net.event("Report", { codec: k.str(40), from: "client" }));
					} else {
						// declared with another codec than the server's: skipped too, named with both codecs
						net.replicate(c.Mana, k.u8);
						// an event the server does not know
						handles.set("Wave", net.event("Wave", { codec: k.u8, from: "client" }));
					}
					events.set(net, handles);
				},
			});
			const { sim, server } = ns;
			const client = ns.clients[0];
			const w = server.world;
			const orcs: Entity[] = [];
			for (let i = 0; i < 5; i++) {
				const e = w.entity();
				w.set(e, server.c.Health, 100 + i);
				w.set(e, server.c.Title, `orc ${i}`);
				w.set(e, server.c.Mana, 300); // out of u8's range: the client could not even read it with its codec
				w.add(e, server.c.Poisoned);
				w.set(e, server.c.Transform, { position: new Vector3(i, 0, 0), yaw: 0 });
				orcs.push(e);
			}
			const serverHandles = events.get(server.net)!;
			const hits: number[] = [];
			(events.get(client.net)!.get("Hit") as ClientEventHandle<number, "server">).observe((n) => hits.push(n));
			sim.run(0.5);
			(serverHandles.get("Notice") as ServerEventHandle<string, "server">).broadcast("a notice the client skips");
			(serverHandles.get("Hit") as ServerEventHandle<number, "server">).broadcast(7);
			for (const e of orcs) {
				w.set(e, server.c.Health, 50);
				w.set(e, server.c.Mana, 299);
				w.set(e, server.c.Transform, { position: new Vector3(10, 0, 10), yaw: 1 });
			}
			const wave = events.get(client.net)!.get("Wave") as ClientEventHandle<number, "client">;
			wave.send(1);
			// a transaction with an event the server does not know is refused at once, not sent
			let refusedTx = "";
			client.net.transaction(() => wave.send(2)).catch((e: unknown) => (refusedTx = tostring(e)));
			sim.run(2);
			check(
				refusedTx.find("event Wave is not declared on the server", 1, true)[0] !== undefined,
				`the transaction is refused: "${refusedTx}"`,
			);

			const codec = server.net.context.registry.byName.get("Transform")!.codec!;
			for (const e of orcs) {
				const mine = client.net.entityOf(server.net.handleOf(e)!);
				check(mine !== undefined, "every entity reaches the client");
				assertEqual(client.world.get(mine!, client.c.Health), 50, "Health keeps replicating");
				assertEqual(client.world.get(mine!, client.c.Title), w.get(e, server.c.Title), "Title replicated");
				check(
					codec.equals(client.world.get(mine!, client.c.Transform)!, codec.canonical(w.get(e, server.c.Transform)!)),
					"unreliable Transform keeps replicating",
				);
				check(!client.world.has(mine!, client.c.Mana), "a component declared with another codec is skipped");
			}
			check(hits.includes(7), "an event the client declares still arrives beside one it skips");
			const warned = client.peer.warnings.filter((m) => m.find("which this client does not declare", 1, true)[0] !== undefined);
			assertEqual(warned.size(), 1, `one warning names what is skipped (${warned.join(" | ")})`);
			for (const what of ["Mana (server codec u16, client codec u8)", "Poisoned", "event Notice"])
				check(warned[0].find(what, 1, true)[0] !== undefined, `the warning names ${what}: ${warned[0]}`);
			check(warned[0].find("Report", 1, true)[0] === undefined, "a client event the client never sends is not worth a warning");
			const refused = client.peer.warnings.filter(
				(m) => m.find("event Wave is not declared on the server", 1, true)[0] !== undefined,
			);
			assertEqual(refused.size(), 1, "an event the server does not know is refused at send, once warned");
			assertEqual(sim.server.errors.size() + client.peer.errors.size(), 0, "errors");
			assertEqual(server.net.stats(client.peer.serverPlayer)!.dropped, 0, "the server dropped nothing from this client");

			// registering a skipped component now would leave its skipped values wrong: refused, naming the fix
			const [ok, err] = pcall(() => client.net.replicateTag(client.c.Poisoned));
			check(
				!ok && tostring(err).find("before the client's first net.step", 1, true)[0] !== undefined,
				`late registration refused: ${err}`,
			);
		});

		it("an unreliable component the client lacks makes unreliable updates wait: the warning names it and keeps saying so", () => {
			const ns = netSim<C>({
				sim: { clients: 1, seed: 92, link: { latency: 0.05 } },
				define,
				register: (net, c, world, sky, jecs) => {
					names(c, world, jecs);
					net.replicate(c.Health, sky.codec.u16);
					net.replicate(c.Transform, { codec: transformCodec(sky), channel: "unreliable" });
					if ("setInterest" in net)
						net.replicate(c.Velocity, { codec: sky.codec.vector3({ precision: 1 / 16 }), channel: "unreliable" });
				},
			});
			const { sim, server } = ns;
			const client = ns.clients[0];
			const w = server.world;
			const e = w.entity();
			w.set(e, server.c.Health, 10);
			w.set(e, server.c.Transform, { position: new Vector3(1, 0, 0), yaw: 0 });
			w.set(e, server.c.Velocity, new Vector3(1, 0, 0));
			let x = 1;
			server.game = () => {
				x += 0.5;
				w.set(e, server.c.Transform, { position: new Vector3(x, 0, 0), yaw: 0 });
			};
			sim.run(0.5);
			const mine = client.net.entityOf(server.net.handleOf(e)!)!;
			const spawnedAt = client.world.get(mine, client.c.Transform)!.position.X;
			w.set(e, server.c.Health, 11);
			sim.run(21);
			assertEqual(client.world.get(mine, client.c.Health), 11, "reliable updates keep arriving");
			assertEqual(client.world.get(mine, client.c.Transform)!.position.X, spawnedAt, "Transform keeps the value it spawned with");
			check(x > spawnedAt + 100, "while the server's moved on");
			const waiting = client.peer.warnings.filter(
				(m) => m.find("unreliable updates from the server are waiting", 1, true)[0] !== undefined,
			);
			check(waiting.size() >= 3, `the warning repeats while the updates wait (every 10 s), got ${waiting.size()}`);
			check(waiting[0].find("Velocity", 1, true)[0] !== undefined, `it names what is missing: ${waiting[0]}`);
			check((client.net.stats().drops.get("waiting for unreliable components") ?? 0) > 0, "the waiting packets are counted");
		});

		it("registration errors name the call and the fix, in TypeScript syntax", () => {
			const ns = netSim<C>({ sim: { clients: 0, seed: 93 }, define, register: () => {} });
			const { net, c, sky } = ns.server;
			const [ok, err] = pcall(() => net.replicate(c.Health, sky.codec.u16));
			check(!ok, "a component without a name is refused");
			const message = tostring(err);
			for (const part of [
				"net.replicate() was given a component without a name",
				`world.set(Health, jecs.Name, "Health")`,
				`{ codec: codec.u16, name: "Health" }`,
			])
				check(message.find(part, 1, true)[0] !== undefined, `the message says ${part}: ${message}`);
			const [okTag, errTag] = pcall(() => net.replicateTag(c.Poisoned));
			check(
				!okTag && tostring(errTag).find('net.replicateTag(Stunned, "Stunned")', 1, true)[0] !== undefined,
				`tags name their call: ${errTag}`,
			);
		});
	});
};
