/**
 * Item 4: no speed hack through prediction. The server applies a player's
 * inputs at most as fast as its own clock advances (plus INPUT_SLACK banked
 * inputs for jitter), so whatever input ticks a client sends (4 new ones per
 * frame, 32 per batch, ticks far ahead, replays), it moves at most 1.05x as
 * far as an honest client over 2 s. Inputs that fail the prediction's check
 * drop the batch.
 */
import Harness from "@rbxts/skyrocket-test";
import type { Entity, World } from "@rbxts/jecs";
import { arena, settle } from "./arena";
import { assertAtMost, check } from "../../support/check";
import type { ClientPrediction, ServerPrediction } from "../../../src";
import type { ServerNet } from "../../../src/net/server";
import type { ClientNet } from "../../../src/net/client";

interface Move {
	x: number;
}
const SPEED = 16;

export = () => {
	afterEach(() => Harness.destroyAll()); // every game this spec file starts is freed after each test
	describe("security: speed hacks through prediction", () => {
		it("no input pattern moves a player faster than 1.05x an honest one over 2 s", () => {
			const walks = new Map<ServerNet | ClientNet, unknown>();
			const bodies = new Map<ServerNet | ClientNet, Entity<Vector3>>();
			const a = arena({
				seed: 104,
				register: (net, _c, world: World, sky, jecs) => {
					const body = world.component<Vector3>();
					world.set(body, jecs.Name, "Body");
					net.replicate(body, { codec: sky.codec.vector3({ precision: 1 / 64 }), channel: "unreliable" });
					bodies.set(net, body);
					// apply clamps what an input may do, as the README asks
					const apply = (w: World, e: Entity, input: Move, dt: number) => {
						const p = w.get(e, body)!;
						w.set(e, body, p.add(new Vector3(math.clamp(input.x, -1, 1) * SPEED * dt, 0, 0)));
					};
					walks.set(
						net,
						net.prediction("Walk", {
							component: body,
							input: sky.codec.struct({ x: sky.codec.i8 }),
							apply,
							check: (i) => i.x !== -128,
						}),
					);
				},
			});
			const { server, honest, hostile, sim } = a;
			const world = server.world;
			const body = bodies.get(server.net)!;
			const walkS = walks.get(server.net) as ServerPrediction<Move, Vector3>;
			const mine = world.entity();
			const theirs = world.entity();
			world.set(mine, body, Vector3.zero);
			world.set(theirs, body, Vector3.zero);
			walkS.bind(honest.peer.serverPlayer, mine);
			walkS.bind(hostile.player, theirs);
			sim.run(0.5);
			const walkC = walks.get(honest.net) as ClientPrediction<Move, Vector3>;
			walkC.setInput({ x: 1 });
			const batch = server.net.events.registry.byName.get("Skyrocket.Walk.Input")!.codec;
			let nextTick = 1;
			const sendBatch = (first: number, count: number) => {
				const inputs: Move[] = [];
				for (let i = 0; i < count; i++) inputs.push({ x: 1 });
				hostile.send(false, (w) => hostile.event(w, "Skyrocket.Walk.Input", (p) => batch.write(p, { first, inputs })));
			};
			const patterns: [string, () => void][] = [
				[
					"4 new input ticks per frame",
					() => {
						sendBatch(nextTick, 4);
						nextTick += 4;
					},
				],
				[
					"32 new input ticks per frame",
					() => {
						sendBatch(nextTick, 32);
						nextTick += 32;
					},
				],
				[
					"ticks far ahead, then more",
					() => {
						sendBatch(nextTick + 100, 8);
						nextTick += 8;
					},
				],
				["the same batch again and again", () => sendBatch(nextTick, 8)],
				[
					"8 new ticks every 4th frame",
					() => {
						if (sim.frame % 4 === 0) {
							sendBatch(nextTick, 8);
							nextTick += 8;
						}
					},
				],
			];
			const ackId = server.net.context.registry.byName.get("Skyrocket.Walk.Ack")!.id as Entity<number>;
			for (const [name, attack] of patterns) {
				// each pattern starts right after the last input the server applied
				nextTick = (world.get(theirs, ackId) ?? 0) + 1;
				const honest0 = world.get(mine, body)!.X;
				const hostile0 = world.get(theirs, body)!.X;
				for (let f = 0; f < 120; f++) {
					attack();
					sim.step(1);
				}
				const honestMoved = world.get(mine, body)!.X - honest0;
				const hostileMoved = world.get(theirs, body)!.X - hostile0;
				const ratio = hostileMoved / honestMoved;
				print(
					`${name}: honest ${string.format("%.2f", honestMoved)} studs, hostile ${string.format("%.2f", hostileMoved)} studs in 2 s (x${string.format("%.3f", ratio)})`,
				);
				check(honestMoved > SPEED * 2 * 0.9, `the honest player keeps its speed during "${name}"`);
				assertAtMost(ratio, 1.05, `"${name}" moves the hostile player at most 1.05x as far as the honest one`);
			}
			// an input the check refuses drops its batch
			const before = server.net.stats(hostile.player)!.events.get("Skyrocket.Walk.Input")!.rejected;
			hostile.send(false, (w) =>
				hostile.event(w, "Skyrocket.Walk.Input", (p) => batch.write(p, { first: nextTick, inputs: [{ x: -128 }] })),
			);
			sim.step(2);
			const after = server.net.stats(hostile.player)!.events.get("Skyrocket.Walk.Input")!.rejected;
			check(after === before + 1, "a batch with an input that fails the check is dropped and counted");
			walkC.setInput({ x: 0 });
			sim.run(0.3);
			// the ack of a bound player advances every frame: unbind so the world can settle
			walkS.unbind(honest.peer.serverPlayer);
			walkS.unbind(hostile.player);
			settle(a);
		});
	});
};
