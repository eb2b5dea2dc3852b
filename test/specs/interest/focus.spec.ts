/**
 * Area of interest without a focus: a player whose focus was never set (and
 * who has no Character) is warned once, naming net.setFocus, and still gets
 * what it owns (Owner) and what is AlwaysRelevant, with their relations.
 */
import type { Entity } from "@rbxts/jecs";
import { netSim } from "../../support/net";
import Harness from "@rbxts/skyrocket-test";
import { assertEqual, check } from "../../support/check";

interface C {
	Position: Entity<Vector3>;
	Health: Entity<number>;
}

export = () => {
	afterEach(() => Harness.destroyAll()); // every game this spec file starts is freed after each test
	const setup = () => {
		const ns = netSim<C>({
			sim: { clients: 2, seed: 19, link: { latency: 0.03 } },
			define: (jecs) => ({ Position: jecs.component<Vector3>(), Health: jecs.component<number>() }),
			register: (net, c, world, sky, jecs) => {
				world.set(c.Position, jecs.Name, "Position");
				world.set(c.Health, jecs.Name, "Health");
				net.replicate(c.Position, sky.codec.vector3({ precision: 1 / 8 }));
				net.replicate(c.Health, sky.codec.u16);
				net.replicateRelation(jecs.ChildOf, "ChildOf");
			},
		});
		ns.server.net.setInterest({ position: ns.server.c.Position, enterRadius: 50, interval: 0 });
		return ns;
	};

	describe("area of interest without a focus", () => {
		it("warns once per player naming net.setFocus, and still sends what the player owns and what is always relevant", () => {
			const ns = setup();
			const { sim, server } = ns;
			const { world, sky, jecs, c } = server;
			const [lost, focused] = ns.clients;
			server.net.setFocus(focused.peer.serverPlayer, new Vector3(0, 0, 0));
			const spawnAt = (x: number) => {
				const e = world.entity();
				world.set(e, c.Position, new Vector3(x, 0, 0));
				world.set(e, c.Health, 100);
				return e;
			};
			const avatar = spawnAt(500);
			world.set(avatar, sky.Owner, lost.peer.serverPlayer);
			const weapon = spawnAt(500);
			world.set(weapon, sky.Owner, lost.peer.serverPlayer);
			world.add(weapon, jecs.pair(jecs.ChildOf, avatar));
			const boss = spawnAt(900);
			world.add(boss, sky.AlwaysRelevant);
			const npc = spawnAt(10);
			sim.run(1);
			// ownership given after the entity went out (the player picks something up)
			const pickup = spawnAt(700);
			sim.run(0.2);
			world.set(pickup, sky.Owner, lost.peer.serverPlayer);
			sim.run(1);

			const has = (side: typeof lost, e: Entity) => side.net.entityOf(server.net.handleOf(e)!) !== undefined;
			check(has(lost, avatar), "the player's own avatar reaches it without a focus");
			check(has(lost, weapon), "its owned weapon reaches it");
			const mineAvatar = lost.net.entityOf(server.net.handleOf(avatar)!)!;
			const mineWeapon = lost.net.entityOf(server.net.handleOf(weapon)!)!;
			check(lost.world.has(mineWeapon, jecs.pair(jecs.ChildOf, mineAvatar)), "the weapon's ChildOf names its avatar on the client");
			check(has(lost, boss), "an AlwaysRelevant entity reaches it");
			check(has(lost, pickup), "an entity whose Owner was set after it spawned reaches its owner");
			check(!has(lost, npc), "a positional entity does not (there is no focus to be near)");
			check(has(focused, npc) && has(focused, boss), "the focused player sees what is near it and what is always relevant");

			const warned = sim.server.warnings.filter((m) => m.find("net.setFocus", 1, true)[0] !== undefined);
			assertEqual(warned.size(), 1, `focus warnings (${warned.join(" | ")})`);
			check(warned[0].find(lost.peer.serverPlayer.Name, 1, true)[0] !== undefined, "the warning names the player");

			// removing the ownership takes the entity out of view again
			world.remove(pickup, sky.Owner);
			sim.run(0.5);
			check(!has(lost, pickup), "an entity the player no longer owns leaves its view");
		});
	});
};
