/**
 * Per-component update rates (`rate: { near, far }`): an entity moving every
 * step reaches each client at most `near` times a second without area of
 * interest, and with it, `near` close to the player's focus and `far` at the
 * leave radius. The last value always arrives once motion stops.
 */
import type { Entity } from "@rbxts/jecs";
import { netSim } from "../../support/net";
import { check } from "../../support/check";
import Harness from "@rbxts/skyrocket-test";

interface C {
	Position: Entity<Vector3>;
}

export = () => {
	afterEach(() => Harness.destroyAll()); // every game this spec file starts is freed after each test
	const setup = (aoi: boolean) => {
		const ns = netSim<C>({
			sim: { clients: 1, seed: 41, link: { latency: 0.04, loss: 0.02 } },
			define: (jecs) => ({ Position: jecs.component<Vector3>() }),
			register: (net, c, world, sky, jecs) => {
				world.set(c.Position, jecs.Name, "Position");
				net.replicate(c.Position, {
					codec: sky.codec.vector3({ precision: 1 / 64 }),
					channel: "unreliable",
					rate: { near: 10, far: 2 },
				});
			},
		});
		if (aoi) {
			ns.server.net.setInterest({ position: ns.server.c.Position, enterRadius: 100, leaveRadius: 120, interval: 0 });
			ns.server.net.setFocus(ns.clients[0].peer.serverPlayer, new Vector3(0, 0, 0));
		}
		return ns;
	};

	/** Moves `entities` every step for `seconds`; returns how many updates the client applied per entity. */
	const countUpdates = (ns: ReturnType<typeof setup>, entities: Entity[], seconds: number) => {
		const { server, sim } = ns;
		const client = ns.clients[0];
		const serverOf = new Map<Entity, Entity>();
		for (const e of entities) serverOf.set(client.net.entityOf(server.net.handleOf(e)!)!, e);
		const updates = new Map<Entity, number>();
		const disconnect = client.world.changed(client.c.Position, (mine) => {
			const e = serverOf.get(mine);
			if (e !== undefined) updates.set(e, (updates.get(e) ?? 0) + 1);
		});
		const home = new Map<Entity, Vector3>();
		for (const e of entities) home.set(e, server.world.get(e, server.c.Position)!);
		let step = 0;
		server.game = () => {
			step += 1;
			// a new value every step, staying where it is (near stays near, the edge stays at the edge)
			const offset = new Vector3(math.sin(step / 5), 0, 0);
			for (const e of entities) server.world.set(e, server.c.Position, home.get(e)!.add(offset));
		};
		sim.run(seconds);
		server.game = undefined;
		disconnect();
		check(step > seconds * 50, `expected the game to run every step, ran ${step}`);
		return updates;
	};

	const converges = (ns: ReturnType<typeof setup>, entities: Entity[]) => {
		ns.sim.run(2);
		const client = ns.clients[0];
		for (const e of entities) {
			const mine = client.net.entityOf(ns.server.net.handleOf(e)!)!;
			const want = ns.server.world.get(e, ns.server.c.Position)!;
			const got = client.world.get(mine, client.c.Position)!;
			check(got.sub(want).Magnitude < 1 / 64, `expected ${want} on the client, got ${got}`);
		}
	};

	describe("update rates", () => {
		it("without area of interest, the near rate caps updates of an entity moving every step", () => {
			const ns = setup(false);
			const entities: Entity[] = [];
			for (let i = 0; i < 5; i++) {
				const e = ns.server.world.entity();
				ns.server.world.set(e, ns.server.c.Position, new Vector3(i * 300, 0, 0));
				entities.push(e);
			}
			ns.sim.run(1);
			const updates = countUpdates(ns, entities, 4);
			for (const e of entities) {
				const n = updates.get(e) ?? 0;
				print(`rate without AOI: ${n} updates in 4 s (near 10/s)`);
				check(n >= 30 && n <= 41, `expected 30..41 updates in 4 s at 10/s, got ${n}`);
			}
			converges(ns, entities);
		});

		it("with area of interest, near entities get the near rate and those at the edge the far rate", () => {
			const ns = setup(true);
			const near = ns.server.world.entity();
			ns.server.world.set(near, ns.server.c.Position, new Vector3(0, 0, 0));
			const far = ns.server.world.entity();
			ns.server.world.set(far, ns.server.c.Position, new Vector3(0, 0, 98));
			ns.sim.run(1);
			const updates = countUpdates(ns, [near, far], 4);
			const n = updates.get(near) ?? 0;
			const f = updates.get(far) ?? 0;
			print(`rate with AOI: near ${n}, far ${f} updates in 4 s`);
			check(n >= 30 && n <= 41, `expected 30..41 updates of the near entity, got ${n}`);
			check(f >= 5 && f <= 14, `expected about 2.4/s for the entity near the edge (98 of 120 studs), got ${f} in 4 s`);
			converges(ns, [near, far]);
		});
	});
};
