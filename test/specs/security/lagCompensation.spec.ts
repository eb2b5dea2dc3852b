/**
 * Item 10: bounded lag compensation. A player may rewind at most its RTT +
 * the interpolation delay + a margin into the past, never into the future;
 * ticks outside the bound or the history are clamped (or, with
 * outOfBound "reject", refused) and counted, never thrown.
 */
import Harness from "@rbxts/skyrocket-test";
import { arena, settle } from "./arena";
import { assertEqual, check } from "../../support/check";
import type { ClientEventHandle, ServerEventHandle } from "../../../src";
import type { ServerNet } from "../../../src/net/server";
import type { ClientNet } from "../../../src/net/client";

export = () => {
	afterEach(() => Harness.destroyAll()); // every game this spec file starts is freed after each test
	describe("security: lag compensation", () => {
		it("bounds each player's rewind by its RTT plus interpolation delay and margin; never throws", () => {
			const shots = new Map<ServerNet | ClientNet, unknown>();
			const a = arena({
				seed: 111,
				link: { latency: 0.015 },
				register: (net, _c, _w, sky) => {
					shots.set(net, net.event("Shot", { codec: sky.codec.u32, from: "client" }));
				},
			});
			const { server, honest, hostile, sim } = a;
			const history = server.net.rollback({ components: [server.c.Position], ticks: 64, interpolationDelay: 0.1, margin: 0.1 });
			const strict = server.net.rollback({ components: [server.c.Position], ticks: 64, outOfBound: "reject" });
			const shotS = shots.get(server.net) as ServerEventHandle<number>;
			const results: [Player, number, number | undefined, number | undefined, number, number][] = [];
			server.net.use(
				() => {
					for (const [, tick, sender] of shotS.incoming()) {
						const got = history.rewindFor(sender, tick);
						history.restore();
						const strictGot = strict.rewindFor(sender, tick);
						strict.restore();
						results.push([sender, tick, got, strictGot, history.oldestFor(sender), history.newest]);
					}
				},
				{ phase: server.sky.ServerPhase.Game },
				"lag compensation",
			);
			sim.run(2);
			const now = server.net.tick();
			const bound = (rtt: number) => math.ceil((rtt + 0.2) * 60);
			for (const tick of [now - 60, now - 30, now + 1000, 0, 4294967295, now - 3]) {
				hostile.send(true, (w) => hostile.event(w, "Shot", (p) => hostile.k.writeU32(p, tick)));
			}
			const shotC = shots.get(honest.net) as ClientEventHandle<number>;
			shotC.send(honest.net.tick() - 4);
			shotC.send(math.max(0, honest.net.tick() - 100));
			sim.run(0.5);
			assertEqual(server.net.systemFailures().size(), 0, "no rewind throws");
			assertEqual(results.size(), 8, "every shot is handled");
			for (const [sender, tick, got, strictGot, oldest, newest] of results) {
				const who = sender === hostile.player ? "hostile" : "honest";
				print(`${who} asked for tick ${tick}: rewound to ${got} (oldest allowed ${oldest}); strict: ${strictGot}`);
				check(got !== undefined, "a clamped rewind always happens");
				check(got! <= newest, "never past the newest recorded tick");
				check(got! >= oldest, "never older than the player's bound");
				check(newest - oldest <= bound(server.net.rtt(sender)) + 8, "the bound is RTT + interpolation delay + margin");
				if (tick >= oldest && tick <= newest) assertEqual(got, tick, "a tick inside the bound rewinds exactly there");
				if (tick < oldest || tick > newest) assertEqual(strictGot, undefined, "with outOfBound reject a tick outside is refused");
			}
			check((server.net.counters().get("rollback: clamped") ?? 0) >= 4, "clamps are counted");
			check((server.net.counters().get("rollback: rejected") ?? 0) >= 4, "refusals are counted");
			check(server.net.rtt(honest.peer.serverPlayer) < 0.1, "the honest player's RTT is small (30 ms link)");
			settle(a);
		});
	});
};
