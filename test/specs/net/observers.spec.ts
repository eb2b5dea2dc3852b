/**
 * Observers, the bridge from the ECS to code that is not a system (UI):
 * `net.observe(Component, (entity, value, old) => ...)` and `handle.observe`
 * on events, across the simulated network.
 */
import type { Entity } from "@rbxts/jecs";
import { netSim } from "../../support/net";
import Harness from "@rbxts/skyrocket-test";
import type { ServerNet } from "../../../src/net/server";
import type { ClientNet } from "../../../src/net/client";
import type { ClientEventHandle, ServerEventHandle } from "../../../src";
import { assertEqual, check } from "../../support/check";

interface C {
	Health: Entity<number>;
}

export = () => {
	afterEach(() => Harness.destroyAll()); // every game this spec file starts is freed after each test
	const setup = (handles?: Map<ServerNet | ClientNet, { Cheer: unknown; Notice: unknown }>) =>
		netSim<C>({
			sim: { clients: 1, seed: 81, link: { latency: 0.04 } },
			define: (jecs) => ({ Health: jecs.component<number>() }),
			register: (net, c, world, sky, jecs) => {
				world.set(c.Health, jecs.Name, "Health");
				net.replicate(c.Health, sky.codec.u16);
				handles?.set(net, {
					Cheer: net.event("Cheer", { codec: sky.codec.u8, from: "client", check: (v) => v !== 13 }),
					Notice: net.event("Notice", { codec: sky.codec.str(20), from: "server" }),
				});
			},
		});

	describe("observers", () => {
		it("net.observe reports each replicated change on the client as (entity, value, old), once per step", () => {
			const { sim, server, clients } = setup();
			const client = clients[0];
			const w = server.world;
			const early = w.entity();
			w.set(early, server.c.Health, 7);
			sim.run(0.3);
			const calls: string[] = [];
			const name = (e: Entity) => (e === client.net.entityOf(server.net.handleOf(early)!) ? "early" : "orc");
			const disconnect = client.net.observe(client.c.Health, (e, value, old) =>
				calls.push(`${name(e)} ${value ?? "undefined"} (was ${old ?? "undefined"})`),
			);
			sim.run(0.1);
			assertEqual(calls.join("; "), "early 7 (was undefined)", "what holds the component already is reported once");
			calls.clear();
			const orc = w.entity();
			w.set(orc, server.c.Health, 100);
			sim.run(0.3);
			w.set(orc, server.c.Health, 42);
			sim.run(0.3);
			w.set(orc, server.c.Health, 42); // the same value: nothing replicates, nothing is observed
			sim.run(0.3);
			w.remove(orc, server.c.Health);
			sim.run(0.3);
			assertEqual(calls.join("; "), "orc 100 (was undefined); orc 42 (was 100); orc undefined (was 42)", "observed changes");
			disconnect();
			disconnect(); // twice is harmless
			w.set(early, server.c.Health, 8);
			sim.run(0.3);
			assertEqual(calls.size(), 3, "no call after disconnect");
			assertEqual(client.net.context.observers.size(), 0, "observers left after disconnect");
		});

		it("a throwing observer is reported and the others still run; an observer may write the world", () => {
			const { sim, server, clients } = setup();
			const client = clients[0];
			const seen: number[] = [];
			client.net.observe(client.c.Health, () => error("the UI broke"));
			client.net.observe(client.c.Health, (e, value) => {
				if (value !== undefined) seen.push(value);
				client.world.set(client.world.entity(), client.c.Health, 1); // a local write from a callback
			});
			const e = server.world.entity();
			server.world.set(e, server.c.Health, 5);
			sim.run(0.3);
			server.world.set(e, server.c.Health, 6);
			sim.run(0.3);
			check(seen.includes(5) && seen.includes(6), `the healthy observer saw both values, got ${seen.join(",")}`);
			const reported = client.peer.errors.filter((m) => m.find("an observer of Health failed", 1, true)[0] !== undefined);
			assertEqual(reported.size(), 1, "the failing observer is reported (at most every 10 s)");
		});

		it("event observers receive each event of the step in arrival order; dropped ones are not observed", () => {
			const handles = new Map<ServerNet | ClientNet, { Cheer: unknown; Notice: unknown }>();
			const { sim, server, clients } = setup(handles);
			const client = clients[0];
			const serverSide = handles.get(server.net)!;
			const clientSide = handles.get(client.net)!;
			const heard: string[] = [];
			(serverSide.Cheer as ServerEventHandle<number, "client">).observe((n, sender) => heard.push(`${sender.Name}:${n}`));
			const notices: string[] = [];
			const stop = (clientSide.Notice as ClientEventHandle<string, "server">).observe((text) => notices.push(text));
			const cheer = clientSide.Cheer as ClientEventHandle<number, "client">;
			cheer.send(1);
			cheer.send(13); // fails the check: dropped before anyone observes it
			cheer.send(2);
			(serverSide.Notice as ServerEventHandle<string, "server">).broadcast("round 1");
			sim.run(0.3);
			const who = client.peer.serverPlayer.Name;
			assertEqual(heard.join(","), `${who}:1,${who}:2`, "the server's observer heard the valid cheers");
			assertEqual(notices.join(","), "round 1", "the client's observer heard the notice");
			stop();
			(serverSide.Notice as ServerEventHandle<string, "server">).broadcast("round 2");
			sim.run(0.3);
			assertEqual(notices.size(), 1, "no notice after disconnect");
		});
	});
};
