/**
 * Item 1: a throwing system never stalls the net. A game system throws on
 * every event from the hostile player; the server still finishes every step,
 * the honest client converges and gets its events, no event is seen twice
 * (cleanup still despawns the step's event entities), the failure is
 * counted and reported at most once per 10 s.
 */
import Harness from "@rbxts/skyrocket-test";
import { arena, settle } from "./arena";
import { assertAtMost, assertEqual, check } from "../../support/check";

export = () => {
	afterEach(() => Harness.destroyAll()); // every game this spec file starts is freed after each test
	describe("security: a throwing system", () => {
		it("never stalls the net: every step finishes, events are seen once, the honest client converges", () => {
			const a = arena({ seed: 101 });
			const { server, hostile, sim } = a;
			const chat = server.net.events.registry.byName.get("Chat")!;
			// each hostile chat is seen by this system at most once (numbers are unique per send)
			const hostileSeen = new Map<number, number>();
			let leftover = 0;
			server.net.use(
				() => {
					for (const [, n, sender] of server.world.query(chat.component as never, server.sky.Sender)) {
						if (sender === hostile.player) {
							hostileSeen.set(n as number, (hostileSeen.get(n as number) ?? 0) + 1);
							error(`game bug: cannot handle chat ${n}`);
						}
					}
				},
				{ phase: server.sky.ServerPhase.Game },
				"fragile chat handler",
			);
			// no event entity outlives its step
			server.net.use(
				() => {
					for (const _ of server.world.query(server.sky.NetEvent)) leftover += 1;
				},
				{ after: server.sky.ServerPhase.Cleanup },
				"count leftover events",
			);
			let sent = 0;
			const seconds = 12;
			for (let frame = 0; frame < seconds * 60; frame++) {
				if (frame % 2 === 0) {
					sent += 1;
					const n = sent;
					hostile.send(true, (w) => hostile.event(w, "Chat", (p) => hostile.k.writeU32(p, n)));
				}
				sim.step(1);
			}
			settle(a, { expectedErrors: "fragile chat handler" });
			const failures = server.net.systemFailures().get("fragile chat handler") ?? 0;
			print(`a system threw ${failures} times over ${seconds} s; the server finished ${a.counts.steps} of ${a.counts.frames} steps`);
			let seenTotal = 0;
			for (const [n, times] of hostileSeen) {
				assertEqual(times, 1, `hostile chat ${n} is seen by the game at most once`);
				seenTotal += 1;
			}
			check(seenTotal > 0 && seenTotal <= sent, "the hostile chats that passed the rate limit were each seen once");
			check(failures > 0, "the failures are counted in systemFailures()");
			assertEqual(leftover, 0, "no event entity outlives its step");
			const reported = sim.server.errors.filter((e) => e.find("fragile chat handler")[0] !== undefined).size();
			assertAtMost(reported, math.ceil(seconds / 10) + 1, "the failure is reported at most once per 10 s");
			check(reported >= 1, "the failure is reported with the system's name");
		});
	});
};
