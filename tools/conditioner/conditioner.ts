/**
 * The network conditioner: a middleware that makes Skyrocket's own traffic
 * behave as over a bad network, so you can try your game under lag and loss
 * in Studio. It wraps the net's transport: outgoing packets (and, if asked,
 * incoming ones) wait `latency` +- `jitter` seconds, measured on the net
 * step's clock, and unreliable packets are dropped with probability `loss`.
 * Reliable packets are never dropped and keep their order (jitter only
 * delays them); unreliable ones may arrive out of order, as on a real link.
 * Figures change at run time with `set()`.
 *
 * ```ts
 * const conditioner = condition(net, { latency: 0.1, jitter: 0.02, loss: 0.1 });
 * conditioner.set({ loss: 0.3 });      // at run time, e.g. from a debug command
 * conditioner.set({ enabled: false }); // back to the plain network
 * ```
 *
 * It only runs in Studio unless you pass `{ studioOnly: false }`, so a
 * forgotten conditioner never slows down live players. Use it on the server,
 * on a client, or both (each side conditions what it sends: enable it on both
 * sides for a round trip).
 *
 * One file past the ~300-line guide: the option checks, the two transport
 * wrappers (server, client) and the held-packet queues they share are read
 * and changed together (releasing held packets is releasePackets.ts).
 */
import { RunService } from "@rbxts/services";
import type { ClientNet } from "../../src/net/client";
import type { ServerNet } from "../../src/net/server";
import { ClientPhase, ServerPhase } from "../../src/schedule/phases";
import { Incoming } from "../../src/transport/transport";
import { releasePackets } from "./releasePackets";
import { isServerNet, wrapClientTransport, wrapServerTransport } from "../transportWrap";

/** What the conditioner does; every field is optional in `set()` (only the given ones change). */
export interface ConditionerSettings {
	/** Added one-way delay in seconds (default 0). */
	latency?: number;
	/** Each packet's delay varies uniformly within +-jitter seconds (default 0); never below zero. */
	jitter?: number;
	/** Probability (0..1) that an unreliable packet is dropped (default 0). Reliable packets are never dropped. */
	loss?: number;
	/** Condition the packets this side sends (default true). */
	outgoing?: boolean;
	/** Condition the packets this side receives too (default false): the same figures apply. */
	incoming?: boolean;
	/** Whether the conditioner acts at all (default true); turning it off sends what waits at once. */
	enabled?: boolean;
}

export interface ConditionerOptions extends ConditionerSettings {
	/** Seed of the conditioner's random numbers (default 1): the same seed drops the same packets. */
	seed?: number;
	/** Only act when RunService:IsStudio() (default true); elsewhere it passes packets through and warns once. */
	studioOnly?: boolean;
}

/** Counters of one direction, since the conditioner started. */
export interface ConditionerCounters {
	/** Packets that went through the conditioner, by channel (dropped ones included). */
	reliable: number;
	unreliable: number;
	/** Unreliable packets dropped. */
	dropped: number;
	/** Packets waiting for their time now. */
	waiting: number;
}

interface Held {
	due: number;
	reliable: boolean;
	player?: Player;
	data: unknown;
}

/** Packets of one direction waiting for their time, in (due, arrival) order. */
class Lane {
	list: Held[] = [];
	/** Per link: when the last reliable packet is due (reliable packets keep their order). */
	readonly lastReliable = new Map<Player | "server", number>();
	readonly counters: ConditionerCounters = { reliable: 0, unreliable: 0, dropped: 0, waiting: 0 };

	insert(item: Held) {
		const list = this.list;
		let i = list.size();
		// most packets are due after those already waiting: walk back from the end
		while (i > 0 && list[i - 1].due > item.due) i -= 1;
		list.insert(i, item);
		this.counters.waiting = list.size();
	}

	/** Removes and returns the packets due by `now` (all of them when `now` is math.huge). */
	take(now: number): Held[] {
		const list = this.list;
		let n = 0;
		// a small tolerance: the net clock is a sum of frame times and would otherwise round a 0.1 s delay up a frame
		while (n < list.size() && list[n].due <= now + 1e-6) n += 1;
		if (n === 0) return [];
		const out: Held[] = [];
		const rest: Held[] = [];
		for (let i = 0; i < list.size(); i++) (i < n ? out : rest).push(list[i]);
		this.list = rest;
		this.counters.waiting = rest.size();
		return out;
	}

