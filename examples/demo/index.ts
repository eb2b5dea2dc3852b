// `npm start`: a server and 4 clients over a lossy link (80 ms latency, 20%
// loss on unreliable traffic), 500 moving NPCs, players shooting at them
// (Shoot events up, Hit events down), one client joining late. Prints a table
// every simulated second from Skyrocket's profilers, then checks that every
// client ended with exactly the server's NPCs. Runs in the harness's runner
// peer (scripts/runDemo.ts calls it through Boot.runModule).
import type { HarnessApi, Peer, Simulation } from "@rbxts/skyrocket-test";
import type { ClientNet, Profiler, Recorder } from "../../src";
import { clientGame, declare, Declared, JECS_PATH, Jecs, serverGame, Sky, SKYROCKET_PATH } from "./game";

interface DemoArgs {
	seed?: number;
	/** Simulated seconds (default 12): NPCs move and players shoot until 3 s before the end. */
	seconds?: number;
	/** Clients at the start (default 3); one more joins at `lateJoin`. */
	clients?: number;
	npcs?: number;
	lateJoin?: number;
	/** Records the server's session into this file (relative to the project), to replay with `skyrocket-test replay`. */
	record?: string;
}

const LINK = { latency: 0.08, jitter: 0.01, loss: 0.2 };
const QUIET = 3;

interface ClientSide {
	readonly peer: Peer;
	readonly sky: Sky;
	readonly game: Declared<ClientNet>;
	readonly profiler: Profiler;
	readonly shooter: ReturnType<typeof clientGame>;
}

/** Where the demo's replay module is, for `skyrocket-test replay` (see ./replay.ts). */
export const REPLAY_MODULE = "ReplicatedStorage/Examples/demo/replay";

function bootServer(sim: Simulation, npcs: number, moveUntil: number, seed: number, recording: boolean) {
	const peer = sim.server;
	const sky = peer.require<Sky>(SKYROCKET_PATH);
	const jecs = peer.require<Jecs>(JECS_PATH);
	const world = jecs.world();
	const net = sky.server(world);
	const declared = declare(sky, jecs, world, net);
	const profiler = sky.profile(net);
	// outgoing packets as sizes only: the replay needs what came in; the timeline shows what went out
	const recorder: Recorder | undefined = recording
		? sky.record(net, { seed, packetsOut: "size", setup: REPLAY_MODULE, meta: `${npcs} ${moveUntil}` })
		: undefined;
	const logic = serverGame(declared, npcs, moveUntil, () => net.time());
	peer.game.GetService("RunService").Heartbeat.Connect((dt) => net.step(dt, logic.system));
	return { peer, sky, game: declared, net, profiler, logic, recorder };
}

function bootClient(sim: Simulation, peer: Peer, seed: number, shootUntil: number): ClientSide {
	const sky = peer.require<Sky>(SKYROCKET_PATH);
	const jecs = peer.require<Jecs>(JECS_PATH);
	const world = jecs.world();
	const net = sky.client(world);
	const declared = declare(sky, jecs, world, net);
	const profiler = sky.profile(net);
	const shooter = clientGame(declared, seed, shootUntil, () => sim.time);
	peer.game.GetService("RunService").Heartbeat.Connect((dt) => net.step(dt, shooter.system));
	return { peer, sky, game: declared, profiler, shooter };
}

/** A whole number with thousands separators. */
function f(n: number): string {
	let out = string.format("%d", math.round(n));
	for (;;) {
		const [replaced, k] = string.gsub(out, "^(-?%d+)(%d%d%d)", "%1,%2");
		out = replaced;
		if (k === 0) return out;
	}
}

function pad(s: string, width: number, left = false) {
	const gap = string.rep(" ", math.max(0, width - s.size()));
	return left ? s + gap : gap + s;
}

/**
 * The row of one client for the per-second table, from its profiler (budget
 * use: the same figure its debug panel shows) and the server's (RTT).
 */
