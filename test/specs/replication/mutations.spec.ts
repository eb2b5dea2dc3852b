import type { Entity } from "@rbxts/jecs";
import { netSim } from "../../support/net";
import { check } from "../../support/check";
import Harness from "@rbxts/skyrocket-test";

interface Transform {
	position: Vector3;
	yaw: number;
}
interface Components {
	Transform: Entity<Transform>;
	Health: Entity<number>;
}

export = () => {
	afterEach(() => Harness.destroyAll()); // every game this spec file starts is freed after each test
	const setup = (link: { latency?: number; jitter?: number; loss?: number; reorder?: number }, clients = 2) =>
		netSim<Components>({
			// no clock pings: they would add their own bytes to the counts
			clientConfig: { pingInterval: math.huge },
			sim: { clients, seed: 11, link },
			define: (jecs) => ({ Transform: jecs.component<Transform>(), Health: jecs.component<number>() }),
			register: (net, c, world, sky, jecs) => {
				world.set(c.Transform, jecs.Name, "Transform");
				world.set(c.Health, jecs.Name, "Health");
				const transform = sky.codec.struct({
					position: sky.codec.vector3({ precision: 1 / 64 }),
					yaw: sky.codec.angle({ bits: 10 }),
				});
				net.replicate(c.Transform, { codec: transform, channel: "unreliable" });
				net.replicate(c.Health, sky.codec.u16);
			},
		});

	describe("unreliable mutations", () => {
		it("converge to the server's exact quantized state under loss, jitter and reordering", () => {
			const { sim, server, clients } = setup({ latency: 0.1, jitter: 0.03, loss: 0.2, reorder: 0.1 });
			const rng = new Random(5);
			const entities: Entity[] = [];
			for (let i = 0; i < 40; i++) {
				const e = server.world.entity();
				server.world.set(e, server.c.Transform, { position: new Vector3(i, 0, 0), yaw: 0 });
				server.world.set(e, server.c.Health, 100);
				entities.push(e);
			}
			server.game = () => {
				for (const e of entities) {
					if (rng.NextNumber() < 0.3) {
						const t = server.world.get(e, server.c.Transform)!;
						const step = new Vector3(rng.NextNumber(-0.5, 0.5), 0, rng.NextNumber(-0.5, 0.5));
						server.world.set(e, server.c.Transform, { position: t.position.add(step), yaw: t.yaw + rng.NextNumber(-0.2, 0.2) });
					}
				}
			};
			sim.run(5);
			server.game = undefined;
			sim.run(2);
			const codecT = server.net.context.registry.byName.get("Transform")!.codec!;
			for (const client of clients) {
				for (const e of entities) {
					const mine = client.net.entityOf(server.net.handleOf(e)!)!;
					const expected = codecT.canonical(server.world.get(e, server.c.Transform)!);
					const actual = client.world.get(mine, client.c.Transform);
					expect(actual).to.be.ok();
					check(codecT.equals(expected, actual), "expected: codecT.equals(expected, actual)");
				}
			}
			expect(sim.server.errors.size()).to.equal(0);
		});

		it("send nothing when the value set is equal to the last one", () => {
			const { sim, server } = setup({ latency: 0.02 }, 1);
			const e = server.world.entity();
			server.world.set(e, server.c.Transform, { position: new Vector3(1, 2, 3), yaw: 1 });
			server.world.set(e, server.c.Health, 50);
			sim.run(1);
			const before = sim.server.stats.bytesOut;
			server.game = () => {
				server.world.set(e, server.c.Transform, { position: new Vector3(1, 2, 3), yaw: 1 });
				server.world.set(e, server.c.Health, 50);
			};
			sim.run(1);
			expect(sim.server.stats.bytesOut - before).to.equal(0);
		});

		it("costs a few bytes per moving entity", () => {
			const { sim, server } = setup({ latency: 0.03 }, 1);
			const entities: Entity[] = [];
			for (let i = 0; i < 100; i++) {
				const e = server.world.entity();
				server.world.set(e, server.c.Transform, { position: new Vector3(i * 2, 0, 0), yaw: 0 });
				entities.push(e);
			}
			sim.run(1);
			const before = sim.server.stats.bytesOut;
			const beforeCalls = sim.server.stats.callsOut;
			server.game = () => {
				for (const e of entities) {
					const t = server.world.get(e, server.c.Transform)!;
					server.world.set(e, server.c.Transform, { position: t.position.add(new Vector3(0.25, 0, 0.1)), yaw: t.yaw + 0.01 });
				}
			};
			sim.step(60);
			const bytes = sim.server.stats.bytesOut - before;
			const calls = sim.server.stats.callsOut - beforeCalls;
			const perEntity = (bytes - calls * 9) / (60 * 100);
			print(`mutation payload per moving entity: ${string.format("%.2f", perEntity)} bytes (${calls} calls)`);
			check(perEntity < 8, "expected: perEntity < 8");
		});
	});
};
