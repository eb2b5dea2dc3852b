/**
 * A NetProperty inside a transaction, as the issue writes it: the client's
 * `Coins.update(...)` is an optimistic change of its own Coins, shown at once,
 * held until the verdict, and rolled back when the bundle fails; outside a
 * transaction the property stays the server's.
 */
import Harness from "@rbxts/skyrocket-test";
import { netSim } from "../../support/net";
import type { ServerNet } from "../../../src/net/server";
import type { ClientNet } from "../../../src/net/client";
import type { ClientEventHandle, ClientProperty, ServerEventHandle, ServerPlayerProperty, Transaction } from "../../../src";
import { check, assertEqual } from "../../support/check";

interface Shop<N> {
	Coins: N extends ServerNet ? ServerPlayerProperty<number> : ClientProperty<number>;
	BuyItem: N extends ServerNet ? ServerEventHandle<number> : ClientEventHandle<number>;
}

export = () => {
	afterEach(() => Harness.destroyAll()); // every game this spec file starts is freed after each test
	describe("transactions with NetProperty", () => {
		it("Coins.update inside a transaction is optimistic: kept on commit, rolled back on failure", () => {
			const declared = new Map<ServerNet | ClientNet, Shop<ServerNet> | Shop<ClientNet>>();
			const ns = netSim<object>({
				sim: { clients: 1, seed: 175, link: { latency: 0.08, jitter: 0.02, loss: 0.2 } },
				define: () => ({}),
				register: (net, _c, _world, sky) => {
					const k = sky.codec;
					declared.set(net, {
						Coins: net.property("Coins", k.u32),
						BuyItem: net.event("BuyItem", { codec: k.u8, from: "client" }),
					} as Shop<ServerNet>);
				},
			});
			const { sim, server } = ns;
			const client = ns.clients[0];
			const here = declared.get(client.net) as Shop<ClientNet>;
			const there = declared.get(server.net) as Shop<ServerNet>;
			const player = client.peer.serverPlayer;
			there.Coins.set(player, 100);
			const Tx = server.sky.Transaction as typeof Transaction;
			server.net.use(
				() => {
					for (const [e, item, who] of there.BuyItem.incoming()) {
						if (item * 10 > (there.Coins.get(who) ?? 0)) server.world.get(e, Tx)?.fail("not enough coins");
					}
				},
				{ before: server.sky.ServerPhase.Transaction },
				"coins policy",
			);
			server.game = () => {
				for (const [, item, who] of there.BuyItem.incoming()) there.Coins.update(who, (c) => (c ?? 0) - item * 10);
			};
			sim.runUntil(() => here.Coins.get() === 100, 3, "the client has its 100 coins");
			const seen: number[] = [];
			here.Coins.observe((v) => seen.push(v ?? -1));

			const [outside, err] = pcall(() => here.Coins.set(5));
			check(
				!outside && tostring(err).find("only inside net.transaction", 1, true)[0] !== undefined,
				`outside a transaction the property is the server's: ${err}`,
			);

			let committed = false;
			client.net
				.transaction(() => {
					here.BuyItem.send(3);
					here.Coins.update((c) => c! - 30);
				})
				.then(() => (committed = true));
			assertEqual(here.Coins.get(), 70, "the optimistic change shows at once");
			sim.run(1);
			check(committed, "the bundle committed");
			assertEqual(there.Coins.get(player), 70, "the server spent 30");
			assertEqual(here.Coins.get(), 70, "the client holds the server's 70");

			let reason = "";
			client.net
				.transaction(() => {
					here.BuyItem.send(8); // 80 coins of 70: the server's policy refuses it
					here.Coins.update((c) => math.max(c! - 80, 0));
				})
				.catch((e) => (reason = tostring(e)));
			assertEqual(here.Coins.get(), 0, "the optimistic change shows at once");
			sim.run(1);
			check(reason.find("not enough coins", 1, true)[0] !== undefined, `the bundle failed: ${reason}`);
			assertEqual(here.Coins.get(), 70, "the optimistic change rolled back to the server's 70");
			assertEqual(there.Coins.get(player), 70, "the server kept 70");
			check(seen.includes(70), `observers saw the changes: ${seen.join(", ")}`);
		});
	});
};
