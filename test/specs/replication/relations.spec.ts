import type { Entity } from "@rbxts/jecs";
import { netSim } from "../../support/net";
import { check } from "../../support/check";
import Harness from "@rbxts/skyrocket-test";

interface Components {
	Health: Entity<number>;
	Enemy: Entity;
	Owns: Entity;
	Target: Entity<Entity | undefined>;
}

export = () => {
	afterEach(() => Harness.destroyAll()); // every game this spec file starts is freed after each test
	const setup = (clients = 2) =>
		netSim<Components>({
			sim: { clients, seed: 3, link: { latency: 0.08, jitter: 0.02, loss: 0.1 } },
			define: (jecs) => ({
				Health: jecs.component<number>(),
				Enemy: jecs.tag(),
				Owns: jecs.component(),
				Target: jecs.component<Entity | undefined>(),
			}),
			register: (net, c, world, sky, jecs) => {
				world.set(c.Health, jecs.Name, "Health");
				world.set(c.Enemy, jecs.Name, "Enemy");
				world.set(c.Owns, jecs.Name, "Owns");
				world.set(c.Target, jecs.Name, "Target");
				net.replicate(c.Health, sky.codec.u16);
				net.replicateTag(c.Enemy);
				net.replicateRelation(jecs.ChildOf, "ChildOf");
				net.replicateRelation(c.Owns);
				net.replicate(c.Target, sky.codec.entity());
			},
		});

	describe("relations, tags and entity references", () => {
		it("a child spawned with ChildOf to a parent made in the same frame arrives with the relation", () => {
			const { sim, server, clients, addClient } = setup();
			const jecs = server.jecs;
			// child first, so its relation refers to an entity the packet declares later
			const parent = server.world.entity();
			const child = server.world.entity();
			server.world.set(child, server.c.Health, 5);
			server.world.add(child, jecs.pair(jecs.ChildOf, parent));
			server.world.set(parent, server.c.Health, 10);
			server.world.add(parent, server.c.Enemy);
			sim.run(0.5);
			const late = addClient();
			sim.run(0.5);
			for (const client of [...clients, late]) {
				const p = client.net.entityOf(server.net.handleOf(parent)!)!;
				const ch = client.net.entityOf(server.net.handleOf(child)!)!;
				expect(p).to.be.ok();
				expect(ch).to.be.ok();
				check(
					client.world.has(ch, client.jecs.pair(client.jecs.ChildOf, p)),
					"expected: client.world.has(ch, client.jecs.pair(client.jecs.ChildOf, p))",
				);
				check(client.world.has(p, client.c.Enemy), "expected: client.world.has(p, client.c.Enemy)");
				expect(client.world.get(ch, client.c.Health)).to.equal(5);
			}
		});

		it("replicates tag and relation removal, and entity references", () => {
			const { sim, server, clients } = setup(1);
			const jecs = server.jecs;
			const a = server.world.entity();
			const b = server.world.entity();
			server.world.set(a, server.c.Health, 1);
			server.world.set(b, server.c.Health, 2);
			server.world.add(a, server.c.Enemy);
			server.world.add(a, jecs.pair(server.c.Owns, b));
			server.world.set(a, server.c.Target, b);
			sim.run(0.5);
			const client = clients[0];
			const ca = client.net.entityOf(server.net.handleOf(a)!)!;
			const cb = client.net.entityOf(server.net.handleOf(b)!)!;
			expect(client.world.get(ca, client.c.Target)).to.equal(cb);
			check(
				client.world.has(ca, client.jecs.pair(client.c.Owns, cb)),
				"expected: client.world.has(ca, client.jecs.pair(client.c.Owns, cb))",
			);
			server.world.remove(a, server.c.Enemy);
			server.world.remove(a, jecs.pair(server.c.Owns, b));
			sim.run(0.5);
			check(!client.world.has(ca, client.c.Enemy), "expected not: client.world.has(ca, client.c.Enemy)");
			check(
				!client.world.has(ca, client.jecs.pair(client.c.Owns, cb)),
				"expected not: client.world.has(ca, client.jecs.pair(client.c.Owns, cb))",
			);
		});

		it("deleting a parent despawns its children on clients", () => {
			const { sim, server, clients } = setup(1);
			const jecs = server.jecs;
			const parent = server.world.entity();
			const child = server.world.entity();
			server.world.set(parent, server.c.Health, 1);
			server.world.set(child, server.c.Health, 2);
			server.world.add(child, jecs.pair(jecs.ChildOf, parent));
			sim.run(0.5);
			const client = clients[0];
			const cc = client.net.entityOf(server.net.handleOf(child)!)!;
			server.world.delete(parent);
			sim.run(0.5);
			check(!client.world.contains(cc), "expected not: client.world.contains(cc)");
			expect(client.net.entityOf(1)).never.to.be.ok();
		});
	});
};
