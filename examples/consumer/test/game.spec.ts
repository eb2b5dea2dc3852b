// The consumer's own spec, run headless by `skyrocket-test` (npm test): a
// server and two clients load this game, the clients' players press Space,
// and the server and both clients must agree on the scores.
import Harness, { Peer, Simulation } from "@rbxts/skyrocket-test";
import type * as Game from "../src/shared/game";

/** Each peer runs its own copy of the game's modules: this reads that peer's world. */
function scores(peer: Peer) {
	const { world, PlayerName, Score } = peer.require<typeof Game>("ReplicatedStorage/Shared/game");
	const byName = new Map<string, number>();
	for (const [, name, score] of world.query(PlayerName, Score)) byName.set(name, score);
	return byName;
}

/** The first client cheers 3 times, the second once; fails the spec unless every peer then shows 3 and 1. */
function cheerAndSettle(sim: Simulation) {
	const [first, second] = sim.clients;
	for (let i = 0; i < 3; i++) first.pressKey(Enum.KeyCode.Space);
	second.pressKey(Enum.KeyCode.Space);
	const agrees = (peer: Peer) => {
		const s = scores(peer);
		return s.get(first.serverPlayer.Name) === 3 && s.get(second.serverPlayer.Name) === 1;
	};
	sim.runUntil(() => agrees(sim.server) && sim.clients.every(agrees), 10, "the server and both clients show 3 and 1 cheers");
}

export = () => {
	describe("the consumer game", () => {
		it("counts cheers on the server and replicates the scores to both clients over a lossy link", () => {
			const sim = Harness.simulate({ clients: 2, seed: 7, link: { latency: 0.1, jitter: 0.02, loss: 0.2 } });
			cheerAndSettle(sim);
			for (const peer of [sim.server, ...sim.clients]) expect(peer.errors.size()).to.equal(0);
			// what the second player sees: its client printed the first player's score
			expect(sim.clients[1].output.includes(`${sim.clients[0].serverPlayer.Name}: 3`)).to.equal(true);
			sim.destroy();
		});

		it("agrees under the runner's link conditions (skyrocket-test --latency, --loss...)", () => {
			const sim = Harness.simulate({ clients: 2 });
			cheerAndSettle(sim);
			sim.destroy();
		});
	});
};
