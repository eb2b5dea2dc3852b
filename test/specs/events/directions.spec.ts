// Event handles are typed by direction: sending an event from the side that
// only receives it does not compile (test/types/eventDirections.ts holds the
// `@ts-expect-error` checks, type-checked by `npm test`), and the same calls,
// forced past the compiler, error at run time naming the direction.
import { netSim } from "../../support/net";
import Harness from "@rbxts/skyrocket-test";
import type { ClientEventHandle, ServerEventHandle } from "../../../src";
import type { ServerNet } from "../../../src/net/server";
import type { ClientNet } from "../../../src/net/client";
import { check } from "../../support/check";

interface Handles {
	Chat: ServerEventHandle<string, "client"> | ClientEventHandle<string, "client">;
	Notice: ServerEventHandle<number, "server"> | ClientEventHandle<number, "server">;
	Ping: ServerEventHandle<number, "both"> | ClientEventHandle<number, "both">;
}

export = () => {
	afterEach(() => Harness.destroyAll()); // every game this spec file starts is freed after each test
	describe("event directions", () => {
		it("sending from the side that only receives an event errors at run time too, naming the direction", () => {
			const handles = new Map<ServerNet | ClientNet, Handles>();
			const ns = netSim<object>({
				sim: { clients: 1, seed: 61, link: { latency: 0.02 } },
				define: () => ({}),
				register: (net, _c, _world, sky) => {
					const k = sky.codec;
					handles.set(net, {
						Chat: net.event("Chat", { codec: k.str(100), from: "client" }),
						Notice: net.event("Notice", { codec: k.u16, from: "server" }),
						Ping: net.event("Ping", { codec: k.u16, from: "both" }),
					});
				},
			});
			ns.sim.run(0.3);
			const server = handles.get(ns.server.net)!;
			const client = handles.get(ns.clients[0].net)!;
			// forced past the compiler, as untyped (Luau) callers could
			const [okBroadcast, broadcastErr] = pcall(() => (server.Chat as ServerEventHandle<string>).broadcast("hi"));
			check(!okBroadcast, "broadcasting a client event errors");
			check(
				tostring(broadcastErr).find(`from: "client"`, 1, true)[0] !== undefined,
				`the error names the direction, got: ${broadcastErr}`,
			);
			const [okSend, sendErr] = pcall(() => (client.Notice as ClientEventHandle<number>).send(1));
			check(!okSend, "sending a server event from a client errors");
			check(tostring(sendErr).find(`from: "server"`, 1, true)[0] !== undefined, `the error names the direction, got: ${sendErr}`);
			// the allowed directions still work
			(client.Chat as ClientEventHandle<string, "client">).send("hello");
			(server.Notice as ServerEventHandle<number, "server">).broadcast(7);
			(server.Ping as ServerEventHandle<number, "both">).broadcast(8);
			(client.Ping as ClientEventHandle<number, "both">).send(9);
			ns.sim.run(0.3);
			check(ns.server.net.stats(ns.clients[0].peer.serverPlayer)!.events.get("Chat")!.received === 1, "the client's chat arrived");
			check(ns.clients[0].net.stats().events.get("Notice")!.received === 1, "the server's notice arrived");
		});
	});
};
