/**
 * The security specs' arena: a server with moving replicated entities, an
 * honest client (a real Skyrocket client net that chats and receives the
 * server's news) and a hostile peer that speaks Skyrocket's wire by hand
 * through the real remotes (it has no net: every byte it sends is chosen by
 * the spec). `settle` then checks what every attack must leave intact: no
 * error escaped, the server stepped every frame, the honest client converged
 * and got its events.
 */
import type { Entity, World } from "@rbxts/jecs";
import type { LinkOptions, Peer } from "@rbxts/skyrocket-test";
import { netSim, NetSim, Side, Sky, Jecs } from "../../support/net";
import { worldDiff } from "../../support/worldDiff";
import type { ServerNet } from "../../../src/net/server";
import type { ClientNet } from "../../../src/net/client";
import type { ClientEventHandle, ServerConfig, ServerEventHandle } from "../../../src";
import type { Writer } from "../../../src/codec";
import { Op, PacketKind } from "../../../src/wire/protocol";
import { assertEqual, check } from "../../support/check";

export interface ArenaComponents {
	Position: Entity<Vector3>;
	Health: Entity<number>;
}

/** Speaks the client side of Skyrocket's wire by hand, through the real remotes of its peer. */
export class Hostile {
	private reliableSeq = 0;
	private unreliableSeq = 0;
	private readonly payload: Writer;

	/** The codec module (writers) of the server's copy of Skyrocket. */
	readonly k: Sky["codec"];
	/** The server's Player for this peer. */
	readonly player: Player;

	constructor(
		readonly peer: Peer,
		readonly server: Side<ServerNet, ArenaComponents>,
	) {
		this.k = server.sky.codec;
		this.payload = this.k.newWriter(64);
		this.player = peer.serverPlayer;
	}

	remote(reliable: boolean): RemoteEvent {
		const folder = this.peer.game.GetService("ReplicatedStorage").WaitForChild("SkyrocketNet");
		return folder.WaitForChild(reliable ? "Reliable" : "Unreliable") as RemoteEvent;
	}

	/** A packet: kind, the channel's next number (or `seq`), then what `body` writes. */
	build(reliable: boolean, body: (w: Writer) => void, seq?: number): buffer {
		const k = this.k;
		const w = k.newWriter(64);
		k.writeU8(w, reliable ? PacketKind.ClientReliable : PacketKind.ClientUnreliable);
		if (seq === undefined) {
			if (reliable) seq = ++this.reliableSeq;
			else seq = ++this.unreliableSeq;
		}
		k.writeVarUint(w, seq);
		body(w);
		return k.toBuffer(w);
	}

	fire(reliable: boolean, data: buffer) {
		this.remote(reliable).FireServer(data);
	}

	send(reliable: boolean, body: (w: Writer) => void) {
		this.fire(reliable, this.build(reliable, body));
	}

	hello() {
		this.send(true, (w) => {
			this.k.writeU8(w, Op.Hello);
			this.k.writeVarUint(w, 2);
		});
	}

	/** The server's wire id of an event or request. */
	idOf(name: string): number {
		return this.server.net.events.registry.byName.get(name)!.id;
	}

	/** An Event record: op, id, payload length, payload (written by `payload`). */
	event(w: Writer, name: string, payload: (p: Writer) => void) {
		this.k.writeU8(w, Op.Event);
		this.k.writeVarUint(w, this.idOf(name));
		this.lengthPrefixed(w, payload);
	}

	/** A Request record: op, request id, id, payload length, payload. */
	request(w: Writer, requestId: number, name: string, payload: (p: Writer) => void) {
		this.k.writeU8(w, Op.Request);
		this.k.writeVarUint(w, requestId);
		this.k.writeVarUint(w, this.idOf(name));
		this.lengthPrefixed(w, payload);
	}

	/** A clock Ping record. */
	ping(w: Writer, time: number) {
		this.k.writeU8(w, Op.Ping);
		this.k.writeF64(w, time);
	}

	private lengthPrefixed(w: Writer, payload: (p: Writer) => void) {
		const p = this.payload;
		this.k.resetWriter(p);
		payload(p);
		this.k.writeVarUint(w, p.p);
		this.k.writeBytes(w, p.b, 0, p.p);
	}
}

export interface ArenaOptions {
	seed: number;
	serverConfig?: ServerConfig;
	link?: LinkOptions;
	/** Moving entities the server replicates (default 20). */
	entities?: number;
	/** More registration, both sides (events, predictions...). */
	register?: (net: ServerNet | ClientNet, c: ArenaComponents, world: World, sky: Sky, jecs: Jecs) => void;
	/** Setup on the server before anyone joins (interest...). */
	server?: (side: Side<ServerNet, ArenaComponents>) => void;
	/** Whether the hostile peer says hello (default true). */
	hello?: boolean;
}

export interface Arena extends NetSim<ArenaComponents> {
	readonly honest: Side<ClientNet, ArenaComponents>;
	readonly hostile: Hostile;
	readonly entities: Entity[];
	/** Honest chats the server's game saw, by chat number (each must be seen exactly once). */
	readonly chatsSeen: Map<number, number>;
	/** Chats the honest client sent, news the server sent and the honest client received. */
	readonly counts: { chatsSent: number; newsSent: number; newsReceived: number; frames: number; steps: number };
	/** Stops moving, chatting and broadcasting. */
	readonly calm: () => void;
}

