/**
 * NetProperty over the simulated network: per-player values reach only their
 * player, global ones everyone; a table value sends only what changed (one
 * key of a 100-key map costs a few bytes, exactly counted); observers are
 * called with the current value, then once per change; values pass the
 * component path's validation, strict decoding and profiler counters.
 */
import Harness from "@rbxts/skyrocket-test";
import type { ClientProperty } from "../../../src/client/properties";
import type { ServerGlobalProperty, ServerPlayerProperty } from "../../../src/server/properties";
import { netSim } from "../../support/net";
import { assertEqual, check } from "../../support/check";

interface Props {
	coins?: ServerPlayerProperty<number> | ClientProperty<number>;
	weather?: ServerGlobalProperty<string> | ClientProperty<string>;
	inventory?: ServerPlayerProperty<Map<string, number>> | ClientProperty<Map<string, number>>;
}

function setup(clients: number, seed: number) {
	return netSim<Props>({
		clientConfig: { pingInterval: math.huge },
		sim: { clients, seed, link: { latency: 0.03 } },
		define: () => ({}),
		register: (net, c, _world, sky) => {
			const k = sky.codec;
			c.coins = net.property("Coins", k.u32) as never;
			c.weather = net.property("Weather", k.str(20), { scope: "global" }) as never;
			c.inventory = net.property("Inventory", k.map(k.str(16), k.u16, { maxLength: 200 })) as never;
		},
	});
}

