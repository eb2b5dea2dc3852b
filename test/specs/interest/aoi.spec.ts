/**
 * Area of interest: players only receive entities near their focus, with
 * hysteresis at the border; late joiners get only nearby state; always-
 * relevant and owned entities bypass it.
 */
import type { Entity } from "@rbxts/jecs";
import { netSim } from "../../support/net";
import { check } from "../../support/check";
import Harness from "@rbxts/skyrocket-test";

interface Transform {
	position: Vector3;
	yaw: number;
}
interface C {
	Transform: Entity<Transform>;
	Health: Entity<number>;
}

export = () => {
	afterEach(() => Harness.destroyAll()); // every game this spec file starts is freed after each test
	const ENTER = 60;
	const LEAVE = 70;
	const setup = (clients: number, interval?: number) => {
		const ns = netSim<C>({
			sim: { clients, seed: 17, link: { latency: 0.03 } },
			define: (jecs) => ({ Transform: jecs.component<Transform>(), Health: jecs.component<number>() }),
			register: (net, c, world, sky, jecs) => {
				const k = sky.codec;
				world.set(c.Transform, jecs.Name, "Transform");
				world.set(c.Health, jecs.Name, "Health");
				net.replicate(c.Transform, {
					codec: k.struct({ position: k.vector3({ precision: 1 / 64 }), yaw: k.angle() }),
					channel: "unreliable",
				});
				net.replicate(c.Health, k.u16);
			},
		});
		ns.server.net.setInterest({ position: ns.server.c.Transform, enterRadius: ENTER, leaveRadius: LEAVE, interval });
		return ns;
	};

	describe("area of interest", () => {
		it("a player never has an entity beyond the leave radius, over a long random walk of 500 entities and 8 players", () => {
			const ns = setup(8, 0);
			const { sim, server } = ns;
			const rng = new Random(4);
			const entities: Entity[] = [];
			for (let i = 0; i < 500; i++) {
				const e = server.world.entity();
				server.world.set(e, server.c.Transform, {
					position: new Vector3(rng.NextNumber(0, 256), 0, rng.NextNumber(0, 256)),
					yaw: 0,
				});
				server.world.set(e, server.c.Health, 100);
				entities.push(e);
			}
			const foci = ns.clients.map(() => new Vector3(rng.NextNumber(0, 256), 0, rng.NextNumber(0, 256)));
			const players = ns.clients.map((c) => c.peer.serverPlayer);
			players.forEach((p, i) => server.net.setFocus(p, foci[i]));
			const clamp = (v: number) => math.clamp(v, 0, 256);
			server.game = () => {
				for (const e of entities) {
					if (rng.NextNumber() < 0.3) {
						const t = server.world.get(e, server.c.Transform)!;
						const p = t.position;
						server.world.set(e, server.c.Transform, {
							position: new Vector3(clamp(p.X + rng.NextNumber(-2, 2)), 0, clamp(p.Z + rng.NextNumber(-2, 2))),
							yaw: 0,
						});
					}
				}
				players.forEach((p, i) => {
					const f = foci[i];
					foci[i] = new Vector3(clamp(f.X + rng.NextNumber(-3, 3)), 0, clamp(f.Z + rng.NextNumber(-3, 3)));
					server.net.setFocus(p, foci[i]);
				});
			};
			let violations = 0;
			let checks = 0;
			let maxKnown = 0;
			server.net.use(
				() => {
					const ctx = server.net.context;
					for (const conn of ctx.connections) {
						const i = players.indexOf(conn.player);
						if (i < 0) continue;
						const f = foci[i];
						maxKnown = math.max(maxKnown, conn.known.size());
						for (const e of conn.known) {
							const t = server.world.get(e, server.c.Transform);
							if (t === undefined) continue;
							checks += 1;
							if (t.position.sub(f).Magnitude > LEAVE + 1e-6) violations += 1;
						}
					}
				},
				{ after: server.sky.ServerPhase.Encode },
				"aoi check",
			);
			sim.run(6);
			print(`aoi: ${checks} entity-tick checks, max ${maxKnown} entities known by one player of 500`);
			expect(violations).to.equal(0);
			check(checks > 10000, "expected: checks > 10000");
			check(maxKnown < 250, "expected: maxKnown < 250");
			// once motion stops, clients hold exactly what the server says they know
			server.game = undefined;
			sim.run(1);
			let near = 0;
			ns.clients.forEach((client, i) => {
				const conn = server.net.connection(client.peer.serverPlayer)!;
				expect(client.net.context.entities.size()).to.equal(conn.known.size());
				// and nothing inside the enter radius is missing (whichever grid cell it is in)
				for (const e of entities) {
					if (server.world.get(e, server.c.Transform)!.position.sub(foci[i]).Magnitude > ENTER - 1e-6) continue;
					near += 1;
					check(conn.known.has(e), `entity ${e} is inside player ${i}'s enter radius but not known`);
				}
			});
			check(near > 100, `expected many entities near the players, got ${near}`);
		});

		it("enters inside the enter radius, stays until beyond the leave radius (hysteresis)", () => {
			const ns = setup(1);
			const { sim, server } = ns;
			const player = ns.clients[0].peer.serverPlayer;
			server.net.setFocus(player, Vector3.zero);
			const e = server.world.entity();
			const place = (x: number) => server.world.set(e, server.c.Transform, { position: new Vector3(x, 0, 0), yaw: 0 });
			const has = () => ns.clients[0].net.entityOf(server.net.handleOf(e)!) !== undefined;
			place(65); // between the radii: not entered
			sim.run(0.5);
			check(!has(), "expected not: has()");
			place(55);
			sim.run(0.5);
			check(has(), "expected: has()");
			place(68); // between the radii: stays
			sim.run(0.5);
			check(has(), "expected: has()");
			place(75);
			sim.run(0.5);
			check(!has(), "expected not: has()");
			place(65);
			sim.run(0.5);
			check(!has(), "expected not: has()");
			place(10);
			sim.run(0.5);
			check(has(), "expected: has()");
			const mine = ns.clients[0].net.entityOf(server.net.handleOf(e)!)!;
			expect(ns.clients[0].world.get(mine, ns.clients[0].c.Transform)!.position.X).to.equal(10);
		});

		it("late joiners get only nearby state; always-relevant and owned entities always arrive", () => {
			const ns = setup(0);
			const { sim, server } = ns;
			const rng = new Random(8);
			let near = 0;
			for (let i = 0; i < 300; i++) {
				const e = server.world.entity();
				const pos = new Vector3(rng.NextNumber(-200, 200), 0, rng.NextNumber(-200, 200));
				if (pos.Magnitude <= ENTER) near += 1;
				server.world.set(e, server.c.Transform, { position: pos, yaw: 0 });
			}
			const far = server.world.entity();
			server.world.set(far, server.c.Transform, { position: new Vector3(1000, 0, 1000), yaw: 0 });
			server.world.add(far, server.sky.AlwaysRelevant);
			const global = server.world.entity();
			server.world.set(global, server.c.Health, 5); // no position: global
			sim.run(1);
			const late = ns.addClient();
			const player = late.peer.serverPlayer;
			server.net.setFocus(player, Vector3.zero);
			const owned = server.world.entity();
			server.world.set(owned, server.c.Transform, { position: new Vector3(-900, 0, 0), yaw: 0 });
			server.world.set(owned, server.sky.Owner, player);
			sim.run(1);
			expect(late.net.context.entities.size()).to.equal(near + 3);
			for (const e of [far, global, owned]) expect(late.net.entityOf(server.net.handleOf(e)!)).to.be.ok();
		});
	});
};
