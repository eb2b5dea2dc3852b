/**
 * Acknowledgement cadence: while unreliable packets keep arriving a client
 * acknowledges at most every `ackDelay` seconds (default 1/30: one ack for
 * two ticks' packets), and the bitfield still names every packet, so
 * baselines move and the wire stays as small; with `ackDelay: 0` it acks
 * every step. Under loss the delayed acks change nothing: the client ends
 * with the server's exact values.
 */
import type { Entity } from "@rbxts/jecs";
import { netSim } from "../../support/net";
import { check } from "../../support/check";
import Harness from "@rbxts/skyrocket-test";

const UNRELIABLE = "ReplicatedStorage.SkyrocketNet.Unreliable";

interface Components {
	Pos: Entity<Vector3>;
}

export = () => {
	afterEach(() => Harness.destroyAll()); // every game this spec file starts is freed after each test
	const setup = (ackDelay: number | undefined, link: { latency?: number; loss?: number; jitter?: number }) =>
		netSim<Components>({
			// no clock pings: only acks travel up
			clientConfig: { pingInterval: math.huge, ackDelay },
			sim: { clients: 1, seed: 21, link },
			define: (jecs) => ({ Pos: jecs.component<Vector3>() }),
			register: (net, c, world, sky, jecs) => {
				world.set(c.Pos, jecs.Name, "Pos");
				net.replicate(c.Pos, { codec: sky.codec.vector3({ precision: 1 / 64 }), channel: "unreliable" });
			},
		});

	/** Moves 20 entities every step for `seconds`; returns the unreliable packets the server received and the bytes it sent meanwhile. */
	const run = (ns: ReturnType<typeof setup>, seconds: number) => {
		const { sim, server } = ns;
		const entities: Entity[] = [];
		for (let i = 0; i < 20; i++) {
			const e = server.world.entity();
			server.world.set(e, server.c.Pos, new Vector3(i, 0, 0));
			entities.push(e);
		}
		sim.run(1);
		let step = 0;
		server.game = () => {
			step += 1;
			for (const e of entities) server.world.set(e, server.c.Pos, server.world.get(e, server.c.Pos)!.add(new Vector3(0.05, 0, 0.03)));
		};
		const in0 = sim.server.stats.remotes.get(UNRELIABLE)!.callsIn;
		const out0 = sim.server.stats.bytesOut;
		sim.run(seconds);
		server.game = undefined;
		const packetsUp = sim.server.stats.remotes.get(UNRELIABLE)!.callsIn - in0;
		const bytesDown = sim.server.stats.bytesOut - out0;
		sim.run(1);
		// the client ends with the server's exact (quantized) values
		const client = ns.clients[0];
		const codec = server.net.context.registry.byName.get("Pos")!.codec!;
		for (const e of entities) {
			const mine = client.net.entityOf(server.net.handleOf(e)!)!;
			const want = codec.canonical!(server.world.get(e, server.c.Pos)) as Vector3;
			check(
				client.world.get(mine, client.c.Pos) === want,
				`entity ${e}: expected ${want}, got ${client.world.get(mine, client.c.Pos)}`,
			);
		}
		return { packetsUp, bytesDown, steps: step };
	};

	describe("acknowledgements", () => {
		it("go every other step by default and every step with ackDelay 0, with the same bytes down", () => {
			const late = run(setup(undefined, { latency: 0.05 }), 2);
			const every = run(setup(0, { latency: 0.05 }), 2);
			print(
				`acks up: ${late.packetsUp} (default) vs ${every.packetsUp} (ackDelay 0) over ${late.steps} steps; bytes down ${late.bytesDown} vs ${every.bytesDown}`,
			);
			// one ack per step while packets arrive (less the few still on the link at either end), or one per two steps
			check(every.packetsUp >= every.steps - 8, `expected about ${every.steps} acks, got ${every.packetsUp}`);
			check(math.abs(late.packetsUp * 2 - every.packetsUp) <= 4, `expected half of ${every.packetsUp} acks, got ${late.packetsUp}`);
			// baselines still move: the deltas down cost at most a few percent more
			check(late.bytesDown <= every.bytesDown * 1.05, `expected bytes down within 5%: ${late.bytesDown} vs ${every.bytesDown}`);
		});

		it("delayed acks under loss and jitter still end with the server's exact values", () => {
			const ns = setup(undefined, { latency: 0.08, jitter: 0.03, loss: 0.2 });
			const result = run(ns, 3);
			check(result.packetsUp < result.steps * 0.6, `expected delayed acks, got ${result.packetsUp} in ${result.steps} steps`);
		});
	});
};