	/** Forgets a departed player's packets. */
	forget(player: Player) {
		this.list = this.list.filter((h) => h.player !== player);
		this.lastReliable.delete(player);
		this.counters.waiting = this.list.size();
	}
}

function check(settings: ConditionerSettings) {
	const { latency, jitter, loss } = settings;
	if (latency !== undefined && !(latency >= 0 && latency < math.huge))
		error(`Skyrocket: conditioner latency must be a number of seconds >= 0, got ${latency}`, 3);
	if (jitter !== undefined && !(jitter >= 0 && jitter < math.huge))
		error(`Skyrocket: conditioner jitter must be a number of seconds >= 0, got ${jitter}`, 3);
	if (loss !== undefined && !(loss >= 0 && loss <= 1)) error(`Skyrocket: conditioner loss is a probability from 0 to 1, got ${loss}`, 3);
}

export class Conditioner {
	private latency = 0;
	private jitter = 0;
	private loss = 0;
	private outgoing = true;
	private incoming = false;
	private enabled = true;
	/** False outside Studio when studioOnly: packets pass through untouched. */
	readonly allowed: boolean;
	private readonly random: Random;
	private readonly out = new Lane();
	private readonly into = new Lane();
	private stopped = false;
	private readonly system: () => void;
	private readonly clock: () => number;

	constructor(
		private readonly net: ServerNet | ClientNet,
		options: ConditionerOptions = {},
	) {
		check(options);
		this.random = new Random(options.seed ?? 1);
		this.allowed = options.studioOnly === false || RunService.IsStudio();
		if (!this.allowed) {
			warn(
				"Skyrocket: the network conditioner only runs in Studio, so it is passing packets through. Pass { studioOnly: false } to use it elsewhere.",
			);
		}
		this.apply(options);
		this.clock = () => net.context.time;
		// eslint-disable-next-line @typescript-eslint/no-this-alias -- the wrappers' methods run with the wrapper as self
		const conditioner = this;
		net.addDebugSize("conditioner links", () => {
			let n = 0;
			for (const lane of [this.out, this.into]) for (const [key] of lane.lastReliable) if (key !== "server") n += 1;
			return n;
		});
		if (isServerNet(net)) {
			wrapServerTransport(net, (inner) => {
				const send = (held: Held) => {
					if (held.reliable) inner.sendReliable(held.player!, held.data as buffer);
					else inner.sendUnreliable(held.player!, held.data as buffer);
				};
				conditioner.sendOut = send;
				return {
					sendReliable(player, data) {
						conditioner.offerOut(player, data, true, send);
					},
					sendUnreliable(player, data) {
						conditioner.offerOut(player, data, false, send);
					},
					drain() {
						return conditioner.filterIn(inner.drain());
					},
					drainJoins() {
						return inner.drainJoins();
					},
					drainLeaves() {
						const left = inner.drainLeaves();
						for (const player of left) {
							conditioner.out.forget(player);
							conditioner.into.forget(player);
						}
						return left;
					},
					destroy() {
						inner.destroy();
					},
				};
			});
		} else {
			wrapClientTransport(net, (inner) => {
				const send = (held: Held) => {
					if (held.reliable) inner.sendReliable(held.data as buffer);
					else inner.sendUnreliable(held.data as buffer);
				};
				conditioner.sendOut = send;
				return {
					ready() {
						return inner.ready();
					},
					sendReliable(data) {
						conditioner.offerOut(undefined, data, true, send);
					},
					sendUnreliable(data) {
						conditioner.offerOut(undefined, data, false, send);
					},
					drain() {
						return conditioner.filterIn(inner.drain());
					},
					destroy() {
						inner.destroy();
					},
				};
			});
		}
		this.system = releasePackets(this, this.clock);
		if (isServerNet(net)) net.use(this.system, { after: ServerPhase.Send }, "conditioner");
		else net.use(this.system, { after: ClientPhase.Send }, "conditioner");
	}

	private sendOut: (held: Held) => void = () => {};

