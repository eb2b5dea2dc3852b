import type { Entity } from "@rbxts/jecs";
import { netSim } from "../../support/net";
import type { ClientNet } from "../../../src/net/client";
import type { ServerNet } from "../../../src/net/server";
import type { ClientRequestHandle, ServerRequestHandle } from "../../../src";
import { check } from "../../support/check";
import Harness from "@rbxts/skyrocket-test";

type Buy = ServerRequestHandle<number, number> | ClientRequestHandle<number, number>;

export = () => {
	afterEach(() => Harness.destroyAll()); // every game this spec file starts is freed after each test
	describe("optimistic calls", () => {
		it("hold the local change until the answer; rejected ones roll back, accepted ones stay", () => {
			const handles = new Map<ServerNet | ClientNet, Buy>();
			const ns = netSim<{ Coins: Entity<number> }>({
				sim: { clients: 1, seed: 71, link: { latency: 0.1 } },
				define: (jecs) => ({ Coins: jecs.component<number>() }),
				register: (net, c, world, sky, jecs) => {
					world.set(c.Coins, jecs.Name, "Coins");
					net.replicate(c.Coins, sky.codec.u32);
					handles.set(net, net.request("Buy", { request: sky.codec.u8, response: sky.codec.u32 }) as Buy);
				},
			});
			const { sim, server } = ns;
			const client = ns.clients[0];
			const wallet = server.world.entity();
			server.world.set(wallet, server.c.Coins, 100);
			const price = (item: number) => item * 10;
			const buy = handles.get(server.net) as ServerRequestHandle<number, number>;
			server.game = () => {
				for (const [e, item] of buy.incoming()) {
					const coins = server.world.get(wallet, server.c.Coins)!;
					if (price(item) > coins) {
						buy.fail(e, "not enough coins");
					} else {
						server.world.set(wallet, server.c.Coins, coins - price(item));
						buy.respond(e, coins - price(item));
					}
				}
			};
			sim.run(0.5);
			const mine = client.net.entityOf(server.net.handleOf(wallet)!)!;
			const coinsHere = () => client.world.get(mine, client.c.Coins);
			const request = handles.get(client.net) as ClientRequestHandle<number, number>;
			expect(coinsHere()).to.equal(100);

			// accepted: 3 x 10 coins
			let accepted = false;
			request.invokeOptimistic(3, () => client.world.set(mine, client.c.Coins, coinsHere()! - 30)).then(() => (accepted = true));
			expect(coinsHere()).to.equal(70); // applied at once
			sim.step(3); // authority does not undo it while waiting
			expect(coinsHere()).to.equal(70);
			sim.run(0.5);
			check(accepted, "expected: accepted");
			expect(coinsHere()).to.equal(70);

			// rejected: 9 x 10 coins > 70
			let rejection = "";
			request
				.invokeOptimistic(9, () => client.world.set(mine, client.c.Coins, coinsHere()! - 90 + 100))
				.catch((e: unknown) => (rejection = tostring(e)));
			expect(coinsHere()).to.equal(80);
			sim.run(0.5);
			check(rejection.find("not enough coins")[0] !== undefined, 'expected: rejection.find("not enough coins")[0] !== undefined');
			expect(coinsHere()).to.equal(70);
			expect(server.world.get(wallet, server.c.Coins)).to.equal(70);
		});
	});
};
