/**
 * The debug panel: created on demand under the local player's PlayerGui,
 * toggled by its key, its labels showing the client profiler's figures.
 */
import type { Entity } from "@rbxts/jecs";
import { netSim, Side } from "../../support/net";
import type { ClientNet } from "../../../src/net/client";
import type { ServerNet } from "../../../src/net/server";
import type { ClientEventHandle, DebugPanel, Profiler } from "../../../src";
import { check } from "../../support/check";
import Harness from "@rbxts/skyrocket-test";

interface C {
	Health: Entity<number>;
}

/** A whole number with thousands separators, as the panel prints it. */
function n(x: number): string {
	let out = string.format("%d", math.round(x));
	for (;;) {
		const [replaced, k] = string.gsub(out, "^(-?%d+)(%d%d%d)", "%1,%2");
		out = replaced;
		if (k === 0) return out;
	}
}

function setup(key?: Enum.KeyCode) {
	let chat: ClientEventHandle<string> | undefined;
	const ns = netSim<C>({
		sim: { clients: 1, seed: 33, link: { latency: 0.05 } },
		define: (jecs) => ({ Health: jecs.component<number>() }),
		register: (net, c, world, sky, jecs) => {
			world.set(c.Health, jecs.Name, "Health");
			net.replicate(c.Health, sky.codec.u16);
			const handle = net.event("Chat", { codec: sky.codec.str(20), from: "client" });
			if (!("setVisibility" in net)) chat = handle as ClientEventHandle<string>;
		},
	});
	const server = ns.server as Side<ServerNet, C>;
	const client = ns.clients[0] as Side<ClientNet, C>;
	for (let i = 0; i < 12; i++) server.world.set(server.world.entity(), server.c.Health, 100);
	let frame = 0;
	server.game = () => {
		frame += 1;
		for (const [e] of server.world.query(server.c.Health)) server.world.set(e, server.c.Health, frame % 500);
	};
	let sent = 0;
	client.game = () => {
		sent += 1;
		if (sent % 6 === 0) chat!.send("hi");
	};
	const profiler: Profiler = client.sky.profile(client.net);
	const panel: DebugPanel = client.sky.debugPanel(client.net, profiler, key !== undefined ? { key } : undefined);
	const playerGui = client.peer.localPlayer!.FindFirstChild("PlayerGui")!;
	return { ...ns, server, client, profiler, panel, playerGui };
}

function textOf(parent: Instance | undefined, ...path: string[]): string {
	let node = parent;
	for (const name of path) node = node?.FindFirstChild(name);
	if (node === undefined || !node.IsA("TextLabel")) error(`no TextLabel at ${path.join("/")}`);
	return node.Text;
}

