/**
 * net.atomic: world changes made together on the server, across entities and
 * across the reliable (Health) and unreliable (Transform) streams, apply on
 * every client in one client step. Without it, the unreliable half travels
 * in its own packets and lands in another step (the control case shows it
 * does, on this link); with it, no client step ever shows half a group.
 */
import Harness from "@rbxts/skyrocket-test";
import type { Entity } from "@rbxts/jecs";
import { netSim } from "../../support/net";
import { worldDiff } from "../../support/worldDiff";
import { check, assertEqual } from "../../support/check";

interface Transform {
	position: Vector3;
	yaw: number;
}
interface Components {
	Transform: Entity<Transform>;
	Health: Entity<number>;
}

const LINK = { latency: 0.08, jitter: 0.03, loss: 0.25, reorder: 0.2 };

/**
 * Every 10 frames the server moves round r into 4 entities: Health 100 + r
 * and Transform x = r on each. Returns how many client steps showed a torn
 * group (entities or streams of different rounds), and the rounds seen.
 */
function play(atomic: boolean, seed: number) {
	print(`net.atomic ${atomic ? "on" : "off"}: seed ${seed}`);
	const ns = netSim<Components>({
		sim: { clients: 2, seed, link: LINK },
		define: (jecs) => ({ Transform: jecs.component<Transform>(), Health: jecs.component<number>() }),
		register: (net, c, world, sky, jecs) => {
			world.set(c.Transform, jecs.Name, "Transform");
			world.set(c.Health, jecs.Name, "Health");
			const k = sky.codec;
			net.replicate(c.Transform, {
				codec: k.struct({ position: k.vector3({ precision: 1 / 64 }), yaw: k.angle({ bits: 10 }) }),
				channel: "unreliable",
			});
			net.replicate(c.Health, k.u16);
		},
	});
	const { sim, server, clients } = ns;
	const world = server.world;
	const group: Entity[] = [];
	const setRound = (r: number) => {
		for (const e of group) {
			world.set(e, server.c.Health, 100 + r);
			world.set(e, server.c.Transform, { position: new Vector3(r, 0, 0), yaw: 0 });
		}
	};
	for (let i = 0; i < 4; i++) group.push(world.entity());
	setRound(0);
	let frame = 0;
	let round = 0;
	server.game = () => {
		frame += 1;
		if (frame % 10 !== 0 || round >= 40) return;
		round += 1;
		if (atomic) server.net.atomic(() => setRound(round));
		else setRound(round);
	};
	let torn = 0;
	let newest = 0;
	for (const client of clients) {
		client.game = () => {
			const rounds = new Set<number>();
			let present = 0;
			for (const e of group) {
				const handle = server.net.handleOf(e);
				const mine = handle !== undefined ? client.net.entityOf(handle) : undefined;
				if (mine === undefined) continue;
				const health = client.world.get(mine, client.c.Health);
				const t = client.world.get(mine, client.c.Transform);
				if (health === undefined || t === undefined) continue;
				present += 1;
				rounds.add(health - 100);
				rounds.add(math.round(t.position.X));
			}
			if (present === 0) return;
			if (rounds.size() > 1) torn += 1;
			for (const r of rounds) newest = math.max(newest, r);
		};
	}
	sim.run(8);
	for (const client of clients) {
		const problems = worldDiff(server, client, client.peer.serverPlayer);
		check(problems.size() === 0, `${client.peer.name} converges to the server: ${problems.join("; ")}`);
	}
	return { torn, newest, errors: [sim.server, ...clients.map((c) => c.peer)].reduce((n, p) => n + p.errors.size(), 0) };
}

export = () => {
	afterEach(() => Harness.destroyAll()); // every game this spec file starts is freed after each test
	describe("net.atomic", () => {
		it("control: without it, a step's reliable and unreliable changes can land in different client steps", () => {
			const result = play(false, 191);
			print(`torn client steps without net.atomic: ${result.torn}`);
			check(result.torn > 0, "on a lossy, jittery link the unreliable half of a change lands apart from the reliable half");
			assertEqual(result.newest, 40, "every round reached the clients");
		});

		it("changes across entities and streams apply on every client in one client step", () => {
			const result = play(true, 191);
			assertEqual(result.torn, 0, "client steps that showed entities or streams of different rounds");
			assertEqual(result.newest, 40, "every round reached the clients");
			assertEqual(result.errors, 0, "no errors");
		});
	});
};
