/**
 * Item 11: the client restores what it must not change. A replicated tag the
 * client's game removes (or adds), and a replicated entity it deletes (with a
 * child attached by ChildOf), are back as the server has them at the
 * client's next step, and the client then converges as usual.
 */
import Harness from "@rbxts/skyrocket-test";
import type { Entity } from "@rbxts/jecs";
import { arena, settle } from "./arena";
import { check } from "../../support/check";

export = () => {
	afterEach(() => Harness.destroyAll()); // every game this spec file starts is freed after each test
	describe("security: client-side tampering", () => {
		it("restores removed and added tags and deleted entities at the next step", () => {
			const bosses = new Map<unknown, Entity>();
			const a = arena({
				seed: 112,
				register: (net, _c, world, _sky, jecs) => {
					const boss = world.component();
					world.set(boss, jecs.Name, "Boss");
					net.replicateTag(boss);
					net.replicateRelation(jecs.ChildOf);
					bosses.set(net, boss);
				},
			});
			const { server, honest, sim } = a;
			const sw = server.world;
			const jecs = server.jecs;
			const Boss = bosses.get(server.net)!;
			const boss = sw.entity();
			sw.set(boss, server.c.Health, 500);
			sw.add(boss, Boss);
			const minion = sw.entity();
			sw.set(minion, server.c.Health, 50);
			sw.add(minion, jecs.pair(jecs.ChildOf, boss));
			const plain = a.entities[0];
			sim.run(0.5);
			const cw = honest.world;
			const cBoss = bosses.get(honest.net)!;
			const mine = (e: Entity) => honest.net.entityOf(server.net.handleOf(e)!);
			const restoredBefore = honest.net.stats().restored;
			// the client's game tampers: removes a tag, adds one, deletes a parent (its child goes with it)
			cw.remove(mine(boss)!, cBoss);
			cw.add(mine(plain)!, cBoss);
			cw.delete(mine(boss)!);
			check(mine(boss) === undefined || !cw.contains(mine(boss)!), "the boss is gone locally for now");
			sim.step(1);
			const back = mine(boss);
			check(back !== undefined && cw.contains(back), "the deleted entity is rebuilt at the next step");
			check(cw.has(back!, cBoss), "with its tag");
			check(cw.get(back!, honest.c.Health) === 500, "with its components");
			const child = mine(minion);
			check(child !== undefined && cw.contains(child), "its child is rebuilt too");
			check(cw.has(child!, honest.jecs.pair(honest.jecs.ChildOf, back!)), "the child is attached to the rebuilt parent");
			check(!cw.has(mine(plain)!, cBoss), "a tag the server never set is removed");
			check(honest.net.stats().restored > restoredBefore, "restorations are counted");
			settle(a);
		});

		it("rebuilds a deleted entity right when the client declares its ids in another order than the server", () => {
			const ids = new Map<unknown, { boss: Entity; armor: Entity<number> }>();
			let calls = 0;
			const a = arena({
				seed: 113,
				register: (net, _c, world, sky, jecs) => {
					const boss = world.component();
					world.set(boss, jecs.Name, "Boss");
					const armor = world.component<number>();
					world.set(armor, jecs.Name, "Armor");
					// the server (booted first) declares Boss then Armor; the client Armor then Boss
					if (calls === 0) {
						net.replicateTag(boss);
						net.replicate(armor, sky.codec.u8);
					} else {
						net.replicate(armor, sky.codec.u8);
						net.replicateTag(boss);
					}
					calls += 1;
					ids.set(net, { boss, armor });
				},
			});
			const { server, honest, sim } = a;
			const s = ids.get(server.net)!;
			const c = ids.get(honest.net)!;
			const e = server.world.entity();
			server.world.add(e, s.boss);
			server.world.set(e, s.armor, 7);
			sim.run(0.5);
			const cw = honest.world;
			const mine = () => honest.net.entityOf(server.net.handleOf(e)!);
			check(cw.get(mine()!, c.armor) === 7 && cw.has(mine()!, c.boss), "the entity arrived with its tag and armor");
			cw.delete(mine()!);
			sim.step(1);
			const back = mine();
			check(back !== undefined && cw.contains(back), "the deleted entity is rebuilt at the next step");
			check(cw.has(back!, c.boss), "with its tag");
			check(cw.get(back!, c.armor) === 7, `with its armor value (got ${cw.get(back!, c.armor)})`);
			settle(a);
		});
	});
};
