/**
 * Item 5: entity references from a client resolve only to entities that
 * client sees now. The hostile client names, by guessed handles, an entity
 * visible only to the honest player, a Visible.none() entity, one outside
 * its area of interest and handles never given out; each such event is
 * dropped as a "reference" violation, while a reference to an entity it sees
 * resolves, and the honest player's reference to its own entity resolves.
 */
import Harness from "@rbxts/skyrocket-test";
import type { Entity } from "@rbxts/jecs";
import { arena, settle } from "./arena";
import { assertEqual, check } from "../../support/check";
import type { ClientEventHandle, ServerEventHandle } from "../../../src";
import type { ServerNet } from "../../../src/net/server";
import type { ClientNet } from "../../../src/net/client";

export = () => {
	afterEach(() => Harness.destroyAll()); // every game this spec file starts is freed after each test
	describe("security: entity references", () => {
		it("resolve only to entities the sender sees now; others drop the event as a violation", () => {
			const targets = new Map<ServerNet | ClientNet, unknown>();
			const a = arena({
				seed: 105,
				register: (net, _c, _w, sky) => {
					targets.set(net, net.event("Target", { codec: sky.codec.struct({ who: sky.codec.entity() }), from: "client" }));
				},
				server: (side) => side.net.setInterest({ position: side.c.Position, enterRadius: 200, interval: 0 }),
			});
			const { server, honest, hostile, sim, entities } = a;
			const world = server.world;
			const sky = server.sky;
			server.net.setFocus(honest.peer.serverPlayer, Vector3.zero);
			server.net.setFocus(hostile.player, Vector3.zero);
			const seen = world.entity();
			world.set(seen, server.c.Health, 1);
			const honestOnly = world.entity();
			world.set(honestOnly, server.c.Health, 2);
			server.net.setVisibility(honestOnly, sky.Visible.players([honest.peer.serverPlayer]));
			const hidden = world.entity();
			world.set(hidden, server.c.Health, 3);
			server.net.setVisibility(hidden, sky.Visible.none());
			const far = entities[0];
			world.set(far, server.c.Position, new Vector3(5000, 0, 5000));
			sim.run(0.5);
			const resolved: [Player, Entity | undefined][] = [];
			const targetS = targets.get(server.net) as ServerEventHandle<{ who?: Entity }>;
			server.net.use(
				() => {
					for (const [, t, sender] of targetS.incoming()) resolved.push([sender, t.who]);
				},
				{ phase: sky.ServerPhase.Game },
				"record targets",
			);
			const handleOf = (e: Entity) => server.net.handleOf(e)!;
			const guesses: [string, number][] = [
				["visible only to the honest player", handleOf(honestOnly)],
				["Visible.none()", handleOf(hidden)],
				["outside the hostile's area of interest", handleOf(far)],
				["a handle never given out", server.net.context.handles.max() + 50],
			];
			for (const [, h] of guesses) {
				hostile.send(true, (w) => hostile.event(w, "Target", (p) => hostile.k.writeVarUint(p, h)));
			}
			hostile.send(true, (w) => hostile.event(w, "Target", (p) => hostile.k.writeVarUint(p, handleOf(seen))));
			// the honest player names the entity only it sees, through its own net
			const targetC = targets.get(honest.net) as ClientEventHandle<{ who?: Entity }>;
			targetC.send({ who: honest.net.entityOf(handleOf(honestOnly)) });
			sim.run(0.5);
			const hostileResolved = resolved.filter(([p]) => p === hostile.player);
			const honestResolved = resolved.filter(([p]) => p === honest.peer.serverPlayer);
			assertEqual(hostileResolved.size(), 1, "only the hostile's reference to an entity it sees reaches the game");
			assertEqual(hostileResolved[0][1], seen, "that reference resolves to the entity it sees");
			assertEqual(honestResolved.size(), 1, "the honest reference reaches the game");
			assertEqual(honestResolved[0][1], honestOnly, "the honest player's reference resolves to the entity only it sees");
			const stats = server.net.stats(hostile.player)!;
			assertEqual(stats.drops.get("reference") ?? 0, guesses.size(), "each out-of-view reference is dropped and counted");
			check(stats.events.get("Target")!.rejected === guesses.size(), "the refused events are counted as rejected");
			settle(a, {
				only: (e) => {
					const p = world.get(e, server.c.Position);
					return p === undefined || p.Magnitude <= 200;
				},
			});
		});
	});
};
