// The frame: each simulated frame fires RunService's events in Roblox's order,
// once each, with render events only on clients.
import Harness from "@rbxts/skyrocket-test";
import type { Peer } from "@rbxts/skyrocket-test";
import { assertEqual, check } from "./support";

/** Records the RunService events `peer` fires, in order. */
function recordEvents(peer: Peer): string[] {
	const log: string[] = [];
	const rs = peer.game.GetService("RunService");
	rs.PreRender.Connect(() => log.push("PreRender"));
	rs.RenderStepped.Connect(() => log.push("RenderStepped"));
	rs.Stepped.Connect(() => log.push("Stepped"));
	rs.Heartbeat.Connect(() => log.push("Heartbeat"));
	return log;
}

export = () => {
	afterEach(() => Harness.destroyAll()); // every game this spec file starts is freed after each test
	describe("frame events", () => {
		it("fires PreRender and RenderStepped on clients only", () => {
			const sim = Harness.simulate({ clients: 1, quiet: true });
			const serverLog = recordEvents(sim.server);
			const clientLog = recordEvents(sim.clients[0]);
			sim.step(5);
			assertEqual(serverLog.filter((e) => e === "RenderStepped" || e === "PreRender").size(), 0, "the server should never render");
			assertEqual(clientLog.filter((e) => e === "RenderStepped").size(), 5, "a client should render once per frame");
			assertEqual(clientLog.filter((e) => e === "PreRender").size(), 5, "a client should fire PreRender once per frame");
		});

		it("fires PreRender, RenderStepped, Stepped, Heartbeat in that order every frame", () => {
			const sim = Harness.simulate({ clients: 1, quiet: true });
			const log = recordEvents(sim.clients[0]);
			sim.step(3);
			const frame = "PreRender,RenderStepped,Stepped,Heartbeat";
			assertEqual(log.join(","), `${frame},${frame},${frame}`, "client event order over three frames");
		});

		it("fires Stepped before Heartbeat once per frame on the server", () => {
			const sim = Harness.simulate({ quiet: true });
			const log = recordEvents(sim.server);
			sim.step(4);
			assertEqual(
				log.join(","),
				"Stepped,Heartbeat,Stepped,Heartbeat,Stepped,Heartbeat,Stepped,Heartbeat",
				"server event order over four frames",
			);
		});

		it("passes the frame's delta time, 1/60 s at the default tick rate", () => {
			const sim = Harness.simulate({ quiet: true });
			const deltas: number[] = [];
			const steppedTimes: number[] = [];
			const rs = sim.server.game.GetService("RunService");
			rs.Heartbeat.Connect((dt) => deltas.push(dt));
			rs.Stepped.Connect((t) => steppedTimes.push(t));
			sim.step(3);
			assertEqual(deltas.size(), 3, "one Heartbeat per stepped frame");
			check(
				deltas.every((dt) => math.abs(dt - 1 / 60) < 1e-9),
				`every Heartbeat dt should be 1/60, got ${deltas.join(", ")}`,
			);
			check(
				math.abs(steppedTimes[2] - steppedTimes[1] - 1 / 60) < 1e-9,
				"Stepped's time argument should advance by one frame per frame",
			);
			assertEqual(sim.frame, 3, "the simulation should count the frames it stepped");
		});

		it("runs at the tick rate the simulation was given", () => {
			const sim = Harness.simulate({ quiet: true, tickRate: 30 });
			let beats = 0;
			sim.server.game.GetService("RunService").Heartbeat.Connect(() => beats++);
			sim.run(1);
			assertEqual(beats, 30, "one simulated second at 30 Hz should be 30 frames");
		});
	});
};
