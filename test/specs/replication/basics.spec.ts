import { netSim } from "../../support/net";
import { check } from "../../support/check";
import Harness from "@rbxts/skyrocket-test";

interface Components {
	Health: import("@rbxts/jecs").Entity<number>;
	Name: import("@rbxts/jecs").Entity<string>;
}

export = () => {
	afterEach(() => Harness.destroyAll()); // every game this spec file starts is freed after each test
	const setup = () =>
		netSim<Components>({
			sim: { clients: 2, seed: 7, link: { latency: 0.05 } },
			define: (jecs) => ({ Health: jecs.component<number>(), Name: jecs.component<string>() }),
			register: (net, c, world, sky, jecs) => {
				world.set(c.Health, jecs.Name, "Health");
				world.set(c.Name, jecs.Name, "Name");
				net.replicate(c.Health, sky.codec.u16);
				net.replicate(c.Name, sky.codec.str(64));
			},
		});

	describe("replication basics", () => {
		it("spawns an entity with its components on every client", () => {
			const { sim, server, clients } = setup();
			const e = server.world.entity();
			server.world.set(e, server.c.Health, 100);
			server.world.set(e, server.c.Name, "orc");
			sim.run(0.5);
			const handle = server.net.handleOf(e);
			expect(handle).to.be.ok();
			for (const client of clients) {
				const mine = client.net.entityOf(handle!);
				expect(mine).to.be.ok();
				expect(client.world.get(mine!, client.c.Health)).to.equal(100);
				expect(client.world.get(mine!, client.c.Name)).to.equal("orc");
			}
			expect(sim.server.errors.size()).to.equal(0);
		});

		it("replicates changes, removals and despawns", () => {
			const { sim, server, clients } = setup();
			const e = server.world.entity();
			server.world.set(e, server.c.Health, 100);
			server.world.set(e, server.c.Name, "orc");
			sim.run(0.3);
			const mine = clients[0].net.entityOf(server.net.handleOf(e)!)!;
			server.world.set(e, server.c.Health, 42);
			sim.run(0.3);
			expect(clients[0].world.get(mine, clients[0].c.Health)).to.equal(42);
			server.world.remove(e, server.c.Name);
			sim.run(0.3);
			check(!clients[0].world.has(mine, clients[0].c.Name), "expected not: clients[0].world.has(mine, clients[0].c.Name)");
			server.world.delete(e);
			sim.run(0.3);
			check(!clients[0].world.contains(mine), "expected not: clients[0].world.contains(mine)");
		});
	});
};
