/**
 * Item 8: every per-player structure is freed on leave. 1,000 players join
 * (in batches), say hello, get a focus and a predicted entity, misbehave once
 * (a malformed packet: a warning and a guard entry), and leave; every size
 * net.debugSizes() lists (connections, groups, interest focus and views,
 * prediction maps, warnings, profiler and conditioner rows) returns to what
 * it was before they came.
 */
import Harness from "@rbxts/skyrocket-test";
import type { Entity, World } from "@rbxts/jecs";
import { arena, Hostile, settle } from "./arena";
import { assertEqual, check } from "../../support/check";
import type { ServerPrediction } from "../../../src";
import type { ServerNet } from "../../../src/net/server";
import type { ClientNet } from "../../../src/net/client";

const PLAYERS = 1000;
const BATCH = 25;

export = () => {
	afterEach(() => Harness.destroyAll()); // every game this spec file starts is freed after each test
	describe("security: players leaving", () => {
		it("1,000 joins and leaves leave every per-player structure at its starting size", () => {
			const walks = new Map<ServerNet | ClientNet, unknown>();
			const a = arena({
				seed: 109,
				register: (net, c, world: World, sky) => {
					const apply = (w: World, e: Entity, input: { x: number }, dt: number) => {
						const p = w.get(e, c.Position)!;
						w.set(e, c.Position, p.add(new Vector3(math.clamp(input.x, -1, 1) * dt, 0, 0)));
					};
					walks.set(net, net.prediction("Walk", { component: c.Position, input: sky.codec.struct({ x: sky.codec.i8 }), apply }));
				},
				server: (side) => side.net.setInterest({ position: side.c.Position, enterRadius: 200, interval: 0 }),
			});
			const { server, sim, honest } = a;
			const sky = server.sky;
			server.net.setFocus(honest.peer.serverPlayer, Vector3.zero);
			sky.profile(server.net);
			sky.condition(server.net, { latency: 0, studioOnly: false });
			const walk = walks.get(server.net) as ServerPrediction<{ x: number }, Vector3>;
			sim.run(1.5);
			const before = server.net.debugSizes();
			const show = (m: Map<string, number>) => [...m].map(([k, v]) => `${k}=${v}`).join(", ");
			print(`sizes before: ${show(before)}`);
			let joined = 0;
			while (joined < PLAYERS) {
				const batch: Hostile[] = [];
				const bodies: Entity[] = [];
				for (let i = 0; i < BATCH; i++) {
					const peer = sim.addClient({ latency: 0.01 }, { wait: false });
					batch.push(new Hostile(peer, server));
				}
				sim.runUntil(() => batch.every((h) => h.peer.loaded), 10, "a batch of players loads");
				for (const h of batch) {
					h.hello();
					h.fire(true, buffer.create(1)); // malformed: warned once for this player
					const body = server.world.entity();
					server.world.set(body, server.c.Position, new Vector3(joined % 100, 0, 0));
					bodies.push(body);
					walk.bind(h.peer.serverPlayer, body);
					server.net.setFocus(h.peer.serverPlayer, new Vector3(0, 0, 0));
				}
				sim.step(6);
				if (joined === 0) {
					const during = server.net.debugSizes();
					print(`sizes with a batch in: ${show(during)}`);
					for (const key of [
						"connections",
						"players",
						"interest focus",
						"prediction Walk controlled",
						"warnings about players",
						"profiler links",
					]) {
						check((during.get(key) ?? 0) >= (before.get(key) ?? 0) + BATCH, `${key} holds the batch while it plays`);
					}
				}
				for (const h of batch) sim.removeClient(h.peer);
				sim.step(2);
				for (const e of bodies) server.world.delete(e);
				joined += BATCH;
			}
			sim.step(2);
			const after = server.net.debugSizes();
			print(`sizes after ${PLAYERS} joins and leaves: ${show(after)}`);
			for (const [key, size] of before) assertEqual(after.get(key), size, `${key} returns to its starting size`);
			assertEqual(server.net.players().size(), 2, "only the arena's two players are left");
			settle(a, {
				only: (e) => {
					const p = server.world.get(e, server.c.Position);
					return p === undefined || p.Magnitude <= 200;
				},
			});
		});
	});
};
