/**
 * An unreliable component whose value no longer fits one packet: the server
 * warns once, naming the entity and the size, sends nothing for it (never a
 * broken packet), and every other entity keeps replicating, with one group
 * (records written straight into the packet) and with several (cached bodies).
 */
import type { Entity } from "@rbxts/jecs";
import { netSim } from "../../support/net";
import { check } from "../../support/check";
import Harness from "@rbxts/skyrocket-test";

interface Label {
	text: string;
	n: number;
}
interface C {
	Label: Entity<Label>;
}

export = () => {
	afterEach(() => Harness.destroyAll()); // every game this spec file starts is freed after each test

	const run = (clients: number, loss: number) => {
		const ns = netSim<C>({
			sim: { clients, seed: 52, link: { latency: 0.03, loss } },
			define: (jecs) => ({ Label: jecs.component<Label>() }),
			register: (net, c, world, sky, jecs) => {
				world.set(c.Label, jecs.Name, "Label");
				net.replicate(c.Label, { codec: sky.codec.struct({ text: sky.codec.str(4000), n: sky.codec.u8 }), channel: "unreliable" });
			},
		});
		const { sim, server } = ns;
		const big = server.world.entity();
		server.world.set(big, server.c.Label, { text: "short", n: 0 });
		const small: Entity[] = [];
		for (let i = 0; i < 5; i++) {
			const e = server.world.entity();
			server.world.set(e, server.c.Label, { text: `entity ${i}`, n: 0 });
			small.push(e);
		}
		sim.run(1);
		let step = 0;
		server.game = () => {
			step += 1;
			// the big one grows past one packet; the others keep changing
			server.world.set(big, server.c.Label, { text: string.rep("x", 1500), n: step % 256 });
			for (const e of small) server.world.set(e, server.c.Label, { text: "moving", n: step % 256 });
		};
		sim.run(2);
		server.game = undefined;
		sim.run(1);
		const warned = sim.server.warnings.filter((m) => m.find("more than one packet holds", 1, true)[0] !== undefined);
		check(warned.size() === 1, `expected one warning about the oversized value, got ${warned.size()}`);
		check(warned[0].find(`entity ${big}`, 1, true)[0] !== undefined, `expected the warning to name entity ${big}: ${warned[0]}`);
		check(sim.server.errors.size() === 0, `expected no server error, got ${sim.server.errors.join("; ")}`);
		for (const client of ns.clients) {
			check(client.peer.errors.size() === 0, `expected no client error, got ${client.peer.errors.join("; ")}`);
			for (const e of small) {
				const mine = client.net.entityOf(server.net.handleOf(e)!)!;
				const got = client.world.get(mine, client.c.Label)!;
				check(got.text === "moving" && got.n === step % 256, `expected the last value of entity ${e}, got ${got.text} ${got.n}`);
			}
			// the oversized value never arrived: the client keeps the last one that fit
			const mine = client.net.entityOf(server.net.handleOf(big)!)!;
			check(client.world.get(mine, client.c.Label)!.text === "short", "expected the last value that fit one packet");
		}
	};

	describe("an unreliable value larger than a packet", () => {
		it("is refused with one warning while the rest replicates (one group)", () => run(2, 0));
		it("is refused with one warning while the rest replicates (groups split by loss)", () => run(3, 0.3));
	});
};
