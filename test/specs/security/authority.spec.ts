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
	});
};
