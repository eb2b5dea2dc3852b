/**
 * Item 6: no amplification, bounded queues. A hostile client at the
 * firewall's maximum (300 packets/s of 218 bytes: 65,400 B/s) full of clock
 * pings for 10 s gets at most one pong per step, within its budget; with a
 * global budget the honest player's bytes and events stay within 10% of a
 * run where the same player is present but quiet. A client that makes the
 * server queue reliable data faster than its budget sends it (fat request
 * answers) is kicked once its backlog passes the cap, with the reason.
 */
import Harness from "@rbxts/skyrocket-test";
import { arena, Arena, settle } from "./arena";
import { worldDiff } from "../../support/worldDiff";
import { assertAtMost, assertBetween, assertEqual, check } from "../../support/check";
import type { ServerRequestHandle } from "../../../src";
import type { ServerNet } from "../../../src/net/server";
import type { ClientNet } from "../../../src/net/client";

/** Packets per frame and pings per packet that keep the attacker at the firewall's default maximum. */
const PACKETS_PER_FRAME = 5;
const PINGS_PER_PACKET = 24;

interface Run {
	honestBytes: number;
	news: number;
	chats: number;
	toAttacker: number;
	maxQueue: number;
	a: Arena;
}

function run(attack: boolean): Run {
	const a = arena({ seed: 106, serverConfig: { bandwidth: { perPlayer: 40000, global: 20000 } } });
	const { hostile, honest, sim, server } = a;
	const bytes0 = honest.peer.stats.bytesIn;
	const news0 = a.counts.newsReceived;
	const chats0 = a.chatsSeen.size();
	const sent0 = server.net.stats(hostile.player)!.bytesSent;
	let maxQueue = 0;
	for (let frame = 0; frame < 600; frame++) {
		if (attack) {
			for (let i = 0; i < PACKETS_PER_FRAME; i++) {
				hostile.send(false, (w) => {
					for (let k = 0; k < PINGS_PER_PACKET; k++) hostile.ping(w, sim.time);
				});
			}
		}
		sim.step(1);
		const conn = server.net.connection(hostile.player)!;
		maxQueue = math.max(maxQueue, conn.reliableQueue.size());
	}
	return {
		honestBytes: honest.peer.stats.bytesIn - bytes0,
		news: a.counts.newsReceived - news0,
		chats: a.chatsSeen.size() - chats0,
		toAttacker: server.net.stats(hostile.player)!.bytesSent - sent0,
		maxQueue,
		a,
	};
}

export = () => {
	afterEach(() => Harness.destroyAll()); // every game this spec file starts is freed after each test
	describe("security: amplification and queues", () => {
		it("a ping flood at the firewall's maximum for 10 s gets one pong per step within budget; the honest player is unaffected", () => {
			const calm = run(false);
			settle(calm.a);
			const attacked = run(true);
			const { a } = attacked;
			const stats = a.server.net.stats(a.hostile.player)!;
			print(
				`honest bytes in 10 s: ${calm.honestBytes} quiet, ${attacked.honestBytes} under attack; news ${calm.news} / ${attacked.news}; ` +
					`to the attacker ${calm.toAttacker} / ${attacked.toAttacker} B; attacker received ${stats.bytesReceived} B; flood drops ${stats.drops.get("flood") ?? 0}`,
			);
			assertBetween(
				attacked.honestBytes,
				calm.honestBytes * 0.9,
				calm.honestBytes * 1.1,
				"the honest player's bytes stay within 10%",
			);
			assertBetween(attacked.news, calm.news * 0.9, calm.news * 1.1, "the honest player's events stay within 10%");
			assertBetween(attacked.chats, calm.chats * 0.9, calm.chats * 1.1, "the honest player's chats stay within 10%");
			// one pong (about 30 bytes with its packet) per step at most, and never past the budget
			assertAtMost(attacked.toAttacker - calm.toAttacker, 600 * 40, "pings make the server send at most one pong per step");
			check(attacked.toAttacker < stats.bytesReceived / 10, "the server sends the attacker far less than it receives");
			assertAtMost(attacked.maxQueue, 2, "the attacker's reliable queue stays bounded");
			check((stats.drops.get("flood") ?? 0) + (stats.drops.get("firewall") ?? 0) > 0, "the attack is counted");
			settle(a);
		});

		it("a client that never acknowledges, joining in the same step as an honest one, never holds back its updates", () => {
			const a = arena({ seed: 114, hello: false });
			const { server, sim, hostile } = a;
			// a second honest client joins in the very step the silent one says hello: they start in one group
			const peer = sim.addClient({ latency: 0.03 });
			let once = false;
			hostile.peer.game.GetService("RunService").Heartbeat.Connect(() => {
				if (once) return;
				once = true;
				hostile.hello();
			});
			const late = a.attach(peer);
			sim.run(4);
			const joined = server.net.connection(peer.serverPlayer)!;
			const silent = server.net.connection(hostile.player)!;
			print(`groups: ${server.net.context.groups.size()}; the late client's group has ${joined.group?.members.size()} members`);
			check(silent.ready, "the silent client said hello");
			check(joined.group !== silent.group, "the silent client no longer shares the honest one's group");
			a.calm();
			sim.run(1.5);
			const diff = worldDiff(server, late, peer.serverPlayer);
			assertEqual(diff.size(), 0, `the honest client that joined with it converges (${diff.join("; ")})`);
			settle(a);
		});

		it("a client whose reliable backlog passes the cap is kicked with the reason, and counted", () => {
			const fetches = new Map<ServerNet | ClientNet, unknown>();
			const a = arena({
				seed: 107,
				register: (net, _c, _w, sky) => {
					fetches.set(
						net,
						net.request("Fetch", { request: sky.codec.u8, response: sky.codec.str(4000), rate: { rate: 1000, burst: 1000 } }),
					);
				},
			});
			const { server, hostile, sim } = a;
			const fetch = fetches.get(server.net) as ServerRequestHandle<number, string>;
			const fat = string.rep("x", 4000);
			server.net.use(
				() => {
					for (const [e] of fetch.incoming()) fetch.respond(e, fat);
				},
				{ phase: server.sky.ServerPhase.Game },
				"answer fetches",
			);
			let id = 0;
			let maxBacklog = 0;
			for (let frame = 0; frame < 300 && hostile.peer.connected; frame++) {
				id += 1;
				const requestId = id;
				hostile.send(true, (w) => hostile.request(w, requestId, "Fetch", (p) => hostile.k.writeU8(p, 1)));
				sim.step(1);
				const conn = server.net.connection(hostile.player);
				if (conn !== undefined) {
					let bytes = 0;
					for (const data of conn.reliableQueue) bytes += buffer.len(data);
					maxBacklog = math.max(maxBacklog, bytes);
				}
			}
			sim.step(2);
			print(`kicked after ${id} requests; largest backlog ${maxBacklog} B; message: ${hostile.peer.kickMessage}`);
			check(!hostile.peer.connected, "the client is kicked");
			check(hostile.peer.kickMessage?.find("fell too far behind", 1, true)[0] !== undefined, "the kick message says why");
			assertAtMost(maxBacklog, 262144 + 8192, "the backlog never grows far past the cap");
			assertEqual(server.net.counters().get("kicked: backlog"), 1, "the kick is counted");
			settle(a);
		});
	});
};
