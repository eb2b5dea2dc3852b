// UnreliableRemoteEvent payloads are limited to 900 bytes (UnreliableRemoteEvent
// API reference); bigger ones are dropped. A buffer argument of n bytes costs
// 1 (type tag) + 2 (VLQ length, n >= 128) + n bytes of payload.
import Harness from "@rbxts/skyrocket-test";
import type { Simulation } from "@rbxts/skyrocket-test";
import { assertEqual, check, makeRemote } from "./support";

/** A buffer whose payload (tag + length + bytes) is exactly `payload` bytes. */
function bufferWithPayload(payload: number): buffer {
	return buffer.create(payload - 3);
}

function fireOnce(sim: Simulation, className: "RemoteEvent" | "UnreliableRemoteEvent", payload: number): number {
	// both classes share this API; typed as RemoteEvent so the calls type-check
	const remote = makeRemote(sim, className, `Limit${payload}`) as { server: RemoteEvent; clients: RemoteEvent[] };
	let received = 0;
	remote.clients[0].OnClientEvent.Connect(() => received++);
	remote.server.FireAllClients(bufferWithPayload(payload));
	sim.run(0.2);
	return received;
}

export = () => {
	afterEach(() => Harness.destroyAll()); // every game this spec file starts is freed after each test
	describe("unreliable payload limit", () => {
		it("measures the test payloads as intended", () => {
			assertEqual(Harness.remoteCallBytes(false, bufferWithPayload(899)), 9 + 899, "cost of an 899-byte payload");
			assertEqual(Harness.remoteCallBytes(false, bufferWithPayload(901)), 9 + 901, "cost of a 901-byte payload");
		});

		it("drops an UnreliableRemoteEvent payload over 900 bytes and counts it in stats.oversize", () => {
			const sim = Harness.simulate({ clients: 1, quiet: true });
			const received = fireOnce(sim, "UnreliableRemoteEvent", 901);
			assertEqual(received, 0, "a 901-byte unreliable payload should never arrive");
			assertEqual(sim.server.stats.oversize, 1, "the drop should be counted in stats.oversize");
			check(sim.server.warnings.size() > 0, "the drop should be warned about, as Roblox does");
		});

		it("delivers an 899-byte UnreliableRemoteEvent payload", () => {
			const sim = Harness.simulate({ clients: 1, quiet: true });
			assertEqual(fireOnce(sim, "UnreliableRemoteEvent", 899), 1, "an 899-byte unreliable payload should arrive");
			assertEqual(sim.server.stats.oversize, 0, "nothing should be counted as oversize");
		});

		it("does not limit reliable RemoteEvent payloads", () => {
			const sim = Harness.simulate({ clients: 1, quiet: true });
			assertEqual(fireOnce(sim, "RemoteEvent", 5000), 1, "a 5000-byte reliable payload should arrive");
			assertEqual(sim.server.stats.oversize, 0, "nothing should be counted as oversize");
		});
	});
};
