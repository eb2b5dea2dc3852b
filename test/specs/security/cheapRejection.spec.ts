/**
 * Item 7: cheap rejection. A hostile client sends dense 16 KiB packets of
 * small events at the firewall's maximum (4 a second) for 10 s. Events over
 * the rate and flood limits are refused before their payload is decoded (a
 * counting codec proves it) and spawn no entity; violations coalesce into one
 * entity per player, kind and step, whose counts add up to the drops. The
 * server's CPU with and without the attack is printed (the bench's `attack`
 * scenario measures it on the arena).
 */
import Harness from "@rbxts/skyrocket-test";
import { arena, settle } from "./arena";
import { assertAtMost, assertEqual, check } from "../../support/check";
import type { Codec } from "../../../src";
import type { Sky } from "../../support/net";

const SECONDS = 10;

/** u32 that counts how often it is decoded (on `counter`). */
function countingU32(sky: Sky, counter: { reads: number }): Codec<number> {
	const base = sky.codec.u32;
	return {
		...base,
		name: "countedU32",
		read: (r, ctx) => {
			counter.reads += 1;
			return base.read(r, ctx);
		},
	};
}

export = () => {
	afterEach(() => Harness.destroyAll()); // every game this spec file starts is freed after each test
	describe("security: cheap rejection", () => {
		it("refuses over-limit events without decoding them and coalesces their violations", () => {
			const counter = { reads: 0 };
			const run = (attack: boolean) => {
				const a = arena({
					seed: 108,
					register: (net, _c, _w, sky) => {
						net.event("Spam", { codec: countingU32(sky, counter), from: "client" });
					},
				});
				const { server, hostile, sim } = a;
				const sky = server.sky;
				let spawned = 0;
				let maxViolationEntities = 0;
				let violationCount = 0;
				server.net.use(
					() => {
						const spam = server.net.events.registry.byName.get("Spam")!;
						for (const _ of server.world.query(spam.component)) spawned += 1;
						let entities = 0;
						for (const [, v] of server.world.query(sky.Violation)) {
							if (v.player !== hostile.player) continue;
							entities += 1;
							violationCount += v.count;
						}
						maxViolationEntities = math.max(maxViolationEntities, entities);
					},
					{ after: sky.ServerPhase.Receive },
					"count spam",
				);
				// one packet: as many 7-byte Spam records as fit in 16 KiB
				const packet = hostile.build(
					true,
					(w) => {
						while (w.p + 7 <= 16384 - 8) hostile.event(w, "Spam", (p) => hostile.k.writeU32(p, 7));
					},
					0,
				);
				const records = math.floor((buffer.len(packet) - 2) / 7);
				// the server's net step alone (as the bench times it), not the harness's remote emulation
				let cpu = 0;
				let started = 0;
				server.net.use(() => (started = Harness.cpuClock()), { before: sky.ServerPhase.Receive }, "cpu start");
				server.net.use(() => (cpu += Harness.cpuClock() - started), { after: sky.ServerPhase.Cleanup }, "cpu stop");
				counter.reads = 0;
				let seq = 1000;
				for (let frame = 0; frame < SECONDS * 60; frame++) {
					if (attack && frame % 15 === 0) {
						// the same records under a fresh packet number each time
						seq += 1;
						const n = seq;
						hostile.fire(
							true,
							hostile.build(
								true,
								(w) => {
									while (w.p + 7 <= 16384 - 8) hostile.event(w, "Spam", (p) => hostile.k.writeU32(p, n));
								},
								n,
							),
						);
					}
					sim.step(1);
				}
				return { a, spawned, maxViolationEntities, violationCount, records, cpu, reads: counter.reads };
			};
			const calm = run(false);
			settle(calm.a);
			const r = run(true);
			const stats = r.a.server.net.stats(r.a.hostile.player)!;
			const drops = (stats.drops.get("rate-limit") ?? 0) + (stats.drops.get("flood") ?? 0);
			const sentEvents = r.records * SECONDS * 4;
			// packets over the firewall's bytes per second never reach the decoder
			const passed = (SECONDS * 4 - (stats.drops.get("firewall") ?? 0)) * r.records;
			print(
				`${sentEvents} events in ${SECONDS * 4} packets of ${r.records}: ${r.reads} decoded, ${r.spawned} spawned, ${drops} refused; ` +
					`server CPU ${string.format("%.3f", r.cpu)} s attacked vs ${string.format("%.3f", calm.cpu)} s quiet (x${string.format("%.2f", r.cpu / calm.cpu)})`,
			);
			// the per-event limit (30/s, bursts of 60) is all that may be decoded
			assertAtMost(r.reads, 60 + 30 * SECONDS + 5, "only events within the limits are decoded");
			assertEqual(r.spawned, r.reads, "only decoded events become entities");
			assertEqual(drops + r.reads, passed, "every event past the firewall is decoded or refused, and counted");
			check(passed > sentEvents * 0.8, "most of the flood reaches the event guards");
			assertAtMost(r.maxViolationEntities, 3, "violations coalesce into one entity per player, kind and step");
			assertEqual(r.violationCount, stats.dropped, "the violations' counts add up to the drops");
			settle(r.a);
		});
	});
};