export = () => {
	describe("NetProperty", () => {
		it("a per-player value reaches only its player; a global one reaches everyone", () => {
			const { sim, server, clients } = setup(2, 21);
			const [a, b] = clients;
			const coins = server.c.coins as ServerPlayerProperty<number>;
			const weather = server.c.weather as ServerGlobalProperty<string>;
			coins.set(a.peer.serverPlayer, 10);
			coins.set(b.peer.serverPlayer, 99);
			coins.update(a.peer.serverPlayer, (v) => (v ?? 0) + 5);
			weather.set("rain");
			sim.run(0.4);
			assertEqual(coins.get(a.peer.serverPlayer), 15, "the server reads each player's value");
			assertEqual((a.c.coins as ClientProperty<number>).get(), 15, "a sees its own coins");
			assertEqual((b.c.coins as ClientProperty<number>).get(), 99, "b sees its own coins");
			assertEqual((a.c.weather as ClientProperty<string>).get(), "rain", "a sees the weather");
			assertEqual((b.c.weather as ClientProperty<string>).get(), "rain", "b sees the weather");
			// the other player's value never reached a: one Coins value in a's whole world
			let seen = 0;
			for (const [, v] of a.world.query((a.c.coins as ClientProperty<number>).component)) {
				seen += 1;
				assertEqual(v, 15, "the only Coins value on a is a's");
			}
			assertEqual(seen, 1, "Coins values in a's world");
			// and b's changes cost a nothing
			const before = a.peer.stats.bytesIn;
			for (let i = 0; i < 10; i++) {
				coins.set(b.peer.serverPlayer, 100 + i);
				sim.step(1);
			}
			sim.run(0.2);
			assertEqual(a.peer.stats.bytesIn - before, 0, "bytes to a while b's coins change");
			assertEqual((b.c.coins as ClientProperty<number>).get(), 109, "b follows its coins");
			sim.destroy();
		});

		it("observe is called once with the current value, then once per change", () => {
			const { sim, server, clients } = setup(1, 22);
			const [a] = clients;
			const weather = server.c.weather as ServerGlobalProperty<string>;
			weather.set("sun");
			sim.run(0.3);
			const calls: string[] = [];
			const disconnect = (a.c.weather as ClientProperty<string>).observe((value, old) => calls.push(`${old ?? "-"}>${value ?? "-"}`));
			assertEqual(calls.join(","), "->sun", "called at once with the current value");
			weather.set("rain");
			weather.set("storm"); // two sets in one step: one change on the wire, one call
			sim.run(0.3);
			weather.set("storm"); // equal: nothing sent, no call
			sim.run(0.3);
			weather.set("sun");
			sim.run(0.3);
			assertEqual(calls.join(","), "->sun,sun>storm,storm>sun", "one call per change");
			disconnect();
			weather.set("fog");
			sim.run(0.3);
			assertEqual(calls.size(), 3, "no call after disconnecting");
			assertEqual((a.c.weather as ClientProperty<string>).get(), "fog", "get() still reads the value");
			sim.destroy();
		});

		it("one changed key of a 100-key map property costs a few bytes, not the map", () => {
			const { sim, server, clients } = setup(1, 23);
			const [a] = clients;
			const inventory = server.c.inventory as ServerPlayerProperty<Map<string, number>>;
			const player = a.peer.serverPlayer;
			const items = new Map<string, number>();
			for (let i = 1; i <= 100; i++) items.set(`item${i}`, i);
			inventory.set(player, items);
			sim.run(0.4);
			assertEqual((a.c.inventory as ClientProperty<Map<string, number>>).get()?.get("item100"), 100, "the whole map arrived");
			const k = server.sky.codec;
			const whole = k.newWriter(64);
			server.net.context.registry.byName.get("Inventory")!.codec!.write(whole, items);
			const before = sim.server.stats.bytesOut;
			const tick = server.net.tick();
			// changed in place inside update: update hands over a copy, so the change is seen
			inventory.update(player, (m) => {
				m!.set("item42", 4242);
				return m!;
			});
			sim.step(1);
			const bytes = sim.server.stats.bytesOut - before;
			// kind + tick + (Entity op, handle) + (Patch op, wire id, frame length: a map's size varies) + delta: tag, key "item42", u16, no removal
			const packet = 1 + k.varUintSize(tick) + 2 + 3 + (1 + 7 + 2 + 1);
			const expected = Harness.wireCost.CALL_OVERHEAD + Harness.wireCost.TYPE_TAG + k.varUintSize(packet) + packet;
			print(`100-key map property: one changed key ${bytes} bytes on the wire (packet ${packet}); the whole map is ${whole.p} bytes`);
			assertEqual(bytes, expected, "bytes of one changed key");
			sim.run(0.3);
			const got = (a.c.inventory as ClientProperty<Map<string, number>>).get()!;
			assertEqual(got.get("item42"), 4242, "the changed key arrived");
			assertEqual(got.get("item41"), 41, "the other keys are kept");
			// a removed key: the key only
			inventory.update(player, (m) => {
				m!.delete("item7");
				return m!;
			});
			sim.run(0.3);
			check(!(a.c.inventory as ClientProperty<Map<string, number>>).get()!.has("item7"), "the removed key is gone");
			sim.destroy();
		});

		it("values are validated at set, counted by the profiler, and freed when the player leaves", () => {
			const { sim, server, clients } = setup(1, 24);
			const [a] = clients;
			const coins = server.c.coins as ServerPlayerProperty<number>;
			const profiler = server.sky.profile(server.net);
			const [ok, err] = pcall(() => coins.set(a.peer.serverPlayer, -1));
			check(
				!ok && tostring(err).find(`cannot set the property Coins for ${a.peer.serverPlayer.Name}`, 1, true)[0] !== undefined,
				`a bad value errors at the call: ${tostring(err)}`,
			);
			for (let i = 0; i < 150; i++) {
				coins.set(a.peer.serverPlayer, i);
				sim.step(1);
			}
			const row = profiler.snapshot().components.find((c) => c.name === "Coins");
			check(row !== undefined && row.values > 0, "the profiler counts the property's values like a component's");
			const report = server.net.describeWire();
			const entry = report.entries.find((e) => e.name === "Coins");
			check(
				entry !== undefined && entry.kind === "property" && entry.maxSize === 4,
				"describeWire lists the property with its worst case",
			);
			const holders = server.net.context.tracked.size();
			sim.removeClient(a.peer);
			sim.run(0.2);
			check(server.net.context.tracked.size() < holders, "the player's holder entity is despawned when they leave");
			check(coins.get(a.peer.serverPlayer) === undefined, "and their values go with it");
			coins.set(a.peer.serverPlayer, 5); // a late write (say, after a slow data load) makes no holder
			sim.step(2);
			check(coins.get(a.peer.serverPlayer) === undefined, "a value set after leaving is ignored");
			check(sim.server.warnings.join("\n").find("who left the game; ignored", 1, true)[0] !== undefined, "with a warning");
			sim.destroy();
		});
	});
};