/** Boots the arena (see the file comment) and runs 1 s so the honest client is in sync. */
export function arena(options: ArenaOptions): Arena {
	print(`security arena seed ${options.seed}`);
	const handles = new Map<ServerNet | ClientNet, [unknown, unknown]>();
	const ns = netSim<ArenaComponents>({
		sim: { clients: 1, seed: options.seed, link: options.link ?? { latency: 0.03 } },
		serverConfig: options.serverConfig,
		define: (jecs) => ({ Position: jecs.component<Vector3>(), Health: jecs.component<number>() }),
		register: (net, c, world, sky, jecs) => {
			const k = sky.codec;
			world.set(c.Position, jecs.Name, "Position");
			world.set(c.Health, jecs.Name, "Health");
			net.replicate(c.Position, { codec: k.vector3({ precision: 1 / 64 }), channel: "unreliable" });
			net.replicate(c.Health, k.u16);
			const chat = net.event("Chat", { codec: k.u32, from: "client" });
			const news = net.event("News", { codec: k.u16, from: "server" });
			handles.set(net, [chat, news]);
			options.register?.(net, c, world, sky, jecs);
		},
		server: options.server,
	});
	const { server, sim } = ns;
	const honest = ns.clients[0];
	const hostilePeer = sim.addClient(options.link ?? { latency: 0.03 });
	const hostile = new Hostile(hostilePeer, server);
	const world = server.world;
	const rng = new Random(options.seed);
	const entities: Entity[] = [];
	for (let i = 0; i < (options.entities ?? 20); i++) {
		const e = world.entity();
		world.set(e, server.c.Position, new Vector3(rng.NextInteger(-50, 50), 0, rng.NextInteger(-50, 50)));
		world.set(e, server.c.Health, 100);
		entities.push(e);
	}
	const [chatS, newsS] = handles.get(server.net) as [ServerEventHandle<number>, ServerEventHandle<number>];
	const [chatC, newsC] = handles.get(honest.net) as [ClientEventHandle<number>, ClientEventHandle<number>];
	const counts = { chatsSent: 0, newsSent: 0, newsReceived: 0, frames: 0, steps: 0 };
	const chatsSeen = new Map<number, number>();
	let active = true;
	let frame = 0;
	server.game = () => {
		frame += 1;
		for (const [, n, sender] of chatS.incoming()) {
			if (sender === honest.peer.serverPlayer) chatsSeen.set(n, (chatsSeen.get(n) ?? 0) + 1);
		}
		if (!active) return;
		for (let i = 0; i < 5; i++) {
			const e = entities[rng.NextInteger(0, entities.size() - 1)];
			const p = world.get(e, server.c.Position)!;
			world.set(e, server.c.Position, p.add(new Vector3(rng.NextNumber(-1, 1), 0, rng.NextNumber(-1, 1))));
		}
		if (frame % 30 === 0) world.set(entities[frame % entities.size()], server.c.Health, frame % 1000);
		if (frame % 10 === 0) {
			newsS.broadcast(frame % 65536);
			counts.newsSent += 1;
		}
	};
	let honestFrame = 0;
	honest.game = () => {
		honestFrame += 1;
		for (const _ of newsC.incoming()) counts.newsReceived += 1;
		if (active && honestFrame % 6 === 0) {
			counts.chatsSent += 1;
			chatC.send(counts.chatsSent);
		}
	};
	// the server must finish every step: count Heartbeats and completed cleanups
	server.peer.game.GetService("RunService").Heartbeat.Connect(() => (counts.frames += 1));
	server.net.use(() => (counts.steps += 1), { after: server.sky.ServerPhase.Cleanup }, "count finished steps");
	if (options.hello !== false) hostile.hello();
	sim.run(1);
	return {
		...ns,
		honest,
		hostile,
		entities,
		chatsSeen,
		counts,
		calm: () => {
			active = false;
		},
	};
}

export interface SettleOptions {
	/** Server errors that are expected (e.g. a game system that throws on purpose): matched by this pattern. */
	expectedErrors?: string;
	/** With area of interest: the server entities the honest client should hold (see worldDiff). */
	only?: (e: Entity) => boolean;
}

/**
 * After an attack: stops the honest traffic, runs 1.5 s, then checks (a) no
 * error escaped on the server or the honest client and the server finished
 * every step, (b) the honest client holds exactly the server's world, every
 * honest chat reached the server's game once and every news reached the
 * honest client.
 */
export function settle(a: Arena, options: SettleOptions = {}) {
	a.calm();
	a.sim.run(1.5);
	const errors = a.sim.server.errors.filter(
		(e) => options.expectedErrors === undefined || e.find(options.expectedErrors)[0] === undefined,
	);
	assertEqual(errors.size(), 0, `no unexpected error on the server (first: ${errors[0]})`);
	assertEqual(a.honest.peer.errors.size(), 0, `no error on the honest client (first: ${a.honest.peer.errors[0]})`);
	assertEqual(a.counts.steps, a.counts.frames, "the server finishes a net step every frame");
	const diff = worldDiff(a.server, a.honest, a.honest.peer.serverPlayer, 10, options.only);
	assertEqual(diff.size(), 0, `the honest client holds exactly the server's world (${diff.join("; ")})`);
	let seenOnce = 0;
	for (const [n, times] of a.chatsSeen) {
		assertEqual(times, 1, `honest chat ${n} reaches the server's game exactly once`);
		seenOnce += 1;
	}
	assertEqual(seenOnce, a.counts.chatsSent, "every honest chat reaches the server's game");
	check(a.counts.newsSent > 0, "the server broadcast news");
	assertEqual(a.counts.newsReceived, a.counts.newsSent, "the honest client receives every news");
}
