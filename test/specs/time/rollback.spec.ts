import type { Entity } from "@rbxts/jecs";
import { netSim } from "../../support/net";
import { check } from "../../support/check";
import Harness from "@rbxts/skyrocket-test";

export = () => {
	afterEach(() => Harness.destroyAll()); // every game this spec file starts is freed after each test
	describe("rollback snapshots", () => {
		it("rewinding to tick T gives exactly the state at T; restoring gives the present; nothing replicates", () => {
			const ns = netSim<{ Position: Entity<Vector3>; Health: Entity<number> }>({
				sim: { clients: 1, seed: 61, link: { latency: 0.02 } },
				define: (jecs) => ({ Position: jecs.component<Vector3>(), Health: jecs.component<number>() }),
				register: (net, c, world, sky, jecs) => {
					world.set(c.Position, jecs.Name, "Position");
					world.set(c.Health, jecs.Name, "Health");
					net.replicate(c.Position, sky.codec.vector3());
					net.replicate(c.Health, sky.codec.u16);
				},
			});
			const { sim, server } = ns;
			const world = server.world;
			const c = server.c;
			const history = server.net.rollback({ components: [c.Position, c.Health], ticks: 64 });
			const a = world.entity();
			const b = world.entity();
			world.set(a, c.Health, 1);
			const snapshots = new Map<number, string>();
			const describe = () => {
				const parts: string[] = [];
				for (const e of [a, b]) parts.push(`${tostring(world.get(e, c.Position))}|${tostring(world.get(e, c.Health))}`);
				return parts.join(";");
			};
			let step = 0;
			server.game = () => {
				step += 1;
				world.set(a, c.Position, new Vector3(step, 0, 0));
				if (step === 10) world.set(b, c.Position, new Vector3(0, 5, 0));
				if (step === 20) world.remove(a, c.Health);
				if (step > 20) world.set(b, c.Health, step);
			};
			server.net.use(() => snapshots.set(server.net.tick(), describe()), { after: server.sky.ServerPhase.Collect }, "snapshot");
			sim.step(40);
			server.game = undefined;
			const present = describe();
			const tick = server.net.tick() - 25;
			check(history.has(tick), "expected: history.has(tick)");
			const bytesBefore = sim.server.stats.bytesOut;
			let rewound = "";
			server.net.use(
				() => {
					if (rewound !== "") return;
					history.rewind(tick);
					rewound = describe();
					history.restore();
				},
				{ phase: server.sky.ServerPhase.Game },
				"lag compensation",
			);
			sim.step(1);
			expect(rewound).to.equal(snapshots.get(tick));
			expect(describe()).to.equal(present);
			// reading the past without rewinding gives the same values
			const past = `${tostring(history.at(tick, a, c.Position))}|${tostring(history.at(tick, a, c.Health))}`;
			expect(past).to.equal(snapshots.get(tick)!.split(";")[0]);
			// the rewind inside the step sent nothing
			sim.step(2);
			expect(sim.server.stats.bytesOut - bytesBefore).to.equal(0);
		});
	});
};