function clientRow(server: Profiler, side: ClientSide) {
	const mine = side.profiler.snapshot().players[0];
	const player = side.peer.serverPlayer;
	const seen = server.snapshot().players.find((p) => p.player === player);
	const cells = [
		pad(side.peer.name, 8, true),
		pad(mine ? f(mine.in.bytes) : "-", 9),
		pad(mine ? f(mine.out.bytes) : "-", 8),
		pad(mine ? f(mine.eventsIn + mine.eventsOut) : "-", 8),
		pad(f(side.game.net.context.entities.size()), 8),
		pad(seen && seen.rtt > 0 ? f(seen.rtt * 1000) : "-", 6),
		pad(mine ? `${f(mine.budget * 100)}%` : "-", 6),
	];
	return cells.join("  ");
}

function header() {
	return [
		pad("time", 5, true),
		pad("client", 8, true),
		pad("in B/s", 9),
		pad("out B/s", 8),
		pad("events/s", 8),
		pad("entities", 8),
		pad("RTT ms", 6),
		pad("budget", 6),
	].join("  ");
}

/** The text of every TextLabel under the client's debug panel, in layout order. */
function panelText(peer: Peer): string[] {
	const gui = peer.localPlayer?.FindFirstChild("PlayerGui")?.FindFirstChild("SkyrocketDebug");
	const lines: string[] = [];
	const walk = (inst: Instance) => {
		const children = inst.GetChildren().filter((c): c is GuiObject => c.IsA("GuiObject"));
		children.sort((a, b) => a.LayoutOrder < b.LayoutOrder);
		for (const child of children) {
			if (child.IsA("TextLabel")) lines.push(child.Text);
			walk(child);
		}
	};
	if (gui !== undefined) walk(gui);
	return lines;
}

/** Compares a client's NPCs with the server's (canonical Transform, Health): the number of differences. */
function differences(server: ReturnType<typeof bootServer>, side: ClientSide): number {
	const sg = server.game;
	const cg = side.game;
	const codec = server.net.context.registry.byName.get("Transform")!.codec!;
	let wrong = 0;
	for (const e of server.logic.npcs) {
		const handle = server.net.handleOf(e);
		const mine = handle !== undefined ? cg.net.entityOf(handle) : undefined;
		if (mine === undefined || !cg.world.contains(mine)) {
			wrong += 1;
			continue;
		}
		const want = codec.canonical(sg.world.get(e, sg.Transform)!);
		const got = cg.world.get(mine, cg.Transform);
		if (got === undefined || !codec.equals(want, got) || cg.world.get(mine, cg.Health) !== sg.world.get(e, sg.Health)) wrong += 1;
	}
	// no NPC more than the server's (the property holders are entities too, and are not NPCs)
	let npcs = 0;
	for (const _ of cg.world.query(cg.Npc)) npcs += 1;
	if (npcs !== server.logic.npcs.size()) wrong += 1;
	return wrong;
}

