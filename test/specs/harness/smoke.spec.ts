import Harness from "@rbxts/skyrocket-test";
import { check } from "../../support/check";

export = () => {
	afterEach(() => Harness.destroyAll()); // every game this spec file starts is freed after each test
	describe("harness smoke", () => {
		it("runs a server and two clients", () => {
			const sim = Harness.simulate({ clients: 2, quiet: true });
			expect(sim.clients.size()).to.equal(2);
			check(sim.clients[0].loaded, "expected: sim.clients[0].loaded");
		});
	});
};
