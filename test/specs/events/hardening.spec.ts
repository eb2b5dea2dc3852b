/**
 * Hostile clients: garbage and mutated packets, multi-megabyte buffers and
 * floods cost the server little, never throw into the game, are counted, and
 * never stop other players' traffic.
 */
import type { Entity } from "@rbxts/jecs";
import { netSim } from "../../support/net";
import type { ServerNet } from "../../../src/net/server";
import type { ClientNet } from "../../../src/net/client";
import type { ClientEventHandle, ServerEventHandle } from "../../../src";
import type { Peer } from "@rbxts/skyrocket-test";
import { check } from "../../support/check";
import Harness from "@rbxts/skyrocket-test";

interface Payload {
	name: string;
	tags: string[];
	nested: { depth: number; items: number[] }[];
}
type Move = ServerEventHandle<Payload> | ClientEventHandle<Payload>;

export = () => {
	afterEach(() => Harness.destroyAll()); // every game this spec file starts is freed after each test
	const setup = (serverConfig: object) => {
		const handles = new Map<ServerNet | ClientNet, Move>();
		const ns = netSim<{ Health: Entity<number> }>({
			sim: { clients: 2, seed: 55, link: { latency: 0.02 } },
			serverConfig,
			define: (jecs) => ({ Health: jecs.component<number>() }),
			register: (net, c, world, sky, jecs) => {
				const k = sky.codec;
				world.set(c.Health, jecs.Name, "Health");
				net.replicate(c.Health, k.u16);
				handles.set(
					net,
					net.event("Move", {
						codec: k.struct({
							name: k.str(32),
							tags: k.array(k.str(16), { maxLength: 8 }),
							nested: k.array(k.struct({ depth: k.u8, items: k.array(k.varint, { maxLength: 16 }) }), { maxLength: 4 }),
						}),
						from: "client",
						rate: { rate: 100000, burst: 100000 },
					}),
				);
			},
		});
		return { ...ns, handles };
	};

	const remoteOf = (peer: Peer, name: string) =>
		peer.game.GetService("ReplicatedStorage").FindFirstChild("SkyrocketNet")!.FindFirstChild(name) as RemoteEvent;

	const countReceived = (ns: ReturnType<typeof setup>) => {
		const counts = new Map<Player, number>();
		const handle = ns.handles.get(ns.server.net) as ServerEventHandle<Payload>;
		ns.server.game = () => {
			for (const [, , sender] of ns.server.world.query(handle.Incoming, ns.server.sky.Sender)) {
				counts.set(sender, (counts.get(sender) ?? 0) + 1);
			}
		};
		return counts;
	};

	describe("hardened decoding", () => {
		it("survives 20,000 random and mutated packets, counts each bad one, and keeps serving others", () => {
			const seed = 9001;
			print(`fuzz seed ${seed}`);
			const ns = setup({
				guard: { firewall: { packetsPerSecond: 1e9, bytesPerSecond: 1e9 }, flood: { limit: { rate: 1e9, burst: 1e9 } } },
			});
			const counts = countReceived(ns);
			const sky = ns.server.sky;
			const k = sky.codec;
			// a valid packet to mutate: kind, Event op, event id, payload
			const valid = () => {
				const w = k.newWriter(64);
				k.writeU8(w, 3);
				k.writeU8(w, 12);
				k.writeVarUint(w, 1);
				const codec = (ns.handles.get(ns.server.net) as ServerEventHandle<Payload>).info
					.codec as import("../../../src").Codec<Payload>;
				codec.write(w, { name: "ok", tags: ["a", "b"], nested: [{ depth: 1, items: [1, -2, 300] }] });
				return k.toBuffer(w);
			};
			const rng = new Random(seed);
			const bad = remoteOf(ns.clients[0].peer, "Reliable");
			const badU = remoteOf(ns.clients[0].peer, "Unreliable");
			const good = ns.handles.get(ns.clients[1].net) as ClientEventHandle<Payload>;
			const fuzz = (): buffer => {
				const kind = rng.NextInteger(1, 6);
				const base = valid();
				const len = buffer.len(base);
				if (kind === 1) {
					const b = buffer.create(rng.NextInteger(0, 64));
					for (let i = 0; i < buffer.len(b); i++) buffer.writeu8(b, i, rng.NextInteger(0, 255));
					return b;
				} else if (kind === 2) {
					for (let n = rng.NextInteger(1, 4); n > 0; n--)
						buffer.writeu8(base, rng.NextInteger(0, len - 1), rng.NextInteger(0, 255));
					return base;
				} else if (kind === 3) {
					const b = buffer.create(rng.NextInteger(0, len - 1));
					buffer.copy(b, 0, base, 0, buffer.len(b));
					return b;
				} else if (kind === 4) {
					const extra = rng.NextInteger(1, 32);
					const b = buffer.create(len + extra);
					buffer.copy(b, 0, base);
					for (let i = len; i < len + extra; i++) buffer.writeu8(b, i, rng.NextInteger(0, 255));
					return b;
				} else if (kind === 5) {
					// huge claimed length right after the header
					const b = buffer.create(len + 8);
					buffer.copy(b, 0, base, 0, 3);
					for (let i = 3; i < 11; i++) buffer.writeu8(b, i, 0xff);
					return b;
				}
				// deep nesting claims: arrays of arrays at every level
				const b = buffer.create(64);
				buffer.writeu8(b, 0, 3);
				buffer.writeu8(b, 1, 12);
				buffer.writeu8(b, 2, 1);
				for (let i = 3; i < 64; i++) buffer.writeu8(b, i, rng.NextInteger(1, 8));
				return b;
			};
			let sent = 0;
			const total = 20000;
			let goodSent = 0;
			ns.clients[1].game = () => {
				if (goodSent < 120) {
					good.send({ name: "real", tags: [], nested: [] });
					goodSent += 1;
				}
			};
			while (sent < total) {
				for (let i = 0; i < 200 && sent < total; i++) {
					const packet = fuzz();
					if (rng.NextNumber() < 0.8) bad.FireServer(packet);
					else badU.FireServer(packet);
					sent += 1;
				}
				ns.sim.step(1);
			}
			// also non-buffer garbage, as an exploiter could send
			bad.FireServer({ a: 1 } as never);
			bad.FireServer("text" as never);
			ns.sim.run(2.5);
			const stats = ns.server.net.stats(ns.clients[0].peer.serverPlayer)!;
			// the fuzzed calls plus the client's own hello and acks
			check(stats.packetsReceived >= total + 2, "expected: stats.packetsReceived >= total + 2");
			expect(stats.dropped + stats.packetsAccepted).to.equal(stats.packetsReceived);
			check(stats.dropped > total * 0.7, "expected: stats.dropped > total * 0.7");
			expect(ns.sim.server.errors.size()).to.equal(0);
			expect(counts.get(ns.clients[1].peer.serverPlayer)).to.equal(120);
			// the world is consistent: no event entity outlived its step, replication still works
			let leftover = 0;
			for (const _ of ns.server.world.query(sky.NetEvent)) leftover += 1;
			expect(leftover).to.equal(0);
			const e = ns.server.world.entity();
			ns.server.world.set(e, ns.server.c.Health, 77);
			ns.sim.run(0.3);
			const mine = ns.clients[1].net.entityOf(ns.server.net.handleOf(e)!)!;
			expect(ns.clients[1].world.get(mine, ns.clients[1].c.Health)).to.equal(77);
		});

		it("cuts off a client firing 4 MiB buffers before decoding, while others keep flowing", () => {
			const ns = setup({});
			const counts = countReceived(ns);
			const big = buffer.create(4 * 1024 * 1024);
			const remote = remoteOf(ns.clients[0].peer, "Reliable");
			const good = ns.handles.get(ns.clients[1].net) as ClientEventHandle<Payload>;
			let n = 0;
			ns.clients[1].game = () => {
				if (n < 30) good.send({ name: "real", tags: [], nested: [] });
				n += 1;
			};
			for (let i = 0; i < 100; i++) {
				remote.FireServer(big);
				if (i % 10 === 0) ns.sim.step(1);
			}
			ns.sim.run(1);
			const stats = ns.server.net.stats(ns.clients[0].peer.serverPlayer)!;
			check(stats.packetsReceived >= 100, "expected: stats.packetsReceived >= 100");
			// not one byte of the big buffers reached the decoder (only the client's own small packets)
			check(stats.bytesDecoded < 1000, "expected: stats.bytesDecoded < 1000");
			// every big buffer was cut off (and the client's small packets in the same seconds)
			check(stats.drops.get("firewall")! >= 100, 'expected: stats.drops.get("firewall")! >= 100');
			expect(counts.get(ns.clients[1].peer.serverPlayer)).to.equal(30);
		});

		it("a client drops bad unreliable packets by reason, warns where it matters, and keeps replicating", () => {
			const ns = setup({});
			ns.sim.run(0.5);
			const client = ns.clients[0];
			const k = ns.server.sky.codec;
			const packet = (...bytes: number[]) => {
				const w = k.newWriter(8);
				for (const b of bytes) k.writeU8(w, b);
				return k.toBuffer(w);
			};
			const remote = remoteOf(ns.sim.server, "Unreliable") as unknown as UnreliableRemoteEvent;
			const player = client.peer.serverPlayer;
			remote.FireClient(player, buffer.create(0)); // no kind byte
			remote.FireClient(player, packet(99)); // unknown kind
			remote.FireClient(player, packet(2, 0xff)); // mutations cut short
			remote.FireClient(player, packet(5, 1, 250)); // events packet with an unknown record
			ns.sim.run(0.3);
			const stats = client.net.stats();
			expect(stats.drops.get("malformed")).to.equal(2);
			expect(stats.drops.get("undecodable mutation")).to.equal(1);
			expect(stats.drops.get("malformed events")).to.equal(1);
			// a lost baseline race is counted silently; the other three are warned
			const warned = client.peer.warnings.filter((w) => w.find("dropped a packet from the server")[0] !== undefined);
			expect(warned.size()).to.equal(3);
			expect(client.peer.errors.size()).to.equal(0);
			const e = ns.server.world.entity();
			ns.server.world.set(e, ns.server.c.Health, 42);
			ns.sim.run(0.3);
			const mine = client.net.entityOf(ns.server.net.handleOf(e)!)!;
			expect(client.world.get(mine, client.c.Health)).to.equal(42);
		});

		it("kicks a flooding player when the policy is on", () => {
			const ns = setup({
				guard: { flood: { limit: { rate: 20, burst: 40 }, kick: { threshold: 200, window: 5, message: "flooding" } } },
			});
			const spam = ns.handles.get(ns.clients[0].net) as ClientEventHandle<Payload>;
			ns.clients[0].game = () => {
				for (let i = 0; i < 50; i++) spam.send({ name: "x", tags: [], nested: [] });
			};
			ns.sim.run(2);
			check(!ns.clients[0].peer.connected, "expected not: ns.clients[0].peer.connected");
			expect(ns.clients[0].peer.kickMessage).to.equal("flooding");
			check(ns.clients[1].peer.connected, "expected: ns.clients[1].peer.connected");
		});
	});
};
