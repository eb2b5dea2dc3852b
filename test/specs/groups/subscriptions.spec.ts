/**
 * Subscriptions as interest: an interest group's members reach only the
 * clients subscribed to it. An unsubscribed client receives 0 bytes of the
 * group; subscribing brings the current state, then deltas; unsubscribing
 * drops the values on the client and stops the bytes; the server's allow
 * policy may refuse.
 */
import type { Entity } from "@rbxts/jecs";
import type { ClientGroup } from "../../../src/client/subscriptions";
import type { ServerGroup } from "../../../src/server/subscriptions";
import { netSim, Side } from "../../support/net";
import { assertEqual, check } from "../../support/check";

interface Components {
	Health: Entity<number>;
	MaxHealth: Entity<number>;
	Label: Entity<string>;
	/** The group object of this side, set by register. */
	stats?: ServerGroup | ClientGroup;
}

function setup(allow?: (player: Player) => boolean) {
	return netSim<Components>({
		clientConfig: { pingInterval: math.huge },
		sim: { clients: 2, seed: 16, link: { latency: 0.03 } },
		define: (jecs) => ({ Health: jecs.component<number>(), MaxHealth: jecs.component<number>(), Label: jecs.component<string>() }),
		register: (net, c, world, sky, jecs) => {
			world.set(c.Health, jecs.Name, "Health");
			world.set(c.MaxHealth, jecs.Name, "MaxHealth");
			world.set(c.Label, jecs.Name, "Label");
			net.replicate(c.Health, sky.codec.u16);
			net.replicate(c.MaxHealth, sky.codec.u16);
			net.replicate(c.Label, sky.codec.str(16));
			c.stats = net.group("Stats", [c.Health, c.MaxHealth], { interest: "opt-in", allow });
		},
	});
}

/** The client's copy of server entity `e`. */
function mine(side: Side<import("../../../src/net/client").ClientNet, Components>, handle: number): Entity {
	const e = side.net.entityOf(handle);
	if (e === undefined) error(`the client should have handle ${handle}`, 2);
	return e;
}

