/**
 * A net's lifecycle: destroy() leaves nothing behind (no jecs hook, no
 * remote, no connection entity, no kept entity), Priority set before the net
 * existed counts and removing it never drives the count below zero, and
 * warnings given once are scoped to the net and the player.
 */
import type { Entity, World } from "@rbxts/jecs";
import { netSim } from "../../support/net";
import Harness from "@rbxts/skyrocket-test";
import type { ServerNet } from "../../../src/net/server";
import type { ClientNet } from "../../../src/net/client";
import type { ClientEventHandle } from "../../../src";
import { assertEqual, check } from "../../support/check";

interface Transform {
	position: Vector3;
	yaw: number;
}
interface C {
	Health: Entity<number>;
	Transform: Entity<Transform>;
	Boss: Entity;
}

/** Listeners jecs holds for `world` (its hooks: added, changed, removed), all components together. */
function listeners(world: World): number {
	const signals = (world as unknown as { signals: Record<string, Map<unknown, unknown[]>> }).signals;
	let n = 0;
	for (const kind of ["added", "changed", "removed"]) for (const [, list] of pairs(signals[kind])) n += list.size();
	return n;
}

export = () => {
	afterEach(() => Harness.destroyAll()); // every game this spec file starts is freed after each test
	const define = (jecs: typeof import("@rbxts/jecs")) => ({
		Health: jecs.component<number>(),
		Transform: jecs.component<Transform>(),
		Boss: jecs.tag(),
	});
	const register = (
		net: ServerNet | ClientNet,
		c: C,
		world: World,
		sky: typeof import("../../../src"),
		jecs: typeof import("@rbxts/jecs"),
	) => {
		const k = sky.codec;
		world.set(c.Health, jecs.Name, "Health");
		world.set(c.Transform, jecs.Name, "Transform");
		world.set(c.Boss, jecs.Name, "Boss");
		net.replicate(c.Health, k.u16);
		net.replicate(c.Transform, {
			codec: k.struct({ position: k.vector3({ precision: 1 / 64 }), yaw: k.angle() }),
			channel: "unreliable",
		});
		net.replicateTag(c.Boss);
	};

	describe("net lifecycle", () => {
		it("destroy() disconnects every jecs hook and frees everything: a destroyed net costs nothing", () => {
			const ns = netSim<C>({
				sim: { clients: 1, seed: 71, link: { latency: 0.02 } },
				define,
				register,
				server: (side) => side.net.setInterest({ position: side.c.Transform, enterRadius: 100 }),
			});
			const { sim, server } = ns;
			const client = ns.clients[0];
			const w = server.world;
			const e = w.entity();
			w.set(e, server.c.Health, 10);
			w.set(e, server.c.Transform, { position: new Vector3(1, 0, 1), yaw: 0 });
			w.add(e, server.c.Boss);
			w.set(e, server.sky.Owner, client.peer.serverPlayer);
			w.set(e, server.sky.Priority, 2);
			sim.run(0.5);
			check(client.net.entityOf(server.net.handleOf(e)!) !== undefined, "the entity reached the client before destroy");
			check(listeners(w) > 0 && listeners(client.world) > 0, "both nets listen to their worlds while alive");

			server.net.destroy();
			client.net.destroy();
			assertEqual(server.net.context.hooks.size(), 0, "server hooks left connected");
			assertEqual(client.net.context.hooks.size(), 0, "client hooks left connected");
			assertEqual(listeners(w), 0, "jecs listeners left in the server's world");
			assertEqual(listeners(client.world), 0, "jecs listeners left in the client's world");
			check(!w.has(server.c.Health, server.sky.Networked), "the server's components are no longer marked replicated");
			let connections = 0;
			for (const _ of w.query(server.sky.NetPlayer)) connections += 1;
			assertEqual(connections, 0, "connection entities left");
			check(sim.server.game.GetService("ReplicatedStorage").FindFirstChild("SkyrocketNet") === undefined, "the remotes are gone");

			// the game goes on writing its world: nothing of the net runs or grows
			for (let i = 0; i < 50; i++) w.set(w.entity(), server.c.Health, i);
			w.set(e, server.c.Health, 11);
			w.remove(e, server.sky.Priority);
			sim.run(0.5);
			const ctx = server.net.context;
			assertEqual(
				ctx.dirtyOrder.size() + ctx.tracked.size() + ctx.connections.size() + ctx.mutated.size(),
				0,
				"entries kept by a destroyed net",
			);
			assertEqual(ctx.prioritized, 0, "Priority count of a destroyed net");
			assertEqual(
				sim.server.warnings.filter((m) => m.find("destroyed net", 1, true)[0] !== undefined).size(),
				1,
				"step() on a destroyed net warns once",
			);
			assertEqual(sim.server.errors.size() + client.peer.errors.size(), 0, "errors after destroy");
		});

		it("destroy() stops a recorder attached to the net: its listeners go too, what it kept stays readable", () => {
			const ns = netSim<C>({ sim: { clients: 1, seed: 72, link: { latency: 0.02 } }, define, register });
			const { sim, server } = ns;
			const client = ns.clients[0];
			const w = server.world;
			const before = [listeners(w), listeners(client.world)];
			const serverRecorder = server.sky.record(server.net, {});
			const clientRecorder = client.sky.record(client.net, {});
			check(listeners(w) > before[0] && listeners(client.world) > before[1], "the recorders listen to the worlds");
			const e = w.entity();
			w.set(e, server.c.Health, 10);
			sim.run(0.5);
			check(serverRecorder.isRecording() && clientRecorder.isRecording(), "both recorders record while the nets live");

			server.net.destroy();
			client.net.destroy();
			assertEqual(listeners(w), 0, "jecs listeners left in the server's world (the recorder's included)");
			assertEqual(listeners(client.world), 0, "jecs listeners left in the client's world (the recorder's included)");
			check(!serverRecorder.isRecording() && !clientRecorder.isRecording(), "the recorders stopped with their nets");
			check(buffer.len(serverRecorder.save()) > 0, "the server's recording stays readable after destroy");
			const [ok, err] = pcall(() => server.sky.record(server.net, {}));
			check(
				!ok && tostring(err).find("destroyed", 1, true)[0] !== undefined,
				`record() on a destroyed net errors clearly (got ${err})`,
			);
			assertEqual(sim.server.errors.size() + client.peer.errors.size(), 0, "errors after destroy");
		});

		it("counts Priority set before server(world), and removing it never drives the count negative", () => {
			const early: Entity[] = [];
			const ns = netSim<C>({
				sim: { clients: 1, seed: 72, link: { latency: 0.02 } },
				define,
				register,
				prepare: (world, c, sky) => {
					for (let i = 0; i < 3; i++) {
						const e = world.entity();
						world.set(e, c.Health, 1);
						world.set(e, sky.Priority, 5);
						early.push(e);
					}
				},
			});
			const { server } = ns;
			assertEqual(server.net.context.prioritized, 3, "entities with Priority before the net");
			server.world.remove(early[0], server.sky.Priority);
			server.world.delete(early[1]);
			assertEqual(server.net.context.prioritized, 1, "after one removal and one despawn");
			server.world.remove(early[2], server.sky.Priority);
			server.world.remove(early[2], server.sky.Priority); // removing what is gone changes nothing
			assertEqual(server.net.context.prioritized, 0, "after every Priority went");
			const late = server.world.entity();
			server.world.set(late, server.sky.Priority, 1);
			server.world.set(late, server.sky.Priority, 2);
			assertEqual(server.net.context.prioritized, 1, "a Priority set twice counts once");
		});

		it("warns once per net and per player: another net or another player is warned too", () => {
			type Shout = ClientEventHandle<string, "client">;
			const shouts = new Map<ClientNet, Shout>();
			const declare = (net: ServerNet | ClientNet, sky: typeof import("../../../src")) => {
				const handle = net.event("Shout", { codec: sky.codec.str(20), from: "client", check: (v) => v !== "forbidden" });
				if ("send" in handle) shouts.set(net as ClientNet, handle as Shout);
			};
			const ns = netSim<object>({
				sim: { clients: 2, seed: 73, link: { latency: 0.02 } },
				define: () => ({}),
				register: (net, _c, _w, sky) => declare(net, sky),
			});
			// a second net in the same server and clients (another remotes folder), created the same way
			const second = new Map<string, ServerNet | ClientNet>();
			const make = (
				peer: typeof ns.server.peer,
				sky: typeof import("../../../src"),
				jecs: typeof import("@rbxts/jecs"),
				isServer: boolean,
			) => {
				const net = isServer ? sky.server(jecs.world(), { name: "Second" }) : sky.client(jecs.world(), { name: "Second" });
				declare(net, sky);
				peer.game.GetService("RunService").Heartbeat.Connect((dt) => net.step(dt));
				second.set(peer.name, net);
			};
			make(ns.server.peer, ns.server.sky, ns.server.jecs, true);
			for (const c of ns.clients) make(c.peer, c.sky, c.jecs, false);
			ns.sim.run(0.5);
			const firstNet = shouts.get(ns.clients[0].net)!;
			const secondNet = shouts.get(second.get(ns.clients[0].peer.name) as ClientNet)!;
			for (let i = 0; i < 5; i++) {
				firstNet.send("forbidden");
				secondNet.send("forbidden");
			}
			shouts.get(ns.clients[1].net)!.send("forbidden");
			ns.sim.run(0.5);
			const warned = ns.sim.server.warnings.filter((m) => m.find("dropped event Shout", 1, true)[0] !== undefined);
			// first net: both players once each; second net: the first player once
			assertEqual(warned.size(), 3, `warnings (${warned.join(" | ")})`);
			const first = ns.clients[0].peer.serverPlayer.Name;
			assertEqual(
				warned.filter((m) => m.find(`from ${first} `, 1, true)[0] !== undefined).size(),
				2,
				"the first player, once per net",
			);
		});
	});
};
