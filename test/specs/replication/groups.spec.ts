/**
 * Replication groups: clients with the same replication state share one
 * encode and the same packets. A client that loses packets stays in its group
 * (what it lost is repeated to it alone) and converges exactly; a client whose
 * view differs splits off, and rejoins once views agree again; a late joiner
 * starts apart and merges in.
 */
import type { Entity } from "@rbxts/jecs";
import { netSim, NetSim } from "../../support/net";
import { check } from "../../support/check";
import Harness from "@rbxts/skyrocket-test";

interface Transform {
	position: Vector3;
	yaw: number;
}
interface Components {
	Transform: Entity<Transform>;
}

function setup(clients: number) {
	return netSim<Components>({
		clientConfig: { pingInterval: math.huge },
		sim: { clients, seed: 31, link: { latency: 0.05 } },
		define: (jecs) => ({ Transform: jecs.component<Transform>() }),
		register: (net, c, world, sky, jecs) => {
			world.set(c.Transform, jecs.Name, "Transform");
			const k = sky.codec;
			net.replicate(c.Transform, {
				codec: k.struct({ position: k.vector3({ precision: 1 / 64 }), yaw: k.angle({ bits: 10 }) }),
				channel: "unreliable",
			});
		},
	});
}

/** Spawns `n` entities that the server moves at random while `moving()` says so. */
function crowd(ns: NetSim<Components>, n: number, seed: number, moving: () => boolean): Entity[] {
	const { server } = ns;
	const rng = new Random(seed);
	const entities: Entity[] = [];
	for (let i = 0; i < n; i++) {
		const e = server.world.entity();
		server.world.set(e, server.c.Transform, { position: new Vector3(i, 0, 0), yaw: 0 });
		entities.push(e);
	}
	server.game = () => {
		if (!moving()) return;
		for (const e of entities) {
			if (rng.NextNumber() > 0.3) continue;
			const t = server.world.get(e, server.c.Transform)!;
			server.world.set(e, server.c.Transform, {
				position: t.position.add(new Vector3(rng.NextNumber(-1, 1), 0, rng.NextNumber(-1, 1))),
				yaw: t.yaw + 0.1,
			});
		}
	};
	return entities;
}

/** Entities (of `entities`) on which some client disagrees with the server's quantized value. */
function disagreements(ns: NetSim<Components>, entities: Entity[]): string[] {
	const { server } = ns;
	const codec = server.net.context.registry.byName.get("Transform")!.codec!;
	const out: string[] = [];
	for (const client of ns.clients) {
		for (const e of entities) {
			const handle = server.net.handleOf(e);
			const mine = handle !== undefined ? client.net.entityOf(handle) : undefined;
			if (mine === undefined) {
				out.push(`${client.peer.name}: entity ${e} missing`);
				continue;
			}
			const want = codec.canonical(server.world.get(e, server.c.Transform)!);
			const got = client.world.get(mine, client.c.Transform);
			if (got === undefined || !codec.equals(want, got)) out.push(`${client.peer.name}: entity ${e} differs`);
		}
	}
	return out;
}

export = () => {
	afterEach(() => Harness.destroyAll()); // every game this spec file starts is freed after each test
	describe("replication groups", () => {
		it("keep a client that loses packets in its group, repeat what it lost, and converge exactly", () => {
			const ns = setup(4);
			const { sim, server } = ns;
			let moving = true;
			const entities = crowd(ns, 60, 4, () => moving);
			// the last client to join merges in at a once-a-second merge, when its join finished in time for it
			sim.runUntil(() => server.net.context.groups.size() === 1, 3, "the four clients share one group");
			// one client's link turns lossy (unreliable traffic only) and jittery
			const lossy = ns.clients[2];
			sim.setLink(lossy.peer, { latency: 0.05, loss: 0.25, jitter: 0.02 });
			let maxGroups = 0;
			for (let s = 0; s < 4 * 60; s++) {
				sim.step(1);
				maxGroups = math.max(maxGroups, server.net.context.groups.size());
			}
			const lost = server.net.stats(lossy.peer.serverPlayer)!.mutationsLost;
			print(`groups: lossy client lost ${lost} packets; most groups at once ${maxGroups}`);
			check(lost > 0, "expected: lost > 0");
			expect(maxGroups).to.equal(1);
			moving = false;
			sim.run(2);
			expect(disagreements(ns, entities).join("; ")).to.equal("");
			expect(sim.server.errors.size()).to.equal(0);
			sim.destroy();
		});

		it("split a client whose view differs and merge it back when views agree again", () => {
			const ns = setup(3);
			const { sim, server } = ns;
			let moving = true;
			const entities = crowd(ns, 30, 5, () => moving);
			sim.run(1);
			expect(server.net.context.groups.size()).to.equal(1);
			// an entity only one player may see: that player's view now differs
			const secret = server.world.entity();
			server.world.set(secret, server.c.Transform, { position: new Vector3(0, 9, 0), yaw: 0 });
			server.net.setVisibility(secret, server.sky.Visible.owner(ns.clients[0].peer.serverPlayer));
			sim.step(2);
			expect(server.net.context.groups.size()).to.equal(2);
			sim.run(1);
			// the secret goes: views agree again, and the groups merge within the merge interval
			server.world.delete(secret);
			sim.run(2);
			expect(server.net.context.groups.size()).to.equal(1);
			moving = false;
			sim.run(2);
			expect(disagreements(ns, entities).join("; ")).to.equal("");
			expect(ns.clients[0].net.entityOf(server.net.handleOf(entities[0])!)).to.be.ok();
			sim.destroy();
		});

		it("start a late joiner apart and merge it into the others' group", () => {
			const ns = setup(2);
			const { sim, server } = ns;
			let moving = true;
			const entities = crowd(ns, 40, 6, () => moving);
			sim.run(1);
			const late = ns.addClient();
			// the step it becomes ready, it has a group of its own (it knows nothing yet)
			const ready = () => server.net.connection(late.peer.serverPlayer)?.group !== undefined;
			check(sim.runUntil(ready, 5), "expected: sim.runUntil(ready, 5)");
			expect(server.net.context.groups.size()).to.equal(2);
			sim.run(2);
			expect(server.net.context.groups.size()).to.equal(1);
			moving = false;
			sim.run(2);
			expect(disagreements(ns, entities).join("; ")).to.equal("");
			sim.destroy();
		});
	});
};
