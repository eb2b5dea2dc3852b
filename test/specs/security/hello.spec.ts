/**
 * Item 12: a client's hello is resent until the server answers. A player
 * whose first packets spend its firewall allowance (so the hello that follows
 * is dropped undecoded) still joins: its net says hello again every second
 * until the server's first packet arrives, then converges.
 */
import Harness from "@rbxts/skyrocket-test";
import { arena, Hostile, settle } from "./arena";
import { assertEqual, check } from "../../support/check";
import { worldDiff } from "../../support/worldDiff";

export = () => {
	afterEach(() => Harness.destroyAll()); // every game this spec file starts is freed after each test
	describe("security: hello", () => {
		it("is resent until the server answers, so a client whose hello was dropped still joins", () => {
			const a = arena({ seed: 113 });
			const { server, sim } = a;
			const peer = sim.addClient({ latency: 0.03 });
			const early = new Hostile(peer, server);
			// 301 packets in one frame: the firewall's packets-per-second window is spent
			for (let i = 0; i < 301; i++) early.fire(true, buffer.create(1));
			const late = a.attach(peer);
			sim.step(3);
			const player = peer.serverPlayer;
			const firewall = () => server.net.stats(player)!.drops.get("firewall") ?? 0;
			check(firewall() >= 2, "the client's first hello was dropped by the firewall");
			check(!server.net.connection(player)!.ready, "so the server does not know the client yet");
			sim.runUntil(() => late.net.isSynced(), 3, "the client joins once its hello is resent");
			print(`joined ${string.format("%.2f", sim.time)} s into the run after ${firewall()} firewall drops`);
			settle(a);
			const diff = worldDiff(server, late, player);
			assertEqual(diff.size(), 0, `the late client converges (${diff.join("; ")})`);
		});
	});
};
