/**
 * Client prediction: inputs apply the same frame; the server's state with
 * the same inputs causes no correction; when the server disagrees (a wall the
 * client does not know), the client converges to it within the RTT.
 */
import type { Entity, World } from "@rbxts/jecs";
import { netSim } from "../../support/net";
import type { ClientNet } from "../../../src/net/client";
import type { ServerNet } from "../../../src/net/server";
import type { ClientPrediction, ServerPrediction } from "../../../src";
import { check } from "../../support/check";
import Harness from "@rbxts/skyrocket-test";

interface Transform {
	position: Vector3;
	yaw: number;
}
interface Move {
	x: number;
	z: number;
}
const SPEED = 16;

export = () => {
	afterEach(() => Harness.destroyAll()); // every game this spec file starts is freed after each test
	const setup = (wall: number | undefined, link: { latency: number; jitter?: number; loss?: number }) => {
		const predictions = new Map<ServerNet | ClientNet, ServerPrediction<Move, Transform> | ClientPrediction<Move, Transform>>();
		const ns = netSim<{ Transform: Entity<Transform> }>({
			sim: { clients: 1, seed: 51, link },
			define: (jecs) => ({ Transform: jecs.component<Transform>() }),
			register: (net, c, world, sky, jecs) => {
				const k = sky.codec;
				world.set(c.Transform, jecs.Name, "Transform");
				net.replicate(c.Transform, {
					codec: k.struct({ position: k.vector3({ precision: 1 / 64 }), yaw: k.angle() }),
					channel: "unreliable",
				});
				const isServer = "setInterest" in net;
				const apply = (w: World, e: Entity, input: Move, dt: number) => {
					const t = w.get(e, c.Transform)!;
					let p = t.position.add(new Vector3(input.x, 0, input.z).mul(SPEED * dt));
					// the server knows a wall the client does not
					if (isServer && wall !== undefined && p.X > wall) p = new Vector3(wall, p.Y, p.Z);
					w.set(e, c.Transform, { position: p, yaw: t.yaw });
				};
				predictions.set(net, net.prediction("Walk", { component: c.Transform, input: k.struct({ x: k.i8, z: k.i8 }), apply }));
			},
		});
		const { server, clients } = ns;
		const character = server.world.entity();
		server.world.set(character, server.c.Transform, { position: Vector3.zero, yaw: 0 });
		(predictions.get(server.net) as ServerPrediction<Move, Transform>).bind(clients[0].peer.serverPlayer, character);
		ns.sim.run(1);
		const client = predictions.get(clients[0].net) as ClientPrediction<Move, Transform>;
		const mine = clients[0].net.entityOf(server.net.handleOf(character)!)!;
		return { ...ns, client, character, mine };
	};

	describe("client prediction", () => {
		it("applies the client's input in the same frame (150 ms RTT)", () => {
			const { sim, clients, client, mine } = setup(undefined, { latency: 0.075 });
			expect(client.entity).to.equal(mine);
			const before = clients[0].world.get(mine, clients[0].c.Transform)!.position;
			client.setInput({ x: 1, z: 0 });
			sim.step(1);
			const after = clients[0].world.get(mine, clients[0].c.Transform)!.position;
			check(math.abs(after.X - before.X - SPEED / 60) < 1 / 64, "expected: math.abs(after.X - before.X - SPEED / 60) < 1 / 64");
		});

		it("never corrects when the server agrees (jitter and some loss)", () => {
			const { sim, server, clients, client, character, mine } = setup(undefined, { latency: 0.075, jitter: 0.02, loss: 0.05 });
			const rng = new Random(3);
			for (let i = 0; i < 30; i++) {
				client.setInput({ x: rng.NextInteger(-1, 1), z: rng.NextInteger(-1, 1) });
				sim.step(10);
			}
			client.setInput({ x: 0, z: 0 });
			sim.run(1);
			expect(client.corrections).to.equal(0);
			const s = server.world.get(character, server.c.Transform)!.position;
			const c = clients[0].world.get(mine, clients[0].c.Transform)!.position;
			expect(s).to.equal(c);
			check(s.Magnitude > 1, "expected: s.Magnitude > 1");
		});

		it("converges to the server within the RTT when the server disagrees", () => {
			const { sim, server, clients, client, character, mine } = setup(10, { latency: 0.075 });
			client.setInput({ x: 1, z: 0 });
			sim.run(2); // 32 studs of intent; the server stops the character at x = 10
			check(
				clients[0].world.get(mine, clients[0].c.Transform)!.position.X > 10,
				"expected: clients[0].world.get(mine, clients[0].c.Transform)!.position.X > 10",
			);
			client.setInput({ x: 0, z: 0 });
			const stopped = sim.time;
			sim.runUntil(() => clients[0].world.get(mine, clients[0].c.Transform)!.position.X <= 10, 2);
			const took = sim.time - stopped;
			print(`prediction: converged to the server ${string.format("%.0f", took * 1000)} ms after the last push (RTT 150 ms)`);
			check(took <= 0.15 + 3 / 60, "expected: took <= 0.15 + 3 / 60");
			sim.run(0.2);
			expect(clients[0].world.get(mine, clients[0].c.Transform)!.position).to.equal(
				server.world.get(character, server.c.Transform)!.position,
			);
			check(client.corrections > 0, "expected: client.corrections > 0");
		});
	});
};
