// The interim `npm start` scenario: a server and two clients exchange remote
// events both ways for a few simulated seconds over a lossy, laggy link, then
// print what each peer sent, received and lost. Runs in the harness's runner
// peer (test/harness/node/runDemo.ts calls it through Boot.runModule).
import type { HarnessApi, Peer, Simulation } from "../test/harness/Harness";

interface DemoArgs {
	seconds?: number;
	seed?: number;
	clients?: number;
}

interface PeerRow {
	name: string;
	bytesOut: number;
	callsOut: number;
	bytesIn: number;
	callsIn: number;
	lost: number;
}

const LATENCY = 0.08;
const LOSS = 0.2;
const ENTITIES = 8;
const STATE_EVERY = 3; // frames: 20 Hz at 60 Hz

/** Creates an instance owned by `peer` (the runner's own `new Instance` would belong to the runner). */
function make<T extends keyof CreatableInstances>(peer: Peer, className: T, parent: Instance, name: string) {
	const inst = new peer.globals.Instance(className);
	inst.Name = name;
	inst.Parent = parent;
	return inst;
}

function waitFor<T extends Instance>(sim: Simulation, parent: Instance, name: string): T {
	sim.runUntil(() => parent.FindFirstChild(name) !== undefined, 5);
	const found = parent.FindFirstChild(name);
	if (found === undefined) error(`${name} did not replicate to ${parent.GetFullName()}`);
	return found as T;
}

function row(peer: Peer): PeerRow {
	const s = peer.stats;
	return { name: peer.name, bytesOut: s.bytesOut, callsOut: s.callsOut, bytesIn: s.bytesIn, callsIn: s.callsIn, lost: s.lost };
}

function printTable(rows: PeerRow[], seconds: number) {
	print(string.format("%-8s %10s %8s %10s %8s %6s %9s", "peer", "bytes out", "calls", "bytes in", "calls", "lost", "out B/s"));
	for (const r of rows) {
		print(
			string.format("%-8s %10d %8d %10d %8d %6d %9.0f", r.name, r.bytesOut, r.callsOut, r.bytesIn, r.callsIn, r.lost, r.bytesOut / seconds),
		);
	}
}

export default function harnessDemo(harness: HarnessApi, args: DemoArgs) {
	const seconds = args.seconds ?? 5;
	const sim = harness.simulate({
		clients: args.clients ?? 2,
		seed: args.seed ?? harness.seed,
		link: { latency: LATENCY, jitter: 0.01, loss: LOSS },
	});
	print(`Skyrocket harness demo: server + ${sim.clients.size()} clients, ${LATENCY * 1000} ms latency, ` +
		`${LOSS * 100}% loss on unreliable remotes, ${seconds} simulated seconds`);

	// the server creates the remotes at run time; clients wait for them to replicate
	const server = sim.server;
	const folder = make(server, "Folder", server.game.GetService("ReplicatedStorage"), "Demo");
	const chat = make(server, "RemoteEvent", folder, "Chat");
	const state = make(server, "UnreliableRemoteEvent", folder, "State");

	// the server moves a few entities and streams their positions to everyone (unreliable, 20 Hz)
	const positions = new Array<Vector3>(ENTITIES, Vector3.zero);
	let frame = 0;
	let sending = false; // starts once every client has the remotes
	let chatsOnServer = 0;
	let chatsSent = 0;
	let inputsOnServer = 0;
	server.game.GetService("RunService").Heartbeat.Connect(() => {
		if (!sending) return;
		frame++;
		for (let i = 0; i < ENTITIES; i++) {
			const angle = sim.time + (i * math.pi * 2) / ENTITIES;
			positions[i] = new Vector3(math.cos(angle) * 20, 0, math.sin(angle) * 20);
		}
		if (frame % STATE_EVERY === 0) state.FireAllClients(frame, positions);
		if (frame % 60 === 0) chat.FireAllClients(`server tick ${frame}`);
	});
	chat.OnServerEvent.Connect(() => chatsOnServer++);
	state.OnServerEvent.Connect(() => inputsOnServer++);

	// each client sends inputs (unreliable, 20 Hz) and a chat line every half second (reliable)
	const received = new Map<string, { states: number; chats: number }>();
	for (const client of sim.clients) {
		const demo = waitFor<Folder>(sim, client.game.GetService("ReplicatedStorage"), "Demo");
		const clientChat = waitFor<RemoteEvent>(sim, demo, "Chat");
		const clientState = waitFor<UnreliableRemoteEvent>(sim, demo, "State");
		const counts = { states: 0, chats: 0 };
		received.set(client.name, counts);
		clientState.OnClientEvent.Connect(() => counts.states++);
		clientChat.OnClientEvent.Connect(() => counts.chats++);
		let n = 0;
		client.game.GetService("RunService").Heartbeat.Connect(() => {
			if (!sending) return;
			n++;
			if (n % STATE_EVERY === 0) clientState.FireServer(n, new Vector3(n % 7, 0, 1));
			if (n % 30 === 0) {
				chatsSent++;
				clientChat.FireServer(`hello from ${client.name} #${n / 30}`);
			}
		});
	}

	const start = sim.time;
	sending = true;
	sim.run(seconds);
	const elapsed = sim.time - start;
	sending = false;
	sim.run(1); // let in-flight messages land before counting

	const rows = [row(server), ...sim.clients.map(row)];
	printTable(rows, elapsed);
	for (const client of sim.clients) {
		const counts = received.get(client.name)!;
		print(`${client.name} received ${counts.states} state updates and ${counts.chats} chat lines`);
	}
	print(`Server received ${inputsOnServer} inputs and ${chatsOnServer} chat lines`);
	for (const remote of [chat, state]) {
		const r = server.stats.remotes.get(remote.GetFullName());
		if (r) print(`  ${remote.GetFullName()} (${remote.ClassName}): server sent ${r.bytesOut} B in ${r.callsOut} calls, received ${r.bytesIn} B in ${r.callsIn} calls`);
	}

	const errors = [server, ...sim.clients].reduce((n, p) => n + p.errors.size(), 0);
	const lost = rows.reduce((n, r) => n + r.lost, 0);
	// reliable chat must all arrive despite the loss; the unreliable stream must have lost some
	const ok = errors === 0 && chatsSent > 0 && chatsOnServer === chatsSent && lost > 0;
	print(ok ? "demo OK" : `demo FAILED: ${errors} errors, ${chatsOnServer}/${chatsSent} reliable chats, ${lost} lost`);
	sim.destroy();
	return { ok, seconds: elapsed, errors, lost, chatsSent, chatsOnServer, inputsOnServer, peers: rows };
}
