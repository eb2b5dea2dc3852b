import type { Entity } from "@rbxts/jecs";
import { netSim } from "../../support/net";
import { check } from "../../support/check";
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

		it("writing the Visibility component after spawn takes effect (set, changed, removed), like setVisibility", () => {
			const { sim, server, clients } = setup();
			const { world, sky } = server;
			const [first, second] = clients;
			const e = world.entity();
			world.set(e, server.c.Health, 3);
			sim.run(0.3);
			const h = server.net.handleOf(e)!;
			check(first.net.entityOf(h) !== undefined && second.net.entityOf(h) !== undefined, "visible to everyone by default");
			// written as plain ECS data, after the entity went out
			world.set(e, sky.Visibility, sky.Visible.owner(first.peer.serverPlayer));
			sim.run(0.3);
			check(first.net.entityOf(h) !== undefined, "the owner keeps it");
			check(second.net.entityOf(h) === undefined, "the other player loses it once Visibility is written");
			world.set(e, sky.Visibility, sky.Visible.players([second.peer.serverPlayer]));
			sim.run(0.3);
			check(
				first.net.entityOf(h) === undefined && second.net.entityOf(h) !== undefined,
				"a changed rule moves it to the other player",
			);
			world.set(
				e,
				sky.Visibility,
				sky.Visible.filter((p) => p === first.peer.serverPlayer),
			);
			sim.run(0.3);
			check(
				first.net.entityOf(h) !== undefined && second.net.entityOf(h) === undefined,
				"a filter rule written as data is evaluated",
			);
			world.remove(e, sky.Visibility);
			sim.run(0.3);
			check(first.net.entityOf(h) !== undefined && second.net.entityOf(h) !== undefined, "removing Visibility shows it to everyone");
			expect(sim.server.errors.size()).to.equal(0);
		});

		it("a filter rule is evaluated every step", () => {
			const { sim, server, clients } = setup();
			let allowed = false;
			const e = server.world.entity();
			server.world.set(e, server.c.Health, 1);
			server.net.setVisibility(
				e,
				server.sky.Visible.filter(() => allowed),
			);
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
