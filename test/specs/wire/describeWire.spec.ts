/**
 * The worst-case size report: each event, request, component and property
 * with its codec and worst-case size; every unreliable one that can exceed the
 * 900-byte UnreliableRemoteEvent limit is flagged, warned at registration in
 * Studio (and only there), and shown in the profiler.
 */
import type { Entity } from "@rbxts/jecs";
import Harness from "@rbxts/skyrocket-test";
import { JECS_PATH, Jecs, Sky, SKYROCKET_PATH } from "../../support/net";
import { assertEqual, check } from "../../support/check";

/** Declares a small game's wire on a fresh server net of a simulation (Studio or not). */
function declare(studio: boolean) {
	const sim = Harness.simulate({ clients: 0, seed: 41, studio, quiet: true });
	const sky = sim.server.require<Sky>(SKYROCKET_PATH);
	const jecs = sim.server.require<Jecs>(JECS_PATH);
	const k = sky.codec;
	const world = jecs.world();
	const net = sky.server(world);
	const Transform = world.component<Vector3>() as Entity<Vector3>;
	world.set(Transform, jecs.Name, "Transform");
	net.replicate(Transform, { codec: k.vector3({ precision: 1 / 64, range: 4096 }), channel: "unreliable" });
	const Path = world.component<number[]>() as Entity<number[]>;
	world.set(Path, jecs.Name, "Path");
	net.replicate(Path, { codec: k.array(k.u16), channel: "unreliable" }); // unbounded: flagged
	net.event("Chat", { codec: k.str(200), from: "client" });
	net.event("Snapshot", { codec: k.bytes(2000), from: "server", reliable: false }); // 2 KB unreliable: flagged
	net.event("Ping", { codec: k.u8, from: "server", reliable: false });
	net.request("Buy", { request: k.u16, response: k.optional(k.str(64)) });
	net.property("Coins", k.u32);
	sim.server.game.GetService("RunService").Heartbeat.Connect((dt) => net.step(dt));
	return { sim, net, sky };
}

export = () => {
	describe("describeWire", () => {
		it("lists every id with its codec and worst case, and flags the unreliable ones over the limit", () => {
			const { sim, net } = declare(false);
			const report = net.describeWire();
			const byName = new Map(report.entries.map((e) => [`${e.kind} ${e.name}`, e]));
			const snapshot = byName.get("event Snapshot")!;
			check(snapshot.tooLarge, "a 2,000-byte unreliable event is flagged");
			assertEqual(snapshot.maxSize, 2002, "its worst case is varint(2000) + 2000");
			check(
				byName.get("component Path")!.tooLarge && byName.get("component Path")!.maxSize === undefined,
				"an unbounded unreliable array is flagged",
			);
			check(!byName.get("component Transform")!.tooLarge, "a bounded transform is not");
			check(!byName.get("event Ping")!.tooLarge, "a one-byte unreliable event is not");
			check(!byName.get("event Chat")!.tooLarge, "reliable events are never flagged");
			assertEqual(byName.get("event Chat")!.maxSize, 202, "Chat's worst case");
			assertEqual(byName.get("request Buy")!.codec, "u16", "requests list their codec");
			assertEqual(byName.get("response Buy")!.maxSize, 66, "and their response's worst case");
			assertEqual(byName.get("property Coins")!.maxSize, 4, "properties are listed as properties");
			assertEqual(report.flagged.map((e) => e.name).join(","), "Snapshot,Path", "flagged, in declaration order (events first)");
			const text = report.lines.join("\n");
			check(
				text.find("event Snapshot: bytes(2000), unreliable, worst case 2002 B", 1, true)[0] !== undefined,
				`the report reads:\n${text}`,
			);
			check(
				text.find("component Path: array<u16>, unreliable, worst case unbounded", 1, true)[0] !== undefined,
				"unbounded is said so",
			);
			print(text);
			assertEqual(sim.server.warnings.size(), 0, "outside Studio, registration is quiet");
			sim.destroy();
		});

		it("in Studio, each registration that can exceed the limit warns", () => {
			const { sim } = declare(true);
			const warnings = sim.server.warnings.join("\n");
			check(
				warnings.find("the unreliable event Snapshot (bytes(2000)) can take 2002 B", 1, true)[0] !== undefined,
				`Snapshot warned: ${warnings}`,
			);
			check(warnings.find("the unreliable component Path (array<u16>) can take unbounded", 1, true)[0] !== undefined, "Path warned");
			check(warnings.find("Transform", 1, true)[0] === undefined, "the bounded transform did not warn");
			sim.destroy();
		});

		it("the profiler shows one line of it", () => {
			const { sim, net, sky } = declare(false);
			const profiler = sky.profile(net);
			sim.run(1.2);
			const text = profiler.format();
			check(text.find("over the 900-byte limit: Snapshot, Path", 1, true)[0] !== undefined, `the profiler's table:\n${text}`);
			sim.destroy();
		});
	});
};
