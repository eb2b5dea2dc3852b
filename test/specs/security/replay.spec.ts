/**
 * Item 9: no replay. Every client packet carries a number (one sequence per
 * channel) and every request an id; the server processes each at most once.
 * A hostile client repeating a request id inside a packet, re-firing the
 * same request, chat or unreliable packet, or reusing an id in a new packet
 * gets each processed once; the duplicates are "replay" violations.
 */
import Harness from "@rbxts/skyrocket-test";
import { arena, settle } from "./arena";
import { assertEqual } from "../../support/check";
import type { ServerRequestHandle } from "../../../src";
import type { ServerNet } from "../../../src/net/server";
import type { ClientNet } from "../../../src/net/client";

export = () => {
	afterEach(() => Harness.destroyAll()); // every game this spec file starts is freed after each test
	describe("security: replays", () => {
		it("processes each packet and request id at most once; duplicates are counted", () => {
			const grants = new Map<ServerNet | ClientNet, unknown>();
			const a = arena({
				seed: 110,
				register: (net, _c, _w, sky) => {
					grants.set(net, net.request("Grant", { request: sky.codec.u8, response: sky.codec.u8 }));
					net.event("Shout", { codec: sky.codec.u8, from: "client", reliable: false });
				},
			});
			const { server, hostile, sim } = a;
			const grant = grants.get(server.net) as ServerRequestHandle<number, number>;
			const shout = server.net.events.registry.byName.get("Shout")!;
			let granted = 0;
			let shouts = 0;
			let chats = 0;
			const chat = server.net.events.registry.byName.get("Chat")!;
			server.net.use(
				() => {
					for (const [e] of grant.incoming()) {
						granted += 1;
						grant.respond(e, 1);
					}
					for (const [, , sender] of server.world.query(shout.component, server.sky.Sender))
						if (sender === hostile.player) shouts += 1;
					for (const [, , sender] of server.world.query(chat.component, server.sky.Sender))
						if (sender === hostile.player) chats += 1;
				},
				{ phase: server.sky.ServerPhase.Game },
				"count grants",
			);
			// request id 7 three times in one packet, then that packet three more times
			const requests = hostile.build(true, (w) => {
				for (let i = 0; i < 3; i++) hostile.request(w, 7, "Grant", (p) => hostile.k.writeU8(p, 1));
			});
			for (let i = 0; i < 4; i++) hostile.fire(true, requests);
			sim.step(3);
			// id 7 again in a new packet
			hostile.send(true, (w) => hostile.request(w, 7, "Grant", (p) => hostile.k.writeU8(p, 1)));
			// a chat fired three times, an unreliable shout fired three times
			const chatPacket = hostile.build(true, (w) => hostile.event(w, "Chat", (p) => hostile.k.writeU32(p, 1)));
			const shoutPacket = hostile.build(false, (w) => hostile.event(w, "Shout", (p) => hostile.k.writeU8(p, 1)));
			for (let i = 0; i < 3; i++) {
				hostile.fire(true, chatPacket);
				hostile.fire(false, shoutPacket);
				sim.step(2);
			}
			// a fresh id is processed as usual
			hostile.send(true, (w) => hostile.request(w, 8, "Grant", (p) => hostile.k.writeU8(p, 1)));
			sim.run(0.5);
			assertEqual(granted, 2, "request ids 7 and 8 are each processed once");
			assertEqual(chats, 1, "a re-fired chat packet is processed once");
			assertEqual(shouts, 1, "a re-fired unreliable packet is processed once");
			const replays = server.net.stats(hostile.player)!.drops.get("replay") ?? 0;
			// 2 repeats inside the first packet, 3 re-fired packets, id 7 reused, 2 chats and 2 shouts re-fired
			print(`replays refused: ${replays}`);
			assertEqual(replays, 2 + 3 + 1 + 2 + 2, "every duplicate is a replay violation");
			settle(a);
		});
	});
};