export = () => {
	afterEach(() => Harness.destroyAll()); // every game this spec file starts is freed after each test
	describe("debug panel", () => {
		it("is created on the first key press and builds a ScreenGui of labels", () => {
			const { sim, client, playerGui, panel } = setup();
			sim.run(1);
			expect(playerGui.FindFirstChild("SkyrocketDebug")).to.equal(undefined);
			client.peer.pressKey(Enum.KeyCode.F8);
			const gui = playerGui.FindFirstChild("SkyrocketDebug");
			check(gui !== undefined && gui.IsA("ScreenGui"), 'expected: gui !== undefined && gui.IsA("ScreenGui")');
			check((gui as ScreenGui).Enabled, "expected: (gui as ScreenGui).Enabled");
			check(panel.isVisible(), "expected: panel.isVisible()");
			const frame = gui!.FindFirstChild("Panel");
			check(frame !== undefined && frame.IsA("Frame"), 'expected: frame !== undefined && frame.IsA("Frame")');
			for (const name of ["Title", "Traffic", "Budget", "Events"]) {
				const l = frame!.FindFirstChild(name);
				check(l !== undefined && l.IsA("TextLabel"), 'expected: l !== undefined && l.IsA("TextLabel")');
			}
			for (const name of ["Links", "EventList", "Components"])
				check(frame!.FindFirstChild(name)!.IsA("Frame"), 'expected: frame!.FindFirstChild(name)!.IsA("Frame")');
			check(
				frame!.FindFirstChildOfClass("UIListLayout") !== undefined,
				'expected: frame!.FindFirstChildOfClass("UIListLayout") !== undefined',
			);
		});

		it("shows the profiler's figures and refreshes them while shown", () => {
			const { sim, client, playerGui, profiler } = setup();
			client.peer.pressKey(Enum.KeyCode.F8);
			sim.run(2.5);
			const s = profiler.snapshot();
			check(s.index >= 2, "expected: s.index >= 2");
			const gui = playerGui.FindFirstChild("SkyrocketDebug")!;
			const t = s.totals;
			expect(textOf(gui, "Panel", "Title")).to.equal(`Skyrocket client: t ${string.format("%.1f", s.time)} s (per second)`);
			expect(textOf(gui, "Panel", "Traffic")).to.equal(
				`in ${n(t.in.bytes)} B/s (${n(t.in.calls)} pkt/s)   out ${n(t.out.bytes)} B/s (${n(t.out.calls)} pkt/s)`,
			);
			check(t.in.bytes > 0 && t.in.calls >= 59, "expected: t.in.bytes > 0 && t.in.calls >= 59");
			const link = s.players[0];
			// the server's per-player budget (40,000 by default), which the client learns from the server: the same figure as the server's profiler
			expect(textOf(gui, "Panel", "Budget")).to.equal(
				`budget use ${n(link.budget * 100)}% of 40,000 B/s per player (wire bytes from the server)`,
			);
			check(math.abs(link.budget - link.in.wire / 40000) < 1e-9, "budget use is the wire bytes received over the server's budget");
			expect(textOf(gui, "Panel", "Events")).to.equal(`events ${n(t.events)}/s`);
			// the link to the server: RTT (Roblox's ping on a client: twice the 50 ms link), the 12 entities
			expect(textOf(gui, "Panel", "Links", "server")).to.equal(
				`server   RTT 100 ms   entities 12   dropped 0 (0)   rate-limited 0 (0)`,
			);
			const chat = s.events.find((e) => e.name === "Chat")!;
			expect(n(chat.sent)).to.equal("10");
			expect(textOf(gui, "Panel", "EventList", "Chat")).to.equal(`Chat   sent 10/s   received 0/s   ${n(chat.bytes)} B/s`);
			// the panel follows the next window
			sim.run(1);
			const later = profiler.snapshot();
			check(later.index > s.index, "expected: later.index > s.index");
			expect(textOf(gui, "Panel", "Title")).to.equal(`Skyrocket client: t ${string.format("%.1f", later.time)} s (per second)`);
		});

		it("hides and shows again with the key, refreshing on show", () => {
			const { sim, client, playerGui, profiler, panel } = setup();
			client.peer.pressKey(Enum.KeyCode.F8);
			sim.run(1.5);
			const gui = playerGui.FindFirstChild("SkyrocketDebug") as ScreenGui;
			client.peer.pressKey(Enum.KeyCode.F8);
			check(!gui.Enabled, "expected not: gui.Enabled");
			check(!panel.isVisible(), "expected not: panel.isVisible()");
			const frozen = textOf(gui, "Panel", "Title");
			sim.run(2);
			expect(textOf(gui, "Panel", "Title")).to.equal(frozen);
			client.peer.pressKey(Enum.KeyCode.F8);
			check(gui.Enabled, "expected: gui.Enabled");
			expect(
				playerGui
					.GetChildren()
					.filter((c) => c.Name === "SkyrocketDebug")
					.size(),
			).to.equal(1);
			expect(textOf(gui, "Panel", "Title")).to.equal(
				`Skyrocket client: t ${string.format("%.1f", profiler.snapshot().time)} s (per second)`,
			);
			check(frozen !== textOf(gui, "Panel", "Title"), 'expected: frozen !== textOf(gui, "Panel", "Title")');
		});

		it("answers only to its own key and goes away when destroyed", () => {
			const { sim, client, playerGui, panel } = setup(Enum.KeyCode.F9);
			client.peer.pressKey(Enum.KeyCode.F8);
			expect(playerGui.FindFirstChild("SkyrocketDebug")).to.equal(undefined);
			client.peer.pressKey(Enum.KeyCode.F9);
			check(
				playerGui.FindFirstChild("SkyrocketDebug") !== undefined,
				'expected: playerGui.FindFirstChild("SkyrocketDebug") !== undefined',
			);
			panel.destroy();
			expect(playerGui.FindFirstChild("SkyrocketDebug")).to.equal(undefined);
			client.peer.pressKey(Enum.KeyCode.F9);
			sim.run(0.5);
			expect(playerGui.FindFirstChild("SkyrocketDebug")).to.equal(undefined);
			expect(client.net.describePipeline().join("\n").find("debug panel", 1, true)[0]).to.equal(undefined);
			expect(client.peer.errors.size()).to.equal(0);
		});
	});
};
