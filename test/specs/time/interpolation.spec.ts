/**
 * Interpolation: a server entity moving on a known circle; the client's
 * rendered value stays close to the true path at (server time - delay) over a
 * link with 10% loss; a teleport snaps instead of sliding.
 */
import type { Entity } from "@rbxts/jecs";
import { netSim } from "../../support/net";
import { check } from "../../support/check";
import Harness from "@rbxts/skyrocket-test";

interface Transform {
	position: Vector3;
	yaw: number;
}

export = () => {
	afterEach(() => Harness.destroyAll()); // every game this spec file starts is freed after each test
	const RADIUS = 20;
	const SPEED = 0.5; // radians per second: 10 studs per second along the circle
	const path = (tick: number) => {
		const a = (tick / 60) * SPEED;
		return new Vector3(RADIUS * math.cos(a), 0, RADIUS * math.sin(a));
	};

	describe("interpolation", () => {
		it("renders close to the true path at (server time - delay) with 10% loss; teleports snap", () => {
			const ns = netSim<{ Transform: Entity<Transform> }>({
				sim: { clients: 1, seed: 41, link: { latency: 0.05, jitter: 0.02, loss: 0.1 } },
				define: (jecs) => ({ Transform: jecs.component<Transform>() }),
				register: (net, c, world, sky, jecs) => {
					const k = sky.codec;
					world.set(c.Transform, jecs.Name, "Transform");
					net.replicate(c.Transform, {
						codec: k.struct({ position: k.vector3({ precision: 1 / 64 }), yaw: k.angle({ bits: 12 }) }),
						channel: "unreliable",
					});
				},
			});
			const { sim, server } = ns;
			const client = ns.clients[0];
			const interp = (client.net as import("../../../src/net/client").ClientNet).interpolate(client.c.Transform);
			const e = server.world.entity();
			let teleported = false;
			server.game = () => {
				const tick = server.net.tick();
				const position = teleported ? new Vector3(500, 0, 500) : path(tick);
				server.world.set(e, server.c.Transform, { position, yaw: 0 });
			};
			sim.run(2); // warm-up: clock sync and delay adaptation
			const mine = client.net.entityOf(server.net.handleOf(e)!)!;
			let worst = 0;
			for (let i = 0; i < 300; i++) {
				sim.step(1);
				const rendered = client.world.get(mine, interp.Rendered)!;
				const renderTick = client.net.time() * 60 - interp.delay() * 60 - 1;
				worst = math.max(worst, rendered.position.sub(path(renderTick)).Magnitude);
			}
			print(
				`interpolation: worst error ${string.format("%.3f", worst)} studs at delay ${string.format("%.0f", interp.delay() * 1000)} ms`,
			);
			check(worst < 0.35, "expected: worst < 0.35");
			check(interp.delay() < 0.25, "expected: interp.delay() < 0.25");
			// teleport: the rendered position never passes between the circle and the far point
			teleported = true;
			let between = 0;
			for (let i = 0; i < 60; i++) {
				sim.step(1);
				const p = client.world.get(mine, interp.Rendered)!.position;
				if (p.Magnitude > RADIUS + 1 && p.sub(new Vector3(500, 0, 500)).Magnitude > 1) between += 1;
			}
			expect(between).to.equal(0);
			expect(client.world.get(mine, interp.Rendered)!.position).to.equal(new Vector3(500, 0, 500));
		});
	});
};
