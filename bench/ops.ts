/**
 * `npm run bench -- --ops`: what single operations cost in the harness's
 * Luau VM, so the per-entity figures of the benchmark can be read: the VM's
 * basics (a loop iteration, a call, a table, a Vector3) and each step an
 * acknowledged-delta update of the arena's Transform takes on the server
 * (quantize, compare, store, delta-encode) and on the client (decode, build
 * the value, set it in jecs). Process CPU time over 20,000 repetitions, each
 * timed after two untimed passes. Figures move by 10-20% between runs, and
 * more for what allocates (they include the garbage collection it causes).
 */
import jecs from "@rbxts/jecs";
import * as codec from "../src/codec";
import { MutationStore } from "../src/server/mutationStore";
import type { HarnessApi } from "@rbxts/skyrocket-test";

const N = 20000;

export = (harness: HarnessApi): string => {
	const lines: string[] = [];
	const time = (name: string, body: () => void) => {
		body();
		body();
		const t0 = harness.cpuClock();
		body();
		lines.push(`${name}: ${string.format("%.2f", ((harness.cpuClock() - t0) / N) * 1e6)} us`);
	};
	const noop = (x: number) => x;
	// the whole list twice, the first pass untimed: the runner's start-up work settles first
	for (let pass = 0; pass < 2; pass++) {
		lines.clear();
		measure(time, noop);
	}
	return lines.join("\n");
};

function measure(time: (name: string, body: () => void) => void, noop: (x: number) => number) {
	// the VM's basics
	time("empty loop iteration", () => {
		for (let i = 0; i < N; i++) {
			// nothing
		}
	});
	time("local function call", () => {
		for (let i = 0; i < N; i++) noop(i);
	});
	time("small table { a, b }", () => {
		for (let i = 0; i < N; i++) {
			const t = { a: i, b: i };
			noop(t.a);
		}
	});
	time("Vector3.new", () => {
		for (let i = 0; i < N; i++) noop(new Vector3(i, 2, 3).X);
	});
	const v3 = new Vector3(1, 2, 3);
	time('typeIs(v, "Vector3")', () => {
		for (let i = 0; i < N; i++) typeIs(v3, "Vector3");
	});

	// the arena's Transform, as Skyrocket replicates it by default in the bench
	const transform = codec.struct({ position: codec.vector3({ precision: 1 / 64 }), yaw: codec.angle({ bits: 10 }) });
	const lanes = transform.lanes!;
	const before: unknown[] = [];
	lanes.load({ position: new Vector3(10.5, 3, -20.25), yaw: 1.2 }, before, 0);
	const after: unknown[] = [];
	const moved = { position: new Vector3(10.9, 3, -20.5), yaw: 1.3 };
	lanes.load(moved, after, 0);
	const scratch: unknown[] = [];
	time("server: quantize + validate a Transform (lanes.load)", () => {
		for (let i = 0; i < N; i++) lanes.load(moved, scratch, 0);
	});
	time("server: compare with the last version (lanes.same)", () => {
		for (let i = 0; i < N; i++) lanes.same(before, 0, after, 0);
	});
	const w = codec.newWriter(64);
	time("server: write the delta against a baseline (writeChanged)", () => {
		for (let i = 0; i < N; i++) {
			w.p = 0;
			lanes.writeChanged!(w, before, 0, after, 0);
		}
	});
	const store = new MutationStore();
	store.add({ codec: transform, name: "Transform" } as never);
	const values: defined[] = [];
	for (let h = 1; h <= 1000; h++) {
		store.beginPass();
		store.set(h, 0, { position: new Vector3(h, 1, 2), yaw: 0.5 });
		values.push({ position: new Vector3(h + 0.5, 1, 2), yaw: 0.5 + h / 1000 });
	}
	time("server: store a moving entity's new version (setSingle, load included)", () => {
		for (let i = 0; i < N; i++) {
			if (i % 1000 === 0) store.beginPass();
			store.setSingle((i % 1000) + 1, values[(i * 7) % 1000]);
		}
	});
	const data = codec.toBuffer(w);
	const r = codec.newReader(data);
	const out: unknown[] = [];
	time("client: decode the delta (readChanged)", () => {
		for (let i = 0; i < N; i++) {
			r.p = 0;
			lanes.readChanged!(r, before, 0, out, 0, 3);
		}
	});
	time("client: build the Transform value (lanes.value)", () => {
		for (let i = 0; i < N; i++) lanes.value(after, 0);
	});
	const world = jecs.world();
	const Transform = world.component<unknown>();
	const entities: jecs.Entity[] = [];
	for (let i = 0; i < 1000; i++) {
		const e = world.entity();
		world.set(e, Transform, moved);
		entities.push(e);
	}
	time("client: world.set of a component the entity has", () => {
		for (let i = 0; i < N; i++) world.set(entities[i % 1000], Transform, moved);
	});
}
