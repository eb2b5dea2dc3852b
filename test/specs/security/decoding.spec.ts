/**
 * Item 2: decoding enforces exactly what encoding enforces. The hostile
 * client sends NaN, infinite and out-of-range values that the codecs would
 * never send; the server drops those packets as malformed before any game
 * system sees them, so a system that re-broadcasts every decoded value with
 * the same codec never fails. (Every codec's decode => encode property is
 * fuzzed in test/specs/codec/contract.spec.ts.)
 */
import Harness from "@rbxts/skyrocket-test";
import { arena, settle } from "./arena";
import { assertEqual, check } from "../../support/check";
import type { ClientEventHandle, ServerEventHandle } from "../../../src";
import type { ServerNet } from "../../../src/net/server";
import type { ClientNet } from "../../../src/net/client";

interface Aim {
	at: Vector3;
	zoom: number;
}

export = () => {
	afterEach(() => Harness.destroyAll()); // every game this spec file starts is freed after each test
	describe("security: strict decoding", () => {
		it("drops NaN, infinities and out-of-range values a codec would never send; re-broadcasting decoded values never fails", () => {
			const handles = new Map<ServerNet | ClientNet, [unknown, unknown]>();
			const a = arena({
				seed: 102,
				register: (net, _c, _w, sky) => {
					const k = sky.codec;
					const codec = k.struct({ at: k.vector3(), zoom: k.quantized({ precision: 0.5, min: 1, max: 8 }) });
					handles.set(net, [net.event("Aim", { codec, from: "client" }), net.event("Aimed", { codec, from: "server" })]);
				},
			});
			const { server, hostile, sim, honest } = a;
			const [aimS, aimedS] = handles.get(server.net) as [ServerEventHandle<Aim>, ServerEventHandle<Aim>];
			const [aimC, aimedC] = handles.get(honest.net) as [ClientEventHandle<Aim>, ClientEventHandle<Aim>];
			let relayed = 0;
			server.net.use(
				() => {
					for (const [, aim] of aimS.incoming()) {
						aimedS.broadcast(aim);
						relayed += 1;
					}
				},
				{ phase: server.sky.ServerPhase.Game },
				"relay aims",
			);
			let heard = 0;
			honest.net.use(() => (heard += aimedC.incoming().size()), { phase: honest.sky.ClientPhase.Game }, "hear aims");
			const k = hostile.k;
			const bad: [string, (p: import("../../../src/codec").Writer) => void][] = [
				[
					"NaN x",
					(p) => {
						k.writeF32(p, 0 / 0);
						k.writeF32(p, 0);
						k.writeF32(p, 0);
						k.writeVarInt(p, 4);
					},
				],
				[
					"infinite z",
					(p) => {
						k.writeF32(p, 0);
						k.writeF32(p, 0);
						k.writeF32(p, math.huge);
						k.writeVarInt(p, 4);
					},
				],
				[
					"zoom 1000 (max 8)",
					(p) => {
						k.writeF32(p, 0);
						k.writeF32(p, 0);
						k.writeF32(p, 0);
						k.writeVarInt(p, 2000);
					},
				],
				[
					"zoom -3 (min 1)",
					(p) => {
						k.writeF32(p, 0);
						k.writeF32(p, 0);
						k.writeF32(p, 0);
						k.writeVarInt(p, -6);
					},
				],
			];
			for (let round = 0; round < 20; round++) {
				for (const [, payload] of bad) hostile.send(true, (w) => hostile.event(w, "Aim", payload));
				aimC.send({ at: new Vector3(round, 1, 2), zoom: 2 });
				sim.step(3);
			}
			settle(a);
			const stats = server.net.stats(hostile.player)!;
			print(`hostile: ${stats.drops.get("malformed") ?? 0} packets dropped as malformed; ${relayed} aims relayed`);
			assertEqual(
				stats.drops.get("malformed") ?? 0,
				20 * bad.size(),
				"every packet with a value the codec never sends is dropped as malformed",
			);
			assertEqual(relayed, 20, "only the honest aims reach the game");
			assertEqual(heard, 20, "the honest client hears every relayed aim");
			assertEqual(server.net.systemFailures().size(), 0, "no system failed");
			check(stats.drops.get("malformed")! > 0, "the attack is counted");
		});
	});
};
