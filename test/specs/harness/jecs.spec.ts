// jecs, the ECS the library is built on, runs inside the VM: imported by a
// spec, or required by a peer from ReplicatedStorage.rbxts_include.
import Harness from "@rbxts/skyrocket-test";
import jecs from "@rbxts/jecs";
import { assertEqual, check } from "./support";

const JECS_PATH = "ReplicatedStorage/rbxts_include/node_modules/@rbxts/jecs/src/jecs";

export = () => {
	afterEach(() => Harness.destroyAll()); // every game this spec file starts is freed after each test
	describe("jecs in the harness", () => {
		it("creates a world, sets components and queries them in the spec runner", () => {
			const world = jecs.world();
			const Position = world.component<Vector3>();
			const Health = world.component<number>();
			const a = world.entity();
			const b = world.entity();
			world.set(a, Position, new Vector3(1, 0, 0));
			world.set(a, Health, 10);
			world.set(b, Position, new Vector3(2, 0, 0));
			let count = 0;
			let healthSum = 0;
			for (const [e, pos, hp] of world.query(Position, Health)) {
				check(e === a, "only the entity with both components should match");
				assertEqual(pos.X, 1, "queried Position");
				healthSum += hp;
				count++;
			}
			assertEqual(count, 1, "entities with Position and Health");
			assertEqual(healthSum, 10, "queried Health");
			assertEqual(world.get(b, Health), undefined, "an unset component reads as nil");
		});

		it("runs a separate jecs in each peer, required by path", () => {
			const sim = Harness.simulate({ clients: 1, quiet: true });
			type Jecs = typeof jecs;
			const serverJecs = sim.server.require<Jecs>(JECS_PATH);
			const clientJecs = sim.clients[0].require<Jecs>(JECS_PATH);
			check(serverJecs !== clientJecs, "server and client should each load their own jecs");
			check(serverJecs !== (jecs as unknown), "and neither should be the spec runner's");
			const world = sim.server.run(() => {
				const w = serverJecs.world();
				const Speed = w.component<number>();
				for (let i = 1; i <= 100; i++) w.set(w.entity(), Speed, i);
				let total = 0;
				for (const [, speed] of w.query(Speed)) total += speed;
				return total;
			});
			assertEqual(world, 5050, "sum of 100 queried components in the server's world");
		});

		it("removes components and despawns entities", () => {
			const world = jecs.world();
			const Tag = world.component();
			const Value = world.component<string>();
			const e = world.entity();
			world.add(e, Tag);
			world.set(e, Value, "v");
			world.remove(e, Value);
			check(world.has(e, Tag), "the tag stays");
			check(!world.has(e, Value), "the removed component is gone");
			world.delete(e);
			check(!world.contains(e), "a deleted entity is no longer alive");
		});
	});
};
