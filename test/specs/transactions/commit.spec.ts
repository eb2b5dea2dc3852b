/**
 * Transactions commit whole or not at all: a committed bundle's events reach
 * the server's game in one step, tagged with one Transaction; a bundle with
 * one bad part (a failed check, a server policy, a middleware drop) changes
 * nothing on either side: the game never sees its events and the client's
 * optimistic change rolls back.
 */
import Harness from "@rbxts/skyrocket-test";
import { check, assertEqual } from "../../support/check";
import { shop, PRICE, START_COINS } from "./shop";

export = () => {
	afterEach(() => Harness.destroyAll()); // every game this spec file starts is freed after each test
	describe("transactions", () => {
		it("a committed bundle reaches the game in one step, tagged with one Transaction, and resolves the promise", () => {
			const s = shop({ seed: 171, clients: 1 });
			const client = s.clients[0];
			s.sim.run(0.5);
			const wallet = s.clientWallet(client)!;
			check(wallet !== undefined, "the client should have its wallet");
			const coins = () => client.world.get(wallet, client.c.Coins);
			const { BuyItem, Equip } = s.clientEvents(client);
			let verdict = "waiting";
			client.net
				.transaction(() => {
					BuyItem.send(3);
					Equip.send(2);
					client.world.set(wallet, client.c.Coins, coins()! - 3 * PRICE); // optimistic
				})
				.then(
					() => (verdict = "committed"),
					(e) => (verdict = `failed: ${e}`),
				);
			assertEqual(coins(), START_COINS - 30, "the optimistic change applies at once");
			s.sim.step(2);
			assertEqual(coins(), START_COINS - 30, "server authority leaves the optimistic change alone while the bundle waits");
			s.sim.run(0.5);
			assertEqual(verdict, "committed", "the promise resolves when the server commits");
			assertEqual(s.purchases.size(), 1, "the game applies one purchase");
			const p = s.purchases[0];
			assertEqual(p.item, 3, "the purchase's item");
			assertEqual(p.slot, 2, "the Equip of the same bundle reached the game in the same step, with the same Transaction");
			assertEqual(p.tx.events.size(), 2, "the Transaction lists both events");
			assertEqual(p.tx.player, client.peer.serverPlayer, "the Transaction names its sender");
			assertEqual(s.strays.size(), 0, "no event of a bundle reaches the game outside its committed Transaction");
			assertEqual(
				s.server.world.get(s.walletOf(client.peer.serverPlayer), s.server.c.Coins),
				START_COINS - 30,
				"the server spent the coins",
			);
			assertEqual(coins(), START_COINS - 30, "the client holds the server's value after the commit");
		});

		it("a bundle with one invalid part changes nothing on either side", () => {
			const s = shop({ seed: 172, clients: 1 });
			const client = s.clients[0];
			s.sim.run(0.5);
			const wallet = s.clientWallet(client)!;
			const coins = () => client.world.get(wallet, client.c.Coins);
			const { BuyItem, Equip } = s.clientEvents(client);
			let reason = "";
			client.net
				.transaction(() => {
					BuyItem.send(3);
					Equip.send(42); // fails Equip's check (slot < 10)
					client.world.set(wallet, client.c.Coins, coins()! - 3 * PRICE);
				})
				.catch((e) => (reason = tostring(e)));
			assertEqual(coins(), START_COINS - 30, "the optimistic change applies at once");
			s.sim.run(0.6);
			check(reason.find("Equip check")[0] !== undefined, `the promise rejects naming the failed check, got "${reason}"`);
			assertEqual(coins(), START_COINS, "the optimistic change rolled back to the server's value");
			assertEqual(s.purchases.size(), 0, "the game saw no purchase");
			assertEqual(s.strays.size(), 0, "the game saw neither event of the failed bundle");
			assertEqual(
				s.server.world.get(s.walletOf(client.peer.serverPlayer), s.server.c.Coins),
				START_COINS,
				"the server's coins are untouched",
			);
			const stats = s.server.net.stats(client.peer.serverPlayer)!;
			assertEqual(stats.drops.get("validation"), 1, "the refused bundle counts as one validation drop");
			check(client.peer.errors.size() === 0 && s.server.peer.errors.size() === 0, "no errors on either side");
		});

		it("a server policy or a middleware drop fails the whole bundle, with its reason", () => {
			const s = shop({ seed: 173, clients: 1 });
			const client = s.clients[0];
			s.sim.run(0.5);
			const wallet = s.clientWallet(client)!;
			const coins = () => client.world.get(wallet, client.c.Coins);
			const { BuyItem, Equip } = s.clientEvents(client);
			// a middleware that refuses slot 7 (after the guards, before the commit)
			s.server.net.use(
				() => {
					for (const [e, slot] of s.serverEvents.Equip.incoming())
						if (slot === 7) s.serverEvents.Equip.drop(e, "slot 7 is locked");
				},
				{ after: s.server.sky.ServerPhase.Guard },
				"locked slots",
			);
			const reasons: string[] = [];
			const attempt = (item: number, slot: number) =>
				client.net
					.transaction(() => {
						BuyItem.send(item);
						Equip.send(slot);
						client.world.set(wallet, client.c.Coins, coins()! - item * PRICE);
					})
					.catch((e) => reasons.push(tostring(e)));
			attempt(49, 1); // 490 coins: affordable
			s.sim.run(0.5);
			attempt(49, 1); // 490 more: affordable (510 left)
			attempt(49, 1); // 490 of 20: the policy fails it
			attempt(1, 7); // a middleware drops its Equip
			s.sim.run(0.6);
			assertEqual(reasons.size(), 2, "two bundles failed");
			check(reasons[0].find("not enough coins")[0] !== undefined, `the policy's reason reaches the client, got "${reasons[0]}"`);
			check(reasons[1].find("slot 7 is locked")[0] !== undefined, `the middleware's reason reaches the client, got "${reasons[1]}"`);
			assertEqual(s.purchases.size(), 2, "only the two affordable bundles were applied");
			assertEqual(s.strays.size(), 0, "the game saw no event of a failed bundle");
			assertEqual(
				s.server.world.get(s.walletOf(client.peer.serverPlayer), s.server.c.Coins),
				START_COINS - 980,
				"the server spent 980",
			);
			assertEqual(coins(), START_COINS - 980, "every optimistic change of a failed bundle rolled back");
		});

		it("a callback that throws, an empty bundle or a request inside sends nothing", () => {
			const s = shop({ seed: 174, clients: 1 });
			const client = s.clients[0];
			s.sim.run(0.5);
			const wallet = s.clientWallet(client)!;
			const coins = () => client.world.get(wallet, client.c.Coins);
			const { BuyItem } = s.clientEvents(client);
			const reasons: string[] = [];
			client.net
				.transaction(() => {
					BuyItem.send(1);
					client.world.set(wallet, client.c.Coins, 1);
					error("out of stock");
				})
				.catch((e) => reasons.push(tostring(e)));
			client.net.transaction(() => {}).catch((e) => reasons.push(tostring(e)));
			client.net
				.transaction(() => {
					client.net.transaction(() => BuyItem.send(1));
				})
				.catch((e) => reasons.push(tostring(e)));
			const ask = client.net.request("Price", { request: client.sky.codec.u8, response: client.sky.codec.u32 });
			client.net
				.transaction(() => {
					BuyItem.send(1);
					ask.invoke(1);
				})
				.catch((e) => reasons.push(tostring(e)));
			s.sim.run(0.5);
			assertEqual(reasons.size(), 4, "every promise rejected");
			check(reasons[0].find("out of stock")[0] !== undefined, `the thrown error is the reason, got "${reasons[0]}"`);
			check(reasons[1].find("no event")[0] !== undefined, `an empty bundle is refused, got "${reasons[1]}"`);
			check(reasons[2].find("cannot be nested")[0] !== undefined, `a nested transaction is refused, got "${reasons[2]}"`);
			check(reasons[3].find("cannot be part of a transaction")[0] !== undefined, `a request inside is refused, got "${reasons[3]}"`);
			assertEqual(coins(), START_COINS, "the thrown callback's change rolled back");
			assertEqual(s.purchases.size(), 0, "nothing was sent");
		});
	});
};
