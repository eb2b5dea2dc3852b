import Harness from "@rbxts/skyrocket-test";

export = () => {
	describe("harness smoke", () => {
		it("runs a server and two clients", () => {
			const sim = Harness.simulate({ clients: 2, quiet: true });
			expect(sim.clients.size()).to.equal(2);
			expect(sim.clients[0].loaded).to.equal(true);
		});
	});
};
