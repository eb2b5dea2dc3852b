/**
 * Item 3: NaN and infinities the game writes never break Skyrocket's own
 * math. An entity position of NaN or infinity in the area of interest, a NaN
 * focus, a NaN Priority, a NaN interpolation sample and a prediction whose
 * `apply` yields NaN are each treated as out of range (warned once, counted
 * in net.counters()), and never raise: the server steps every frame and the
 * honest client converges to everything still in range.
 */
import Harness from "@rbxts/skyrocket-test";
import type { Entity, World } from "@rbxts/jecs";
import { arena, ArenaComponents, settle } from "./arena";
import { assertEqual, check } from "../../support/check";
import type { Codec, ClientPrediction, Interpolator, ServerPrediction } from "../../../src";
import type { ServerNet } from "../../../src/net/server";
import type { ClientNet } from "../../../src/net/client";
import type { Sky } from "../../support/net";

interface Move {
	x: number;
}

/** A game's own vector codec that lets NaN through (three f64), as a custom codec may. */
function looseVector(sky: Sky): Codec<Vector3> {
	const k = sky.codec;
	return {
		name: "looseVector",
		exact: true,
		maxSize: 24,
		write: (w, v) => {
			k.writeF64(w, v.X);
			k.writeF64(w, v.Y);
			k.writeF64(w, v.Z);
		},
		read: (r) => new Vector3(k.readF64(r), k.readF64(r), k.readF64(r)),
		validate: (v) => (typeIs(v, "Vector3") ? undefined : "looseVector expects a Vector3"),
		canonical: (v) => v,
		equals: (a, b) => a === b,
	};
}

export = () => {
	afterEach(() => Harness.destroyAll()); // every game this spec file starts is freed after each test
	describe("security: non-finite values", () => {
		it("NaN and infinite positions, focus, priorities, samples and predicted states are out of range, counted, never raise", () => {
			const looks = new Map<ServerNet | ClientNet, Entity<Vector3>>();
			const walks = new Map<ServerNet | ClientNet, unknown>();
			const bodies = new Map<ServerNet | ClientNet, Entity<Vector3>>();
			const a = arena({
				seed: 103,
				serverConfig: { bandwidth: { perPlayer: 2500 } },
				register: (net, _c: ArenaComponents, world: World, sky, jecs) => {
					const look = world.component<Vector3>();
					world.set(look, jecs.Name, "Look");
					net.replicate(look, { codec: looseVector(sky), channel: "unreliable" });
					looks.set(net, look);
					const body = world.component<Vector3>();
					world.set(body, jecs.Name, "Body");
					net.replicate(body, { codec: sky.codec.vector3({ precision: 1 / 64 }), channel: "unreliable" });
					bodies.set(net, body);
					// a game bug: input 100 divides by zero
					const apply = (w: World, e: Entity, input: Move, dt: number) => {
						const p = w.get(e, body)!;
						w.set(e, body, p.add(new Vector3((math.clamp(input.x, -1, 1) * 16 * dt) / (input.x === 100 ? 0 : 1), 0, 0)));
					};
					walks.set(net, net.prediction("Walk", { component: body, input: sky.codec.struct({ x: sky.codec.i8 }), apply }));
				},
				server: (side) => side.net.setInterest({ position: side.c.Position, enterRadius: 200, interval: 0 }),
			});
			const { server, honest, hostile, sim, entities } = a;
			const world = server.world;
			const c = server.c;
			server.net.setFocus(honest.peer.serverPlayer, Vector3.zero);
			// interpolation and prediction on the honest client
			const smooth = honest.net.interpolate(looks.get(honest.net)!) as Interpolator<Vector3>;
			const character = world.entity();
			world.set(character, bodies.get(server.net)!, Vector3.zero);
			(walks.get(server.net) as ServerPrediction<Move, Vector3>).bind(honest.peer.serverPlayer, character);
			const walk = walks.get(honest.net) as ClientPrediction<Move, Vector3>;
			const look = looks.get(server.net)!;
			for (const e of entities) world.set(e, look, new Vector3(1, 2, 3));
			sim.run(1);

			// the attack of a buggy game: every kind of non-finite value at once
			const [nanAt, infAt, priorityAt] = [entities[0], entities[1], entities[2]];
			world.set(nanAt, c.Position, new Vector3(0 / 0, 0, 0));
			world.set(infAt, c.Position, new Vector3(math.huge, 0, -math.huge));
			world.set(priorityAt, server.sky.Priority, 0 / 0);
			server.net.setFocus(hostile.player, new Vector3(0 / 0, 0, 0));
			world.set(entities[3], look, new Vector3(0 / 0, 1, 1));
			walk.setInput({ x: 100 });
			sim.run(0.5);
			walk.setInput({ x: 1 });
			world.set(entities[3], look, new Vector3(4, 5, 6));
			sim.run(1);
			walk.setInput({ x: 0 });
			sim.run(0.3);
			// the ack of a bound player advances every frame: unbind so the world can settle
			(walks.get(server.net) as ServerPrediction<Move, Vector3>).unbind(honest.peer.serverPlayer);

			const bad = new Set([nanAt, infAt]);
			const focus = Vector3.zero;
			settle(a, {
				expectedErrors: "cannot replicate Position",
				only: (e) => {
					const p = world.get(e, c.Position);
					return p === undefined || (!bad.has(e) && p.sub(focus).Magnitude <= 200);
				},
			});
			const counters = server.net.counters();
			const clientCounters = honest.net.counters();
			print(`server counters: ${[...counters].map(([k, v]) => `${k}=${v}`).join(", ")}`);
			print(`client counters: ${[...clientCounters].map(([k, v]) => `${k}=${v}`).join(", ")}`);
			check((counters.get("non-finite: interest position") ?? 0) >= 2, "NaN and infinite positions are counted");
			check((counters.get("non-finite: interest focus") ?? 0) > 0, "a NaN focus is counted");
			check((counters.get("non-finite: priority") ?? 0) > 0, "a NaN priority is counted");
			check((counters.get("non-finite: prediction") ?? 0) > 0, "a NaN predicted state is refused on the server and counted");
			check((clientCounters.get("non-finite: interpolation") ?? 0) > 0, "a NaN sample is skipped by interpolation and counted");
			check((clientCounters.get("non-finite: prediction") ?? 0) > 0, "a NaN predicted state is refused on the client and counted");
			assertEqual(server.net.systemFailures().size(), 0, "no server system raised");
			assertEqual(honest.net.systemFailures().size(), 0, "no client system raised");
			// what the client renders is finite: the NaN sample never reached Rendered
			for (const [, rendered] of honest.world.query(smooth.Rendered)) {
				check(rendered.X === rendered.X && rendered.Y === rendered.Y, "interpolated values stay finite");
			}
			const body = bodies.get(server.net)!;
			const at = world.get(character, body)!;
			check(at.X === at.X && math.abs(at.X) < 1e6, "the predicted entity keeps a finite state on the server");
			const warned = sim.server.warnings.filter((w) => w.find("out of range", 1, true)[0] !== undefined).size();
			check(warned >= 3 && warned <= 6, `each place warns once (${warned} warnings)`);
		});
	});
};
