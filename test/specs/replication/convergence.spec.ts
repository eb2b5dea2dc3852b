/**
 * Randomized convergence: thousands of random operations on 200 entities over
 * 600 ticks, 4 clients on lossy, jittery links, one joining at tick 300;
 * after the network quiesces every client equals the server's view for it.
 */
import type { Entity } from "@rbxts/jecs";
import { netSim } from "../../support/net";
import { worldDiff } from "../../support/worldDiff";
import Harness from "@rbxts/skyrocket-test";

interface Stats {
	level: number;
	xp: number;
	alive: boolean;
	title: string;
	speed: number;
}
interface Transform {
	position: Vector3;
	yaw: number;
}
interface Components {
	Health: Entity<number>;
	Stats: Entity<Stats>;
	Transform: Entity<Transform>;
	Target: Entity<Entity | undefined>;
	Enemy: Entity;
	Burning: Entity;
	Owns: Entity;
}

function run(seed: number) {
	const link = { latency: 0.1, jitter: 0.03, loss: 0.2, reorder: 0.1 };
	const ns = netSim<Components>({
		sim: { clients: 3, seed, link },
		define: (jecs) => ({
			Health: jecs.component<number>(),
			Stats: jecs.component<Stats>(),
			Transform: jecs.component<Transform>(),
			Target: jecs.component<Entity | undefined>(),
			Enemy: jecs.tag(),
			Burning: jecs.tag(),
			Owns: jecs.component(),
		}),
		register: (net, c, world, sky, jecs) => {
			const k = sky.codec;
			for (const [name, id] of [
				["Health", c.Health],
				["Stats", c.Stats],
				["Transform", c.Transform],
				["Target", c.Target],
				["Enemy", c.Enemy],
				["Burning", c.Burning],
				["Owns", c.Owns],
			] as const) {
				world.set(id, jecs.Name, name);
			}
			net.replicate(c.Health, k.u16);
			net.replicate(
				c.Stats,
				k.struct({ level: k.u8, xp: k.varuint, alive: k.bool, title: k.str(32), speed: k.quantized({ precision: 0.01 }) }),
			);
			net.replicate(c.Transform, {
				codec: k.struct({ position: k.vector3({ precision: 1 / 64 }), yaw: k.angle({ bits: 10 }) }),
				channel: "unreliable",
			});
			net.replicate(c.Target, k.entity());
			net.replicateTag(c.Enemy);
			net.replicateTag(c.Burning);
			net.replicateRelation(jecs.ChildOf, "ChildOf");
			net.replicateRelation(c.Owns);
		},
	});
	const { sim, server } = ns;
	const world = server.world;
	const c = server.c;
	const jecs = server.jecs;
	const rng = new Random(seed);
	const alive: Entity[] = [];
	let ops = 0;
	const pick = () => alive[rng.NextInteger(0, alive.size() - 1)];
	const prune = () => {
		for (let i = alive.size() - 1; i >= 0; i--) if (!world.contains(alive[i])) alive.remove(i);
	};
	const randomStats = (): Stats => ({
		level: rng.NextInteger(0, 255),
		xp: rng.NextInteger(0, 100000),
		alive: rng.NextNumber() < 0.5,
		title: ["", "knight", "orc", "mage"][rng.NextInteger(0, 3)],
		speed: rng.NextNumber(0, 20),
	});
	const spawnOne = () => {
		const e = world.entity();
		world.set(e, c.Health, rng.NextInteger(0, 1000));
		if (rng.NextNumber() < 0.6)
			world.set(e, c.Transform, { position: new Vector3(rng.NextNumber(-50, 50), 0, rng.NextNumber(-50, 50)), yaw: 0 });
		if (rng.NextNumber() < 0.4) world.set(e, c.Stats, randomStats());
		if (rng.NextNumber() < 0.1 && alive.size() > 0) world.add(e, jecs.pair(jecs.ChildOf, pick()));
		if (rng.NextNumber() < 0.1)
			server.net.setVisibility(e, server.sky.Visible.owner(ns.clients[rng.NextInteger(0, ns.clients.size() - 1)].peer.serverPlayer));
		alive.push(e);
	};
	for (let i = 0; i < 200; i++) spawnOne();
	server.game = () => {
		if (sim.frame > 600 + 5) return; // quiesce after 600 ticks of operations
		for (let n = 0; n < 8; n++) {
			prune();
			if (alive.size() < 20) spawnOne();
			const e = pick();
			const roll = rng.NextNumber();
			ops += 1;
			if (roll < 0.05) spawnOne();
			else if (roll < 0.08) world.delete(e);
			else if (roll < 0.3) world.set(e, c.Health, rng.NextInteger(0, 1000));
			else if (roll < 0.55) {
				const t = world.get(e, c.Transform);
				const base = t ? t.position : Vector3.zero;
				world.set(e, c.Transform, {
					position: base.add(new Vector3(rng.NextNumber(-1, 1), 0, rng.NextNumber(-1, 1))),
					yaw: rng.NextNumber(-3, 3),
				});
			} else if (roll < 0.62) {
				const s = world.get(e, c.Stats) ?? randomStats();
				world.set(e, c.Stats, { ...s, xp: s.xp + rng.NextInteger(1, 50) });
			} else if (roll < 0.66) world.remove(e, [c.Health, c.Stats, c.Transform][rng.NextInteger(0, 2)]);
			else if (roll < 0.74) {
				const tag = rng.NextNumber() < 0.5 ? c.Enemy : c.Burning;
				if (world.has(e, tag)) world.remove(e, tag);
				else world.add(e, tag);
			} else if (roll < 0.8) {
				const other = pick();
				if (other !== e) {
					const p = jecs.pair(c.Owns, other);
					if (world.has(e, p)) world.remove(e, p);
					else world.add(e, p);
				}
			} else if (roll < 0.84) {
				world.set(e, c.Target, rng.NextNumber() < 0.2 ? undefined : pick());
			} else if (roll < 0.86) {
				const other = pick();
				// ChildOf must stay acyclic: only parent to entities without a parent
				if (other !== e && world.parent(other) === undefined && world.parent(e) === undefined)
					world.add(e, jecs.pair(jecs.ChildOf, other));
			} else if (roll < 0.88) {
				server.net.setVisibility(
					e,
					rng.NextNumber() < 0.5 ? server.sky.Visible.all() : server.sky.Visible.owner(ns.clients[0].peer.serverPlayer),
				);
			}
			// keep entities replicated: an entity left with nothing replicated despawns
			if (world.contains(e) && !world.has(e, c.Health)) world.set(e, c.Health, 1);
		}
	};
	sim.step(300);
	ns.addClient(link); // a late joiner must catch up on everything
	sim.step(300);
	server.game = undefined;
	sim.run(4);
	print(`convergence seed ${seed}: ${ops} operations, ${server.net.context.tracked.size()} live entities`);
	const problems: string[] = [];
	for (const client of ns.clients) {
		for (const p of worldDiff(server, client, client.peer.serverPlayer)) problems.push(`${client.peer.name}: ${p}`);
	}
	const errors = [...sim.server.errors];
	for (const cl of ns.clients) for (const err of cl.peer.errors) errors.push(err);
	return { problems, errors };
}

export = () => {
	afterEach(() => Harness.destroyAll()); // every game this spec file starts is freed after each test
	describe("randomized convergence", () => {
		for (const seed of [101, 202, 303]) {
			it(`every client equals the server's view after random operations (seed ${seed})`, () => {
				const result = run(seed);
				expect(result.problems.join("\n")).to.equal("");
				expect(result.errors.join("\n")).to.equal("");
			});
		}
	});
};
