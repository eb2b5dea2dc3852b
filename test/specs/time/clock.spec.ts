import { netSim } from "../../support/net";
import { check } from "../../support/check";
import Harness from "@rbxts/skyrocket-test";

export = () => {
	afterEach(() => Harness.destroyAll()); // every game this spec file starts is freed after each test
	describe("shared clock", () => {
		it("estimates server time within one tick and RTT within 15% at 120 ms RTT with 30 ms jitter", () => {
			const ns = netSim<object>({
				sim: { clients: 1, seed: 31, link: { latency: 0.06, jitter: 0.03 } },
				define: () => ({}),
				register: () => {},
			});
			const { sim, server, clients } = ns;
			const client = clients[0];
			sim.run(3); // warm-up
			let worstOffset = 0;
			let worstRtt = 0;
			for (let i = 0; i < 600; i++) {
				sim.step(1);
				const err = math.abs(client.net.time() - server.net.time());
				worstOffset = math.max(worstOffset, err);
				worstRtt = math.max(worstRtt, math.abs(client.net.rtt() - 0.12) / 0.12);
			}
			print(
				`clock: worst server-time error ${string.format("%.1f", worstOffset * 1000)} ms, worst RTT error ${string.format("%.1f", worstRtt * 100)}%`,
			);
			check(worstOffset <= 1 / 60, "expected: worstOffset <= 1 / 60");
			check(worstRtt <= 0.15, "expected: worstRtt <= 0.15");
			// the estimated tick follows the server's
			check(
				math.abs(client.net.tick() - server.net.tick()) <= 1.5,
				"expected: math.abs(client.net.tick() - server.net.tick()) <= 1.5",
			);
		});
	});
};
