/**
 * Wire economy of reliable components: a one-field change of a five-field
 * struct sends that field only, with an exact byte count.
 */
import type { Entity } from "@rbxts/jecs";
import Harness from "@rbxts/skyrocket-test";
import { netSim } from "../../support/net";
import { check } from "../../support/check";

interface Stats {
	level: number;
	xp: number;
	alive: boolean;
	title: string;
	speed: number;
}

export = () => {
	afterEach(() => Harness.destroyAll()); // every game this spec file starts is freed after each test
	describe("reliable deltas", () => {
		it("a one-field change of a five-field struct sends only that field", () => {
			const ns = netSim<{ Stats: Entity<Stats> }>({
				clientConfig: { pingInterval: math.huge },
				sim: { clients: 1, seed: 8, link: { latency: 0.02 } },
				define: (jecs) => ({ Stats: jecs.component<Stats>() }),
				register: (net, c, world, sky, jecs) => {
					const k = sky.codec;
					world.set(c.Stats, jecs.Name, "Stats");
					net.replicate(
						c.Stats,
						k.struct({ level: k.u8, xp: k.varuint, alive: k.bool, title: k.str(64), speed: k.quantized({ precision: 0.01 }) }),
					);
				},
			});
			const { sim, server } = ns;
			const k = server.sky.codec;
			const e = server.world.entity();
			const full: Stats = { level: 10, xp: 5000, alive: true, title: "a rather long knightly title", speed: 12.5 };
			server.world.set(e, server.c.Stats, full);
			sim.run(0.5);
			const before = sim.server.stats.bytesOut;
			const tick = server.net.tick();
			server.world.set(e, server.c.Stats, { ...full, xp: 5001 });
			sim.step(1);
			const bytes = sim.server.stats.bytesOut - before;
			// kind + tick + (Entity op, handle) + (Patch op, wire id, frame length, field mask, bool flags, xp):
			// a struct's size varies, so its value is framed (a client that does not declare Stats skips it)
			const packet = 1 + k.varUintSize(tick) + 2 + 5 + k.varUintSize(5001);
			const expected = Harness.wireCost.CALL_OVERHEAD + Harness.wireCost.TYPE_TAG + k.varUintSize(packet) + packet;
			expect(bytes).to.equal(expected);
			// the whole struct would have cost far more
			const w = k.newWriter(64);
			const codec = server.net.context.registry.byName.get("Stats")!.codec!;
			codec.write(w, { ...full, xp: 5001 });
			check(w.p > 30, "expected: w.p > 30");
			const mine = ns.clients[0].net.entityOf(server.net.handleOf(e)!)!;
			sim.run(0.2);
			expect(ns.clients[0].world.get(mine, ns.clients[0].c.Stats)!.xp).to.equal(5001);
			expect(ns.clients[0].world.get(mine, ns.clients[0].c.Stats)!.title).to.equal(full.title);
		});

		it("a value the codec cannot encode is reported by component and entity, and nothing is sent", () => {
			const ns = netSim<{ Health: Entity<number>; Name: Entity<string> }>({
				clientConfig: { pingInterval: math.huge },
				sim: { clients: 1, seed: 9, link: { latency: 0.02 }, quiet: true },
				define: (jecs) => ({ Health: jecs.component<number>(), Name: jecs.component<string>() }),
				register: (net, c, world, sky, jecs) => {
					world.set(c.Health, jecs.Name, "Health");
					world.set(c.Name, jecs.Name, "Name");
					net.replicate(c.Health, sky.codec.u16);
					net.replicate(c.Name, sky.codec.str(8));
				},
			});
			const { sim, server } = ns;
			const e = server.world.entity();
			server.world.set(e, server.c.Health, 10);
			server.world.set(e, server.c.Name, "ok");
			sim.run(0.3);
			const mine = ns.clients[0].net.entityOf(server.net.handleOf(e)!)!;
			const before = sim.server.stats.bytesOut;
			server.world.set(e, server.c.Health, 70000);
			server.world.set(e, server.c.Name, "far too long a name");
			sim.step(1);
			sim.step(1);
			expect(sim.server.stats.bytesOut - before).to.equal(0);
			const errors = sim.server.errors.join("\n");
			check(
				errors.find(`Health of entity ${e}`, 1, true)[0] !== undefined,
				"expected: errors.find('Health of entity ${e}', 1, true)[0] !== undefined",
			);
			check(errors.find("out of range", 1, true)[0] !== undefined, 'expected: errors.find("out of range", 1, true)[0] !== undefined');
			check(
				errors.find(`Name of entity ${e}`, 1, true)[0] !== undefined,
				"expected: errors.find('Name of entity ${e}', 1, true)[0] !== undefined",
			);
			expect(ns.clients[0].world.get(mine, ns.clients[0].c.Health)).to.equal(10);
			// a later valid value goes through
			server.world.set(e, server.c.Health, 11);
			sim.run(0.3);
			expect(ns.clients[0].world.get(mine, ns.clients[0].c.Health)).to.equal(11);
		});

		it("frees every player's state after thousands of joins and leaves", () => {
			const ns = netSim<{ Health: Entity<number> }>({
				sim: { clients: 1, seed: 10, link: { latency: 0 } },
				define: (jecs) => ({ Health: jecs.component<number>() }),
				register: (net, c, world, sky, jecs) => {
					world.set(c.Health, jecs.Name, "Health");
					net.replicate(c.Health, sky.codec.u16);
				},
			});
			const { sim, server } = ns;
			for (let i = 0; i < 50; i++) server.world.set(server.world.entity(), server.c.Health, i);
			for (let i = 0; i < 2000; i++) {
				const peer = sim.addClient(undefined, { wait: false });
				sim.step(1);
				sim.removeClient(peer);
			}
			sim.step(2);
			const ctx = server.net.context;
			expect(ctx.connections.size()).to.equal(1);
			let connections = 0;
			for (const _ of server.world.query(server.sky.NetPlayer)) connections += 1;
			expect(connections).to.equal(1);
			let players = 0;
			for (const _ of ctx.byPlayer) players += 1;
			expect(players).to.equal(1);
		});
	});
};