export default function demo(harness: HarnessApi, args: DemoArgs) {
	const started = harness.cpuClock();
	const seconds = args.seconds ?? 12;
	const npcs = args.npcs ?? 500;
	const lateJoin = args.lateJoin ?? 5;
	const initial = args.clients ?? 3;
	const seed = args.seed ?? harness.seed;
	const activeUntil = seconds - QUIET;
	const sim = harness.simulate({ clients: 0, seed, link: LINK });
	print(
		`Skyrocket demo: server + ${initial} clients (+1 joining at ${lateJoin} s), ${npcs} moving NPCs, ` +
			`${LINK.latency * 1000} ms latency +-${LINK.jitter * 1000} ms, ${LINK.loss * 100}% loss on unreliable traffic, ` +
			`${seconds} simulated seconds (NPCs and shots stop at ${activeUntil} s)`,
	);
	const server = bootServer(sim, npcs, activeUntil, seed, args.record !== undefined);
	const clients: ClientSide[] = [];
	const join = () => {
		const peer = sim.addClient(LINK);
		clients.push(bootClient(sim, peer, seed * 100 + clients.size(), activeUntil));
	};
	for (let i = 0; i < initial; i++) join();
	// the first client opens its debug panel (F8), as a player would
	const panelSide = clients[0];
	const panel = panelSide.sky.debugPanel(panelSide.game.net, panelSide.profiler);

	print("");
	print(
		`budget: wire bytes per second the client received from the server over the server's per-player budget (${f(server.profiler.budget)} B/s), as its debug panel shows`,
	);
	print(header());
	let joined = false;
	let busyTable = "";
	let panelLines: string[] = [];
	const start = sim.time;
	for (let second = 1; second <= seconds; second++) {
		if (!joined && sim.time - start >= lateJoin - 1e-6) {
			joined = true;
			const at = sim.time - start;
			join();
			const loaded = sim.time - start;
			print(
				`${pad(string.format("%.0fs", at), 5, true)}  ${clients[clients.size() - 1].peer.name} joins late (loaded after ${string.format("%.2f", loaded - at)} s)`,
			);
		}
		if (second === activeUntil) panelSide.peer.pressKey(Enum.KeyCode.F8); // opens the panel during the last busy second
		sim.run(start + second - sim.time);
		clients.forEach((side, i) => {
			const time = i === 0 ? string.format("%.0fs", sim.time - start) : "";
			print(`${pad(time, 5, true)}  ${clientRow(server.profiler, side)}`);
		});
		if (second === activeUntil) {
			// the busiest moment: keep the server's full table and the panel's text for after the run
			busyTable = server.profiler.format();
			panelLines = panelText(panelSide.peer);
			panelSide.peer.pressKey(Enum.KeyCode.F8);
		}
	}
	panel.destroy();

	print("");
	print(`The server's profiler at ${activeUntil} s (profiler.format()):`);
	print(busyTable);
	print("");
	print(`${panelSide.peer.name}'s debug panel at ${activeUntil} s (F8), as its TextLabels read:`);
	for (const line of panelLines) print(`  ${line}`);

	print("");
	const results = clients.map((side) => {
		let wrong = differences(server, side);
		// the Hits property this client observed is the server's count for its player
		const serverHits = server.game.Hits.get(side.peer.serverPlayer) ?? 0;
		if (side.shooter.shown() !== serverHits) wrong += 1;
		print(
			`${side.peer.name}: ${side.game.net.context.entities.size()} entities, ${wrong === 0 ? "converged" : `${wrong} differ`}; ` +
				`fired ${side.shooter.fired()} shots, saw ${side.shooter.hits()} hits; Hits property ${side.shooter.shown()} (server ${serverHits}), leader ${side.shooter.leader()}`,
		);
		return wrong;
	});
	const errors = [sim.server, ...clients.map((c) => c.peer)].reduce((n, p) => n + p.errors.size(), 0);
	const converged = results.every((w) => w === 0) && clients.size() === initial + 1;
	const ok = converged && errors === 0 && server.logic.shots() > 0 && panelLines.size() > 0;
	print(`server handled ${server.logic.shots()} shots; ${errors} errors`);
	if (server.recorder !== undefined && args.record !== undefined) {
		server.recorder.stop();
		const data = server.recorder.save();
		harness.writeFile(args.record, data);
		print(
			`recorded the server's ${server.recorder.steps()} steps (${buffer.len(data)} bytes) to ${args.record}; replay: npx skyrocket-test replay ${args.record}`,
		);
	}
	print(
		ok
			? `demo OK: all ${clients.size()} clients converged to the server's ${npcs} NPCs (${string.format("%.1f", harness.cpuClock() - started)} s real time)`
			: `demo FAILED: converged=${converged}, errors=${errors}, shots=${server.logic.shots()}`,
	);
	sim.destroy();
	return { ok, converged, errors, clients: clients.size(), seconds };
}
