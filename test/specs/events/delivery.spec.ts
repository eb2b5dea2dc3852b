import { netSim, Side } from "../../support/net";
import type { ServerNet } from "../../../src/net/server";
import type { ClientNet } from "../../../src/net/client";
import type { ClientEventHandle, ServerEventHandle } from "../../../src";
import { check } from "../../support/check";
import Harness from "@rbxts/skyrocket-test";

interface Events {
	Chat: ServerEventHandle<string> | ClientEventHandle<string>;
	Notice: ServerEventHandle<number> | ClientEventHandle<number>;
	Ping: ServerEventHandle<number> | ClientEventHandle<number>;
}

/** Collects, per step and in arrival order, the payloads of an event on `side`. */
function collect<T>(
	side: Side<ServerNet | ClientNet, unknown>,
	handle: ServerEventHandle<T> | ClientEventHandle<T>,
	sink: [T, Player | undefined][],
) {
	const Sender = side.sky.Sender;
	side.game = () => {
		for (const [e, value] of handle.incoming()) {
			sink.push([value, side.world.get(e, Sender)]);
		}
	};
}

export = () => {
	afterEach(() => Harness.destroyAll()); // every game this spec file starts is freed after each test
	const setup = (link = { latency: 0.08, jitter: 0.02, loss: 0.3, reorder: 0.1 }) => {
		const events = new Map<ServerNet | ClientNet, Events>();
		const ns = netSim<object>({
			sim: { clients: 2, seed: 21, link },
			define: () => ({}),
			register: (net, _c, _world, sky) => {
				events.set(net, {
					Chat: net.event("Chat", { codec: sky.codec.str(100), from: "client" }),
					Notice: net.event("Notice", { codec: sky.codec.u16, from: "server" }),
					Ping: net.event("Ping", { codec: sky.codec.u16, from: "both", reliable: false }),
				});
			},
		});
		return { ...ns, events };
	};

	describe("events", () => {
		it("client to server reliable events arrive exactly once, in order, with their Sender", () => {
			const { sim, server, clients, events } = setup();
			const received: [string, Player | undefined][] = [];
			collect(server, events.get(server.net)!.Chat as ServerEventHandle<string>, received);
			const chat = events.get(clients[0].net)!.Chat as ClientEventHandle<string>;
			let sent = 0;
			clients[0].game = () => {
				if (sim.frame % 2 === 0 && sent < 100) {
					chat.send(`m${sim.frame}`);
					sent += 1;
				}
			};
			sim.run(5);
			check(received.size() > 50, "expected: received.size() > 50");
			let last = -1;
			const seen = new Set<string>();
			for (const [msg, sender] of received) {
				expect(sender).to.equal(clients[0].peer.serverPlayer);
				const n = tonumber(msg.sub(2))!;
				check(n > last, "expected: n > last");
				check(!seen.has(msg), "expected not: seen.has(msg)");
				seen.add(msg);
				last = n;
			}
			// every message sent was received
			expect(sent).to.equal(100);
			expect(received.size()).to.equal(sent);
		});

		it("server to client events reach the chosen players; entities are gone the step after", () => {
			const { sim, server, clients, events } = setup({ latency: 0.05, jitter: 0, loss: 0, reorder: 0 });
			const notice = events.get(server.net)!.Notice as ServerEventHandle<number>;
			const got0: [number, Player | undefined][] = [];
			const got1: [number, Player | undefined][] = [];
			collect(clients[0], events.get(clients[0].net)!.Notice as ClientEventHandle<number>, got0);
			collect(clients[1], events.get(clients[1].net)!.Notice as ClientEventHandle<number>, got1);
			notice.sendTo(clients[0].peer.serverPlayer, 1);
			notice.broadcast(2);
			notice.broadcastExcept(clients[0].peer.serverPlayer, 3);
			sim.run(0.5);
			expect(got0.map(([v]) => v).join(",")).to.equal("1,2");
			expect(got1.map(([v]) => v).join(",")).to.equal("2,3");
			// nothing lingers: no event entity outlives its step
			let left = 0;
			for (const _ of clients[0].world.query(clients[0].sky.NetEvent)) left += 1;
			expect(left).to.equal(0);
		});

		it("unreliable events in both directions arrive (some may drop) and never twice", () => {
			const { sim, server, clients, events } = setup({ latency: 0.05, jitter: 0.02, loss: 0.3, reorder: 0.1 });
			const serverPing = events.get(server.net)!.Ping as ServerEventHandle<number>;
			const clientPing = events.get(clients[0].net)!.Ping as ClientEventHandle<number>;
			const atServer: [number, Player | undefined][] = [];
			const atClient: [number, Player | undefined][] = [];
			collect(server, serverPing, atServer);
			collect(clients[0], clientPing, atClient);
			let n = 0;
			const collector = clients[0].game;
			clients[0].game = (dt) => {
				collector?.(dt);
				if (n < 100) clientPing.send(n);
				n += 1;
			};
			let m = 0;
			const prior = server.game;
			server.game = (dt) => {
				prior?.(dt);
				if (m < 100) serverPing.sendTo(clients[0].peer.serverPlayer, m);
				m += 1;
			};
			sim.run(4);
			print(`unreliable events: ${atServer.size()} of 100 reached the server, ${atClient.size()} of 100 the client`);
			check(atServer.size() > 40 && atServer.size() < 100, "expected: atServer.size() > 40 && atServer.size() < 100");
			check(atClient.size() > 40 && atClient.size() < 100, "expected: atClient.size() > 40 && atClient.size() < 100");
			const unique = new Set(atServer.map(([v]) => v));
			expect(unique.size()).to.equal(atServer.size());
		});

		it("sending from the wrong side or an invalid payload errors clearly", () => {
			const { server, clients, events } = setup();
			const chatServer = events.get(server.net)!.Chat as ServerEventHandle<string>;
			const noticeClient = events.get(clients[0].net)!.Notice as unknown as ClientEventHandle<number>;
			const chatClient = events.get(clients[0].net)!.Chat as ClientEventHandle<string>;
			expect(() => chatServer.broadcast("x")).to.throw("sent by clients");
			expect(() => noticeClient.send(1)).to.throw("sent by the server");
			expect(() => chatClient.send(string.rep("a", 101))).to.throw("exceeds its limit");
		});
	});
};
