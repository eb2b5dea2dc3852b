/**
 * Bandwidth budgets: under a budget far below demand, every 10-second window
 * stays within it (plus one packet), important entities are updated more
 * often, none starves, and everything converges once motion stops.
 */
import type { Entity } from "@rbxts/jecs";
import { netSim } from "../../support/net";
import { check } from "../../support/check";
import Harness from "@rbxts/skyrocket-test";

interface Transform {
	position: Vector3;
	yaw: number;
}
interface C {
	Transform: Entity<Transform>;
}

export = () => {
	afterEach(() => Harness.destroyAll()); // every game this spec file starts is freed after each test
	const BUDGET = 8000;
	describe("bandwidth budget", () => {
		it("keeps each player within budget, sends important entities first, starves none, converges", () => {
			const ns = netSim<C>({
				sim: { clients: 2, seed: 23, link: { latency: 0.05, loss: 0.05 } },
				serverConfig: { bandwidth: { perPlayer: BUDGET, warnAfter: 1 } },
				define: (jecs) => ({ Transform: jecs.component<Transform>() }),
				register: (net, c, world, sky, jecs) => {
					const k = sky.codec;
					world.set(c.Transform, jecs.Name, "Transform");
					net.replicate(c.Transform, {
						codec: k.struct({ position: k.vector3({ precision: 1 / 64 }), yaw: k.angle() }),
						channel: "unreliable",
					});
				},
			});
			const { sim, server } = ns;
			const rng = new Random(12);
			const entities: Entity[] = [];
			const important = new Set<Entity>();
			for (let i = 0; i < 200; i++) {
				const e = server.world.entity();
				server.world.set(e, server.c.Transform, { position: new Vector3(i, 0, 0), yaw: 0 });
				if (i < 30) {
					server.world.set(e, server.sky.Priority, 10);
					important.add(e);
				}
				entities.push(e);
			}
			sim.run(2);
			// count updates each client applies, per server entity
			const updates = new Map<Entity, number>();
			const client = ns.clients[0];
			const serverOf = new Map<Entity, Entity>();
			for (const e of entities) serverOf.set(client.net.entityOf(server.net.handleOf(e)!)!, e);
			client.world.changed(client.c.Transform, (mine) => {
				const e = serverOf.get(mine);
				if (e !== undefined) updates.set(e, (updates.get(e) ?? 0) + 1);
			});
			const warnings: Player[] = [];
			server.game = () => {
				for (const e of entities) {
					const t = server.world.get(e, server.c.Transform)!;
					server.world.set(e, server.c.Transform, {
						position: t.position.add(new Vector3(rng.NextNumber(-0.3, 0.3), 0, 0.2)),
						yaw: t.yaw + 0.05,
					});
				}
				for (const [, w] of server.world.query(server.sky.BudgetWarning)) warnings.push(w.player);
			};
			const start = math.floor(sim.time) + 1;
			sim.run(13);
			// 10-second windows on each client's incoming bytes
			for (const c of ns.clients) {
				const seconds = c.peer.stats.seconds;
				for (let s = start; s + 10 <= start + 12; s++) {
					let total = 0;
					for (let t = s; t < s + 10; t++) total += seconds.get(t)?.bytesIn ?? 0;
					check(total <= BUDGET * 10 + 912, "expected: total <= BUDGET * 10 + 912");
					check(total > BUDGET * 10 * 0.8, "expected: total > BUDGET * 10 * 0.8");
				}
			}
			let highSum = 0;
			let lowSum = 0;
			let lowMin = math.huge;
			for (const e of entities) {
				const n = updates.get(e) ?? 0;
				if (important.has(e)) highSum += n;
				else {
					lowSum += n;
					lowMin = math.min(lowMin, n);
				}
			}
			const high = highSum / 30;
			const low = lowSum / 170;
			print(
				`budget: important entities updated ${string.format("%.1f", high)} times, others ${string.format("%.1f", low)} (min ${lowMin})`,
			);
			check(high > low * 3, "expected: high > low * 3");
			check(lowMin > 0, "expected: lowMin > 0");
			const stats = server.net.stats(client.peer.serverPlayer)!;
			check(stats.deferred > 0, "expected: stats.deferred > 0");
			expect(stats.budgetWarnings).to.equal(1);
			// one warning per player over budget, as an event entity the game can query
			expect(warnings.filter((p) => p === client.peer.serverPlayer).size()).to.equal(1);
			// motion stops: everything converges
			server.game = undefined;
			sim.run(5);
			const codec = server.net.context.registry.byName.get("Transform")!.codec!;
			for (const e of entities) {
				const mine = client.net.entityOf(server.net.handleOf(e)!)!;
				check(
					codec.equals(codec.canonical(server.world.get(e, server.c.Transform)!), client.world.get(mine, client.c.Transform)!),
					"expected: codec.equals(codec.canonical(server.world.get(e, server.c.Transform)!), client.world.get(mine, client.c.Transform)!)",
				);
			}
		});
	});
};