export = () => {
	describe("group subscriptions", () => {
		it("an unsubscribed client receives 0 bytes of the group; on subscribe it gets the current state, then deltas", () => {
			const { sim, server, clients } = setup();
			const [a, b] = clients;
			const orc = server.world.entity();
			server.world.set(orc, server.c.Label, "orc");
			server.world.set(orc, server.c.Health, 10);
			server.world.set(orc, server.c.MaxHealth, 100);
			sim.run(0.5);
			const h = server.net.handleOf(orc)!;
			assertEqual(a.world.get(mine(a, h), a.c.Label), "orc", "what is outside the group arrives");
			check(!a.world.has(mine(a, h), a.c.Health), "an opt-in group is not sent before a subscription");

			// nobody subscribed: changing the group's members costs no byte to anyone
			const before = [a.peer.stats.bytesIn, b.peer.stats.bytesIn];
			for (let i = 0; i < 30; i++) {
				server.world.set(orc, server.c.Health, 11 + i);
				sim.step(1);
			}
			sim.run(0.2);
			assertEqual(a.peer.stats.bytesIn - before[0], 0, "bytes to an unsubscribed client while the group changes");
			assertEqual(b.peer.stats.bytesIn - before[1], 0, "bytes to the other unsubscribed client");

			// a subscribes: the current state arrives (40, 100), then deltas
			(a.c.stats as ClientGroup).subscribe();
			sim.runUntil(() => a.world.get(mine(a, h), a.c.Health) === 40, 2, "the subscriber receives the current Health");
			assertEqual(a.world.get(mine(a, h), a.c.MaxHealth), 100, "the subscriber receives the current MaxHealth");
			check((a.c.stats as ClientGroup).isSubscribed(), "the client knows it is subscribed");
			check((server.c.stats as ServerGroup).isSubscribed(a.peer.serverPlayer), "the server knows a is subscribed");
			const bBefore = b.peer.stats.bytesIn;
			const aBefore = a.peer.stats.bytesIn;
			server.world.set(orc, server.c.Health, 55);
			sim.run(0.3);
			assertEqual(a.world.get(mine(a, h), a.c.Health), 55, "the delta reaches the subscriber");
			check(a.peer.stats.bytesIn - aBefore > 0, "the subscriber received the change");
			print(`group delta to the subscriber: ${a.peer.stats.bytesIn - aBefore} bytes on the wire, 0 to the unsubscribed client`);
			assertEqual(b.peer.stats.bytesIn - bBefore, 0, "bytes to the unsubscribed client");
			check(!b.world.has(mine(b, h), b.c.Health), "the unsubscribed client never had Health");

			// a later entity carries the group to the subscriber only
			const goblin = server.world.entity();
			server.world.set(goblin, server.c.Label, "goblin");
			server.world.set(goblin, server.c.Health, 5);
			sim.run(0.3);
			const g = server.net.handleOf(goblin)!;
			assertEqual(a.world.get(mine(a, g), a.c.Health), 5, "a spawn carries the group to the subscriber");
			check(!b.world.has(mine(b, g), b.c.Health), "a spawn leaves the group out for the others");

			// a unsubscribes: its values go, and the bytes stop
			(a.c.stats as ClientGroup).unsubscribe();
			sim.runUntil(() => !a.world.has(mine(a, h), a.c.Health), 2, "the unsubscribed client drops the group's values");
			check(!a.world.has(mine(a, g), a.c.Health), "on every entity");
			assertEqual(a.world.get(mine(a, h), a.c.Label), "orc", "what is outside the group stays");
			const after = a.peer.stats.bytesIn;
			server.world.set(orc, server.c.Health, 60);
			server.world.set(goblin, server.c.MaxHealth, 9);
			sim.run(0.3);
			assertEqual(a.peer.stats.bytesIn - after, 0, "bytes after unsubscribing");
			for (const peer of [sim.server, a.peer, b.peer]) assertEqual(peer.errors.size(), 0, `errors on ${peer.name}`);
			sim.destroy();
		});

		it("the server's allow policy refuses a subscription: counted, told to the client, nothing sent", () => {
			let asked = 0;
			const { sim, server, clients } = setup((player) => {
				asked += 1;
				return player.Name === "Player1";
			});
			const [a, b] = clients;
			const orc = server.world.entity();
			server.world.set(orc, server.c.Health, 10);
			server.world.set(orc, server.c.Label, "orc");
			sim.run(0.3);
			const h = server.net.handleOf(orc)!;
			check(a.peer.serverPlayer.Name === "Player1", `the first client is Player1 (got ${a.peer.serverPlayer.Name})`);
			(a.c.stats as ClientGroup).subscribe();
			(b.c.stats as ClientGroup).subscribe();
			sim.run(0.5);
			assertEqual(asked, 2, "the policy is asked once per request");
			assertEqual(a.world.get(mine(a, h), a.c.Health), 10, "the allowed client receives the group");
			check(!b.world.has(mine(b, h), b.c.Health), "the refused client receives nothing of the group");
			check(!(b.c.stats as ClientGroup).isSubscribed(), "the refused client knows it is not subscribed");
			assertEqual(server.net.stats(b.peer.serverPlayer)!.drops.get("filtered"), 1, "the refusal is counted");
			check(
				b.peer.warnings.join("\n").find("refused the subscription to group Stats", 1, true)[0] !== undefined,
				"the client is warned",
			);
			sim.destroy();
		});

		it("the server may subscribe a player itself; opt-out groups reach everyone until they unsubscribe", () => {
			const ns = netSim<Components & { bars?: ServerGroup | ClientGroup }>({
				clientConfig: { pingInterval: math.huge },
				sim: { clients: 1, seed: 17, link: { latency: 0.03 } },
				define: (jecs) => ({
					Health: jecs.component<number>(),
					MaxHealth: jecs.component<number>(),
					Label: jecs.component<string>(),
				}),
				register: (net, c, world, sky, jecs) => {
					world.set(c.Health, jecs.Name, "Health");
					world.set(c.MaxHealth, jecs.Name, "MaxHealth");
					world.set(c.Label, jecs.Name, "Label");
					net.replicate(c.Health, sky.codec.u16);
					net.replicate(c.MaxHealth, sky.codec.u16);
					net.replicate(c.Label, sky.codec.str(16));
					c.stats = net.group("Stats", [c.Health], { interest: "opt-in" });
					c.bars = net.group("Bars", [c.MaxHealth], { interest: "opt-out" });
				},
			});
			const { sim, server } = ns;
			const [a] = ns.clients;
			const orc = server.world.entity();
			server.world.set(orc, server.c.Health, 3);
			server.world.set(orc, server.c.MaxHealth, 30);
			sim.run(0.3);
			const h = server.net.handleOf(orc)!;
			assertEqual(a.world.get(mine(a, h), a.c.MaxHealth), 30, "an opt-out group is sent from the start");
			check(!a.world.has(mine(a, h), a.c.Health), "an opt-in group is not");
			(server.c.stats as ServerGroup).subscribe(a.peer.serverPlayer);
			sim.run(0.3);
			assertEqual(a.world.get(mine(a, h), a.c.Health), 3, "the server subscribed the player");
			check((a.c.stats as ClientGroup).isSubscribed(), "and told the client");
			(a.c.bars as ClientGroup).unsubscribe();
			sim.run(0.3);
			check(!a.world.has(mine(a, h), a.c.MaxHealth), "an opt-out group leaves when unsubscribed");
			sim.destroy();
		});

		it("interest groups take reliable members once each, with errors naming the member and the fix", () => {
			const ns = netSim<Components & { Transform?: Entity<number> }>({
				sim: { clients: 0, seed: 18 },
				define: (jecs) => ({
					Health: jecs.component<number>(),
					MaxHealth: jecs.component<number>(),
					Label: jecs.component<string>(),
					Transform: jecs.component<number>(),
				}),
				register: (net, c, world, sky, jecs) => {
					world.set(c.Health, jecs.Name, "Health");
					world.set(c.MaxHealth, jecs.Name, "MaxHealth");
					world.set(c.Transform!, jecs.Name, "Transform");
					net.replicate(c.Health, sky.codec.u16);
					net.replicate(c.Transform!, { codec: sky.codec.u16, channel: "unreliable" });
				},
			});
			const net = ns.server.net;
			const c = ns.server.c;
			const [ok1, unreliable] = pcall(() => net.group("Moving", [c.Transform!], { interest: "opt-in" }));
			check(
				!ok1 && tostring(unreliable).find("Transform is unreliable", 1, true)[0] !== undefined,
				`unreliable member refused: ${tostring(unreliable)}`,
			);
			net.group("A", [c.Health], { interest: "opt-in" });
			const [ok2, twice] = pcall(() => net.group("B", [c.Health], { interest: "opt-out" }));
			check(
				!ok2 && tostring(twice).find('already belongs to the interest group "A"', 1, true)[0] !== undefined,
				`a second interest group refused: ${tostring(twice)}`,
			);
			const [ok3, unknown] = pcall(() => net.group("C", [c.MaxHealth]));
			check(
				!ok3 && tostring(unknown).find("is not replicated", 1, true)[0] !== undefined,
				`an unreplicated member refused: ${tostring(unknown)}`,
			);
			// observing needs no interest: unreliable members are fine there
			net.group("Observed", [c.Transform!, c.Health]);
			ns.sim.destroy();
		});
	});
};
