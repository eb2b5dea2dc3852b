import { netSim } from "../../support/net";

export = () => {
	describe("shared clock", () => {
		it("estimates server time within one tick and RTT within 15% at 120 ms RTT with 30 ms jitter", () => {
			const ns = netSim<{}>({
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
				const err = math.abs(client.net.serverTime() - server.net.getTime());
				worstOffset = math.max(worstOffset, err);
				worstRtt = math.max(worstRtt, math.abs(client.net.rtt() - 0.12) / 0.12);
			}
			print(`clock: worst server-time error ${string.format("%.1f", worstOffset * 1000)} ms, worst RTT error ${string.format("%.1f", worstRtt * 100)}%`);
			expect(worstOffset <= 1 / 60).to.equal(true);
			expect(worstRtt <= 0.15).to.equal(true);
			// the estimated tick follows the server's
			expect(math.abs(client.net.estimatedServerTick() - server.net.getTick()) <= 1.5).to.equal(true);
		});
	});
};
