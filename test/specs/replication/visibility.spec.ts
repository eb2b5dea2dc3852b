import type { Entity } from "@rbxts/jecs";
import { netSim } from "../../support/net";
import Harness from "@rbxts/skyrocket-test";

interface Components {
	Health: Entity<number>;
}

export = () => {
	afterEach(() => Harness.destroyAll()); // every game this spec file starts is freed after each test
	const setup = () =>
		netSim<Components>({
			sim: { clients: 2, seed: 5, link: { latency: 0.05 } },
			define: (jecs) => ({ Health: jecs.component<number>() }),
			register: (net, c, world, sky, jecs) => {
				world.set(c.Health, jecs.Name, "Health");
				net.replicate(c.Health, sky.codec.u16);
			},
		});

	describe("visibility", () => {
		it("owner-only entities reach only their owner; changing the rule spawns and despawns", () => {
			const { sim, server, clients } = setup();
			const sky = server.sky;
			const e = server.world.entity();
			server.world.set(e, server.c.Health, 7);
			server.net.setVisibility(e, sky.Visible.owner(clients[0].peer.serverPlayer));
			sim.run(0.5);
			const h = server.net.handleOf(e)!;
			expect(clients[0].net.entityOf(h)).to.be.ok();
			expect(clients[1].net.entityOf(h)).never.to.be.ok();
			server.net.setVisibility(e, sky.Visible.owner(clients[1].peer.serverPlayer));
			sim.run(0.5);
			expect(clients[0].net.entityOf(h)).never.to.be.ok();
			const seen = clients[1].net.entityOf(h);
			expect(seen).to.be.ok();
			expect(clients[1].world.get(seen!, clients[1].c.Health)).to.equal(7);
		});

		it("a filter rule is evaluated every step", () => {
			const { sim, server, clients } = setup();
			let allowed = false;
			const e = server.world.entity();
			server.world.set(e, server.c.Health, 1);
			server.net.setVisibility(e, server.sky.Visible.filter(() => allowed));
			sim.run(0.3);
			const h = server.net.handleOf(e)!;
			expect(clients[0].net.entityOf(h)).never.to.be.ok();
			allowed = true;
			sim.run(0.3);
			expect(clients[0].net.entityOf(h)).to.be.ok();
			expect(clients[1].net.entityOf(h)).to.be.ok();
		});

		it("frees a player's state when they leave", () => {
			const { sim, server, clients } = setup();
			for (let i = 0; i < 20; i++) server.world.set(server.world.entity(), server.c.Health, i);
			sim.run(0.3);
			const player = clients[0].peer.serverPlayer;
			expect(server.net.connection(player)).to.be.ok();
			sim.removeClient(clients[0].peer);
			sim.run(0.2);
			expect(server.net.connection(player)).never.to.be.ok();
			expect(server.net.players().size()).to.equal(1);
		});
	});
};
