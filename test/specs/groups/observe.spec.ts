/**
 * Group observers: once per step with the members that changed together (not
 * once per member), at once with the members present; pattern subscriptions
 * resolve to a group of the matching wire names at registration, and an
 * unknown pattern errors with the list of names.
 */
import type { Entity } from "@rbxts/jecs";
import type { ClientGroup } from "../../../src/client/subscriptions";
import type { ServerGroup } from "../../../src/server/subscriptions";
import { netSim } from "../../support/net";
import { assertEqual, check } from "../../support/check";

interface Components {
	PlayerHP: Entity<number>;
	PlayerMaxHP: Entity<number>;
	PlayerHPRegen: Entity<number>;
	Level: Entity<number>;
	stats?: ServerGroup | ClientGroup;
	hp?: ServerGroup | ClientGroup;
}

function setup() {
	return netSim<Components>({
		clientConfig: { pingInterval: math.huge },
		sim: { clients: 1, seed: 31, link: { latency: 0.03 } },
		define: (jecs) => ({
			PlayerHP: jecs.component<number>(),
			PlayerMaxHP: jecs.component<number>(),
			PlayerHPRegen: jecs.component<number>(),
			Level: jecs.component<number>(),
		}),
		register: (net, c, world, sky, jecs) => {
			for (const [name, id] of [
				["PlayerHP", c.PlayerHP],
				["PlayerMaxHP", c.PlayerMaxHP],
				["PlayerHPRegen", c.PlayerHPRegen],
				["Level", c.Level],
			] as const) {
				world.set(id, jecs.Name, name);
				net.replicate(id, sky.codec.u16);
			}
			c.stats = net.subscribe("Player*", { name: "Stats" });
			c.hp = net.subscribe("Player(HP|MaxHP)");
		},
	});
}

export = () => {
	describe("group observers and pattern subscriptions", () => {
		it("a pattern resolves to the matching wire names at registration", () => {
			const { sim, server, clients } = setup();
			const names = (g: ServerGroup | ClientGroup, world: import("@rbxts/jecs").World) =>
				g.members.map((m) => world.get(m, server.jecs.Name) ?? "?").join(",");
			assertEqual(
				names(server.c.stats!, server.world),
				"PlayerHP,PlayerMaxHP,PlayerHPRegen",
				"Player* is every name starting with Player",
			);
			assertEqual(names(server.c.hp!, server.world), "PlayerHP,PlayerMaxHP", "Player(HP|MaxHP) is exactly the two alternatives");
			assertEqual(server.c.hp!.name, "Player(HP|MaxHP)", "a pattern group is named by its pattern");
			assertEqual(names(clients[0].c.hp!, clients[0].world), "PlayerHP,PlayerMaxHP", "the client resolves the same members");
			const [ok, err] = pcall(() => server.net.subscribe("Mana*"));
			const message = tostring(err);
			check(
				!ok && message.find('the pattern "Mana*" matches no replicated component', 1, true)[0] !== undefined,
				`unknown pattern: ${message}`,
			);
			check(
				message.find("PlayerHP, PlayerMaxHP, PlayerHPRegen, Level", 1, true)[0] !== undefined,
				`the error lists the names: ${message}`,
			);
			check(!pcall(() => server.net.subscribe("Player["))[0], "an invalid Lua pattern errors");
			sim.destroy();
		});

		it("observe fires once per step with the members that changed together", () => {
			const { sim, server, clients } = setup();
			const [a] = clients;
			const hero = server.world.entity();
			server.world.set(hero, server.c.PlayerHP, 50);
			server.world.set(hero, server.c.Level, 1);
			sim.run(0.3);
			const mineHero = a.net.entityOf(server.net.handleOf(hero)!)!;
			const calls: string[] = [];
			const label = (changed: Entity[]) => changed.map((m) => a.world.get(m, a.jecs.Name) ?? "?").join("+");
			const disconnect = (a.c.stats as ClientGroup).observe(mineHero, (changed, e) => {
				check(e === mineHero, "the observer is told the entity");
				calls.push(label(changed));
			});
			assertEqual(calls.join(" "), "PlayerHP", "called at once with the members present");
			// two members in one server step: one call with both
			server.world.set(hero, server.c.PlayerHP, 40);
			server.world.set(hero, server.c.PlayerMaxHP, 100);
			sim.run(0.3);
			// a member and a non-member: the call names only the member
			server.world.set(hero, server.c.PlayerHPRegen, 2);
			server.world.set(hero, server.c.Level, 2);
			sim.run(0.3);
			// a non-member alone: no call
			server.world.set(hero, server.c.Level, 3);
			sim.run(0.3);
			// a member removed is a change
			server.world.remove(hero, server.c.PlayerHPRegen);
			sim.run(0.3);
			assertEqual(
				calls.join(" "),
				"PlayerHP PlayerHP+PlayerMaxHP PlayerHPRegen PlayerHPRegen",
				"one call per step, with what changed together",
			);
			disconnect();
			server.world.set(hero, server.c.PlayerHP, 1);
			sim.run(0.3);
			assertEqual(calls.size(), 4, "no call after disconnecting");
			sim.destroy();
		});

		it("a throwing observer is reported and the others still run", () => {
			const { sim, server, clients } = setup();
			const [a] = clients;
			const hero = server.world.entity();
			server.world.set(hero, server.c.PlayerHP, 5);
			sim.run(0.3);
			const e = a.net.entityOf(server.net.handleOf(hero)!)!;
			let good = 0;
			(a.c.hp as ClientGroup).observe(e, () => error("broken UI"));
			(a.c.stats as ClientGroup).observe(e, () => (good += 1));
			server.world.set(hero, server.c.PlayerHP, 6);
			sim.run(0.3);
			assertEqual(good, 2, "the healthy observer ran at once and on the change");
			check(
				a.peer.errors.join("\n").find("an observer of group Player(HP|MaxHP) failed", 1, true)[0] !== undefined,
				"the failure names the group",
			);
			sim.destroy();
		});
	});
};
