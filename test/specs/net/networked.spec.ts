/**
 * The Networked component is the world's record of what replicates: a game
 * can query it on either side, and a second net on the same world cannot
 * claim an id the first one replicates.
 */
import type { Entity, World } from "@rbxts/jecs";
import Harness from "@rbxts/skyrocket-test";
import { netSim } from "../../support/net";
import type { ServerNet } from "../../../src/net/server";
import type { ClientNet } from "../../../src/net/client";
import { assertEqual, check } from "../../support/check";

interface C {
	Health: Entity<number>;
	Position: Entity<Vector3>;
	Boss: Entity;
}

export = () => {
	afterEach(() => Harness.destroyAll()); // every game this spec file starts is freed after each test
	const start = () =>
		netSim<C>({
			sim: { clients: 1, seed: 131, link: { latency: 0.02 } },
			define: (jecs) => ({ Health: jecs.component<number>(), Position: jecs.component<Vector3>(), Boss: jecs.tag() }),
			register: (net: ServerNet | ClientNet, c: C, world: World, sky, jecs) => {
				world.set(c.Health, jecs.Name, "Health");
				world.set(c.Position, jecs.Name, "Position");
				world.set(c.Boss, jecs.Name, "Boss");
				net.replicate(c.Health, sky.codec.u16);
				net.replicate(c.Position, { codec: sky.codec.vector3({ precision: 1 / 64 }), channel: "unreliable" });
				net.replicateTag(c.Boss);
			},
		});

	describe("Networked", () => {
		it("lists every replicated id, with its wire name and channel, on both sides", () => {
			const { sim, server, clients } = start();
			sim.run(0.3);
			for (const side of [server, clients[0]]) {
				const seen = new Map<string, [Entity, boolean]>();
				for (const [id, data] of side.world.query(side.sky.Networked)) seen.set(data.name, [id, data.unreliable]);
				assertEqual(seen.size(), 3, "replicated ids listed");
				check(seen.get("Health")?.[0] === side.c.Health && seen.get("Health")?.[1] === false, "Health: reliable, on its id");
				check(
					seen.get("Position")?.[0] === side.c.Position && seen.get("Position")?.[1] === true,
					"Position: unreliable, on its id",
				);
				check(seen.get("Boss")?.[0] === side.c.Boss, "Boss listed on its id");
			}
		});

		it("refuses an id another net on the same world already replicates, naming it", () => {
			const { server } = start();
			const second = server.sky.server(server.world, { name: "SecondNet" }) as unknown as ServerNet;
			const [ok, err] = pcall(() => second.replicate(server.c.Health, server.sky.codec.u16));
			check(!ok, "a second net may not replicate Health too");
			check(
				tostring(err).find("Health")[0] !== undefined && tostring(err).find("another net")[0] !== undefined,
				`the error names it: ${err}`,
			);
			second.destroy();
			check(server.world.has(server.c.Health, server.sky.Networked), "the first net's mark stays");
		});
	});
};