	private apply(settings: ConditionerSettings) {
		if (settings.latency !== undefined) this.latency = settings.latency;
		if (settings.jitter !== undefined) this.jitter = settings.jitter;
		if (settings.loss !== undefined) this.loss = settings.loss;
		if (settings.outgoing !== undefined) this.outgoing = settings.outgoing;
		if (settings.incoming !== undefined) this.incoming = settings.incoming;
		if (settings.enabled !== undefined) this.enabled = settings.enabled;
	}

	private acting(): boolean {
		return this.allowed && this.enabled && !this.stopped;
	}

	/** Changes the given figures from now on (packets already waiting keep their time). */
	set(settings: ConditionerSettings) {
		check(settings);
		this.apply(settings);
		if (!this.acting() || !this.outgoing) this.flushOut();
	}

	/** The figures in force. */
	settings(): Required<ConditionerSettings> {
		return {
			latency: this.latency,
			jitter: this.jitter,
			loss: this.loss,
			outgoing: this.outgoing,
			incoming: this.incoming,
			enabled: this.enabled && this.allowed && !this.stopped,
		};
	}

	/** Counters per direction since the conditioner started. */
	stats(): { outgoing: ConditionerCounters; incoming: ConditionerCounters } {
		return { outgoing: table.clone(this.out.counters), incoming: table.clone(this.into.counters) };
	}

	/** Decides a packet's fate: undefined when dropped, else when it is due. */
	private schedule(lane: Lane, key: Player | "server", reliable: boolean): number | undefined {
		const now = this.clock();
		if (reliable) lane.counters.reliable += 1;
		else lane.counters.unreliable += 1;
		if (!reliable && this.loss > 0 && this.random.NextNumber() < this.loss) {
			lane.counters.dropped += 1;
			return undefined;
		}
		let delay = this.latency;
		if (this.jitter > 0) delay = math.max(0, delay + this.jitter * (2 * this.random.NextNumber() - 1));
		let due = now + delay;
		if (reliable) {
			due = math.max(due, lane.lastReliable.get(key) ?? -math.huge);
			lane.lastReliable.set(key, due);
		}
		return due;
	}

	private offerOut(player: Player | undefined, data: unknown, reliable: boolean, send: (held: Held) => void) {
		const held: Held = { due: 0, reliable, player, data };
		if (!this.acting() || !this.outgoing) {
			// keep reliable order behind packets still waiting
			if (this.out.list.size() > 0) this.flushOut();
			send(held);
			return;
		}
		const due = this.schedule(this.out, player ?? "server", reliable);
		if (due === undefined) return;
		held.due = due;
		this.out.insert(held);
	}

	private filterIn(list: Incoming[]): Incoming[] {
		if (!this.acting() || !this.incoming) {
			if (this.into.list.size() === 0) return list;
			const out: Incoming[] = [];
			for (const h of this.into.take(math.huge)) out.push({ player: h.player, data: h.data, reliable: h.reliable });
			for (const i of list) out.push(i);
			return out;
		}
		for (const incoming of list) {
			const due = this.schedule(this.into, incoming.player ?? "server", incoming.reliable);
			if (due === undefined) continue;
			this.into.insert({ due, reliable: incoming.reliable, player: incoming.player, data: incoming.data });
		}
		const out: Incoming[] = [];
		for (const h of this.into.take(this.clock())) out.push({ player: h.player, data: h.data, reliable: h.reliable });
		return out;
	}

	/** Hands the outgoing packets due by `now` to the transport (the releasePackets system calls it after the send phase). */
	release(now: number) {
		if (this.out.list.size() === 0) return;
		for (const held of this.out.take(now)) this.sendOut(held);
	}

	private flushOut() {
		this.release(math.huge);
	}

	/** Sends whatever waits, passes packets through from now on and leaves the pipeline. */
	stop() {
		if (this.stopped) return;
		this.stopped = true;
		this.flushOut();
		this.net.pipeline.remove(this.system);
	}
}

/**
 * Conditions `net`'s traffic (server or client): see ConditionerOptions. The
 * conditioner acts from the next packet; change it with `set()`.
 */
export function condition(net: ServerNet | ClientNet, options?: ConditionerOptions): Conditioner {
	return new Conditioner(net, options);
}
