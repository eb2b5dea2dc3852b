/**
 * Registering on the server after its first step: reliable components, tags,
 * relations and events are announced to connected clients before any record
 * uses them (values set before the registration included), and late joiners
 * get them in their schema; an unreliable component is refused at the call,
 * naming the fix. Never a permanent desync.
 */
import type { Entity } from "@rbxts/jecs";
import { netSim } from "../../support/net";
import Harness from "@rbxts/skyrocket-test";
import type { ServerNet } from "../../../src/net/server";
import type { ClientNet } from "../../../src/net/client";
import type { ClientEventHandle } from "../../../src";
import { assertEqual, check } from "../../support/check";

interface C {
	Title: Entity<string>;
	Health: Entity<number>;
	Stunned: Entity;
	Likes: Entity;
	Speed: Entity<number>;
}

export = () => {
	afterEach(() => Harness.destroyAll()); // every game this spec file starts is freed after each test
	describe("registering on the server after its first step", () => {
		it("announces reliable components, tags, relations and events to connected clients and late joiners", () => {
			const clientEvents = new Map<
				ClientNet,
				{ Alarm: ClientEventHandle<string, "server">; Shout: ClientEventHandle<string, "client"> }
			>();
			const ns = netSim<C>({
				sim: { clients: 1, seed: 95, link: { latency: 0.06, jitter: 0.01, loss: 0.1 } },
				define: (jecs) => ({
					Title: jecs.component<string>(),
					Health: jecs.component<number>(),
					Stunned: jecs.tag(),
					Likes: jecs.component(),
					Speed: jecs.component<number>(),
				}),
				register: (net, c, world, sky, jecs) => {
					world.set(c.Title, jecs.Name, "Title");
					world.set(c.Health, jecs.Name, "Health");
					world.set(c.Stunned, jecs.Name, "Stunned");
					world.set(c.Likes, jecs.Name, "Likes");
					world.set(c.Speed, jecs.Name, "Speed");
					net.replicate(c.Title, sky.codec.str(32));
					if ("setInterest" in net) return; // the server registers the rest later
					const client = net as ClientNet;
					client.replicate(c.Health, sky.codec.u16);
					client.replicateTag(c.Stunned);
					client.replicateRelation(c.Likes);
					clientEvents.set(client, {
						Alarm: client.event("Alarm", { codec: sky.codec.str(20), from: "server" }),
						Shout: client.event("Shout", { codec: sky.codec.str(20), from: "client" }),
					});
				},
			});
			const { sim, server } = ns;
			const { world: w, c, sky } = server;
			const orc = w.entity();
			w.set(orc, c.Title, "orc");
			w.set(orc, c.Health, 100); // set before Health is replicated: must arrive once it is
			const elf = w.entity();
			w.set(elf, c.Title, "elf");
			sim.run(1);
			const first = ns.clients[0];
			const mineOrc = first.net.entityOf(server.net.handleOf(orc)!)!;
			check(mineOrc !== undefined && !first.world.has(mineOrc, first.c.Health), "before registration only Title replicates");

			// the game loads a module that registers more, long after the first step
			const net = server.net as ServerNet;
			net.replicate(c.Health, sky.codec.u16);
			net.replicateTag(c.Stunned);
			net.replicateRelation(c.Likes);
			const alarm = net.event("Alarm", { codec: sky.codec.str(20), from: "server" });
			const shout = net.event("Shout", { codec: sky.codec.str(20), from: "client" });
			const shouts: string[] = [];
			shout.observe((text) => shouts.push(text));
			w.add(orc, c.Stunned);
			w.add(orc, server.jecs.pair(c.Likes, elf));
			alarm.broadcast("raid"); // in the same step as its declaration
			sim.run(1);
			assertEqual(first.world.get(mineOrc, first.c.Health), 100, "a value set before registration arrives");
			check(first.world.has(mineOrc, first.c.Stunned), "a late tag replicates");
			const mineElf = first.net.entityOf(server.net.handleOf(elf)!)!;
			check(first.world.has(mineOrc, first.jecs.pair(first.c.Likes, mineElf)), "a late relation replicates");
			w.set(orc, c.Health, 42);
			const events = clientEvents.get(first.net)!;
			const alarms: string[] = [];
			events.Alarm.observe((text) => alarms.push(text));
			events.Shout.send("hello");
			alarm.broadcast("again");
			sim.run(1);
			assertEqual(first.world.get(mineOrc, first.c.Health), 42, "later changes arrive");
			assertEqual(alarms.join(","), "again", "a late server event reaches the client");
			assertEqual(shouts.join(","), "hello", "a late client event reaches the server");

			// a player joining now gets the whole schema in its first packet
			const late = ns.addClient();
			sim.run(1);
			const lateOrc = late.net.entityOf(server.net.handleOf(orc)!)!;
			assertEqual(late.world.get(lateOrc, late.c.Health), 42, "a late joiner gets the late component");
			check(late.world.has(lateOrc, late.c.Stunned), "and the late tag");
			for (const peer of [sim.server, first.peer, late.peer]) assertEqual(peer.errors.size(), 0, `${peer.name} errors`);
			const malformed = [first, late].filter((s) => s.peer.warnings.some((m) => m.find("malformed", 1, true)[0] !== undefined));
			assertEqual(malformed.size(), 0, "no client dropped a packet as malformed");
		});

		it("refuses an unreliable component after the first step, at the call, naming the fix", () => {
			const ns = netSim<C>({
				sim: { clients: 1, seed: 96 },
				define: (jecs) => ({
					Title: jecs.component<string>(),
					Health: jecs.component<number>(),
					Stunned: jecs.tag(),
					Likes: jecs.component(),
					Speed: jecs.component<number>(),
				}),
				register: (net, c, world, sky, jecs) => {
					world.set(c.Speed, jecs.Name, "Speed");
					world.set(c.Title, jecs.Name, "Title");
					net.replicate(c.Title, sky.codec.str(32));
				},
			});
			ns.sim.run(0.2);
			const { net, c, sky } = ns.server;
			const [ok, err] = pcall(() => net.replicate(c.Speed, { codec: sky.codec.f32(), channel: "unreliable" }));
			check(!ok, "refused");
			const message = tostring(err);
			for (const part of ["after the server's first net.step", "register Speed with the others at start-up"])
				check(message.find(part, 1, true)[0] !== undefined, `the error says "${part}": ${message}`);
			check(net.context.registry.byName.get("Speed") === undefined, "nothing was registered");
			// a reliable one is still fine
			net.replicate(c.Speed, sky.codec.f32());
		});
	});
};
