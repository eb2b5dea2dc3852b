/**
 * Transactions over a bad network and against hostile clients: under loss,
 * jitter and reordering every bundle is applied exactly once or not at all,
 * and the client hears which; a replayed bundle never applies twice; a flood
 * of bundles is rate limited one unit per bundle; a bundle over the size
 * caps fails whole.
 */
import Harness from "@rbxts/skyrocket-test";
import { check, assertEqual, assertBetween } from "../../support/check";
import { shop, PRICE, START_COINS } from "./shop";
import type { Side } from "../../support/net";
import type { ClientNet } from "../../../src/net/client";
import type { ShopComponents } from "./shop";

export = () => {
	afterEach(() => Harness.destroyAll()); // every game this spec file starts is freed after each test
	describe("transactions under loss and floods", () => {
		it("under loss and reordering every bundle is applied exactly once or not at all", () => {
			const seed = 181;
			print(`transactions under loss: seed ${seed}`);
			const s = shop({ seed, clients: 2, link: { latency: 0.08, jitter: 0.03, loss: 0.3, reorder: 0.3 } });
			s.sim.run(0.5);
			const outcome = new Map<Side<ClientNet, ShopComponents>, { sent: number[]; committed: Set<number>; failed: Set<number> }>();
			s.clients.forEach((client, index) => {
				const o = { sent: [] as number[], committed: new Set<number>(), failed: new Set<number>() };
				outcome.set(client, o);
				const { BuyItem, Equip } = s.clientEvents(client);
				let frame = 0;
				client.game = () => {
					frame += 1;
					if (frame % 6 !== index * 3 || frame > 240) return;
					const n = o.sent.size();
					let id = 0;
					client.net
						.transaction((tx) => {
							id = tx.id;
							BuyItem.send(1);
							Equip.send(n % 5 === 4 ? 99 : n % 10); // every fifth bundle has a part that fails its check
						})
						.then(
							() => o.committed.add(id),
							() => o.failed.add(id),
						);
					o.sent.push(id);
				};
			});
			s.sim.run(5);
			for (const client of s.clients) client.game = undefined;
			s.sim.run(1.5);
			for (const client of s.clients) {
				const o = outcome.get(client)!;
				const player = client.peer.serverPlayer;
				const applied = new Map<number, number>();
				for (const p of s.purchases) if (p.player === player) applied.set(p.tx.id, (applied.get(p.tx.id) ?? 0) + 1);
				assertEqual(o.sent.size(), 40, `${player.Name} sent 40 bundles`);
				for (const id of o.sent) {
					check(o.committed.has(id) !== o.failed.has(id), `${player.Name}'s bundle ${id} got exactly one verdict`);
					const times = applied.get(id) ?? 0;
					if (o.committed.has(id)) assertEqual(times, 1, `${player.Name}'s committed bundle ${id} applied once`);
					else assertEqual(times, 0, `${player.Name}'s failed bundle ${id} never applied`);
				}
				assertEqual(o.failed.size(), 8, `${player.Name}'s 8 bundles with a bad part failed`);
				const serverCoins = s.server.world.get(s.walletOf(player), s.server.c.Coins);
				assertEqual(serverCoins, START_COINS - o.committed.size() * PRICE, `${player.Name}'s coins on the server`);
				assertEqual(client.world.get(s.clientWallet(client)!, client.c.Coins), serverCoins, `${player.Name}'s client agrees`);
				assertEqual(client.net.transactions.pending(), 0, `${player.Name} waits for no verdict`);
			}
			assertEqual(s.strays.size(), 0, "no event of a bundle reached the game outside a committed Transaction");
		});

		it("a replayed bundle is refused: it never applies twice", () => {
			const s = shop({ seed: 182, clients: 1 });
			const client = s.clients[0];
			s.sim.run(0.5);
			// keep a copy of every reliable packet that carries a transaction (kind 3, its packet number, then the Transaction record, 20)
			const afterNumber = (data: buffer) => {
				let p = 1;
				while (buffer.readu8(data, p) >= 128) p += 1;
				return p + 1;
			};
			const inner = client.net.context.transport;
			const captured: buffer[] = [];
			const send = (data: buffer) => inner.sendReliable(data);
			(client.net.context as { transport: typeof inner }).transport = {
				ready() {
					return inner.ready();
				},
				sendReliable(data) {
					if (buffer.len(data) > 2 && buffer.readu8(data, afterNumber(data)) === 20) captured.push(data);
					send(data);
				},
				sendUnreliable(data) {
					inner.sendUnreliable(data);
				},
				drain() {
					return inner.drain();
				},
				destroy() {
					inner.destroy();
				},
			};
			const { BuyItem, Equip } = s.clientEvents(client);
			for (let i = 0; i < 3; i++) {
				client.net.transaction(() => {
					BuyItem.send(2);
					Equip.send(i);
				});
				s.sim.step(1);
			}
			s.sim.run(0.5);
			assertEqual(s.purchases.size(), 3, "three bundles applied");
			check(captured.size() > 0, "transaction packets were captured");
			const stats = s.server.net.stats(client.peer.serverPlayer)!;
			for (const data of captured) send(data); // a hostile client sends them again: the packet numbers repeat
			s.sim.run(0.5);
			assertEqual(s.purchases.size(), 3, "the replayed packets did not apply their bundles again");
			const packetReplays = stats.drops.get("replay") ?? 0;
			check(
				packetReplays >= captured.size(),
				`each replayed packet is dropped as a replay (${packetReplays} for ${captured.size()} packets)`,
			);
			// renumbered (a fresh packet number before the old bundle): the transaction id still repeats
			const k = s.server.sky.codec;
			let fresh = 1000;
			for (const data of captured) {
				const w = k.newWriter(buffer.len(data) + 4);
				k.writeU8(w, 3);
				k.writeVarUint(w, fresh++);
				const rest = afterNumber(data);
				k.writeBytes(w, data, rest, buffer.len(data) - rest);
				send(k.toBuffer(w));
			}
			s.sim.run(0.5);
			assertEqual(s.purchases.size(), 3, "renumbered packets did not apply their bundles again");
			check(
				(stats.drops.get("replay") ?? 0) >= packetReplays + captured.size(),
				"each repeated transaction id is refused as a replay",
			);
			assertEqual(
				s.server.world.get(s.walletOf(client.peer.serverPlayer), s.server.c.Coins),
				START_COINS - 60,
				"the coins were spent once",
			);
		});

		it("a flood of bundles is rate limited one unit per bundle; their events' own limits are untouched", () => {
			const s = shop({ seed: 183, clients: 1, serverConfig: { transactions: { rate: { rate: 5, burst: 10 } } } });
			const client = s.clients[0];
			s.sim.run(0.5);
			const { BuyItem, Equip } = s.clientEvents(client);
			let committed = 0;
			const failures: string[] = [];
			let frame = 0;
			client.game = () => {
				frame += 1;
				if (frame > 24) return;
				for (let i = 0; i < 5; i++) {
					client.net
						.transaction(() => {
							BuyItem.send(1);
							Equip.send(1);
						})
						.then(
							() => (committed += 1),
							(e) => failures.push(tostring(e)),
						);
				}
			};
			s.sim.run(1.5);
			assertEqual(committed + failures.size(), 120, "every one of the 120 bundles got a verdict");
			assertBetween(committed, 10, 10 + 5 * 0.6, "bundles committed: the burst of 10 plus 5/s over the ~0.4 s flood");
			check(
				failures.every((f) => f.find("rate%-limit")[0] !== undefined),
				`the others failed on the transaction rate limit: ${failures[0]}`,
			);
			const stats = s.server.net.stats(client.peer.serverPlayer)!;
			assertEqual(stats.drops.get("rate-limit"), failures.size(), "each refused bundle is one rate-limit drop");
			assertEqual(
				stats.events.get("BuyItem")!.rateLimited,
				failures.size(),
				"BuyItem counts the refused bundles' parts as rate limited",
			);
			// 240 events went by in bundles, yet BuyItem's own bucket (30/s, bursts of 60) is full: plain sends pass
			client.game = undefined;
			for (let i = 0; i < 50; i++) BuyItem.send(1);
			s.sim.run(0.3);
			assertEqual(s.strays.size(), 50, "50 plain BuyItem events passed their own rate limit");
		});

		it("a bundle over the size caps fails whole; one over the client's own cap is never sent", () => {
			const s = shop({
				seed: 184,
				clients: 1,
				serverConfig: { transactions: { maxParts: 16, maxBytes: 12 } },
				clientConfig: { transactions: { maxParts: 64 } },
			});
			const client = s.clients[0];
			s.sim.run(0.5);
			const { BuyItem, Equip } = s.clientEvents(client);
			const reasons: string[] = [];
			const bundle = (parts: number) =>
				client.net
					.transaction(() => {
						for (let i = 0; i < parts; i++) (i % 2 === 0 ? BuyItem : Equip).send(1);
					})
					.catch((e) => reasons.push(tostring(e)));
			bundle(20); // 20 events > 16
			bundle(14); // 14 bytes > 12
			bundle(65); // over the client's own cap of 64
			bundle(10); // fits
			s.sim.run(0.6);
			assertEqual(reasons.size(), 3, "three bundles failed");
			const said = (text: string) => reasons.some((r) => r.find(text, 1, true)[0] !== undefined);
			check(said("20 events, at most 16"), `the server names the parts cap: ${reasons.join(" | ")}`);
			check(said("14 bytes, at most 12"), `the server names the bytes cap: ${reasons.join(" | ")}`);
			check(said("not sent: 65 events, at most 64"), `the client refuses its own oversize bundle: ${reasons.join(" | ")}`);
			assertEqual(s.purchases.size(), 5, "only the bundle that fits applied (its 5 purchases)");
		});
	});
};
