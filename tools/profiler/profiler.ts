/**
 * The profiler: a middleware that measures a net in windows of one second
 * (by default): bytes and calls per player and per remote, calls and bytes
 * per event, bytes and values per replicated component (server), RTT per
 * player, dropped and rate-limited counts, and each player's bandwidth use
 * against a budget. Read the newest window with `snapshot()`, or print
 * `format()`.
 *
 * ```ts
 * const profiler = profile(net); // server or client
 * task.delay(5, () => print(profiler.format()));
 * ```
 *
 * Traffic is measured where packets cross the transport (install the
 * conditioner after the profiler to measure what Skyrocket sends rather than
 * what survives it); drops, RTT and event counters come from the net's own
 * stats. Per-component bytes are sized with the components' codecs as the
 * encoder writes them (values only; entity, record and packet headers are
 * overhead): measuring them costs about one more encode per value, so pass
 * `{ components: false }` where that matters.
 */
import { Players } from "@rbxts/services";
import type { ClientNet } from "../../src/net/client";
import type { ServerNet } from "../../src/net/server";
import { ClientPhase, ServerPhase } from "../../src/schedule/phases";
import { Placement, System } from "../../src/schedule/pipeline";
import { ConnectionState } from "../../src/server/connection";
import { WireKind } from "../../src/wire/protocol";
import { EventCounters, NetStatsData } from "../../components/stats";
import { measureReliableBytes } from "./measureReliableBytes";
import { measureMutationBytes } from "./measureMutationBytes";
import { wireSummary } from "../../src/core/describeWire";
import { sampleProfiler } from "./sampleProfiler";
import { addFlow, ComponentTally, Flow, LinkTally, newFlow, newLinkTally } from "./tally";
import { isServerNet, wrapClientTransport, wrapServerTransport } from "../transportWrap";
import { columns, count, ms, percent } from "../format";
import { describeRecording, RecordingStatus, recordingStatus } from "../recorder/status";

export interface ProfilerOptions {
	/** Seconds per window (default 1): figures are per second, averaged over a window. */
	window?: number;
	/**
	 * Bytes per second per player that count as 100% of the budget. Default:
	 * the server's own bandwidth budget (`bandwidth.perPlayer`; a client
	 * learns it from the server's first packet) when it has one, else 50,000
	 * (about what Roblox sends a player before data queues). Budget use is one
	 * figure on both sides: estimated wire bytes per second on the link from
	 * the server to the client over this budget, as measured on each side
	 * (the server counts what it sends, a client what it receives: they
	 * differ by what the link lost).
	 */
	budget?: number;
	/** Measure bytes per replicated component (server only; default true). */
	components?: boolean;
}

/** Traffic in one direction, per second over the window (or totals, in `total`). */
export interface TrafficFigures {
	/** Payload bytes (what Skyrocket encoded). */
	bytes: number;
	/** Remote calls (packets). */
	calls: number;
	/** Estimated bytes on the wire: payload plus Roblox's per-call overhead (README, wire cost model). */
	wire: number;
}

/** One link: a player (on the server) or the server (on a client). */
export interface PlayerFigures {
	/** The player's name; "server" on a client. */
	readonly name: string;
	readonly player?: Player;
	/** Sent to this peer, per second. */
	readonly out: TrafficFigures;
	/** Received from this peer, per second. */
	readonly in: TrafficFigures;
	/** Events (and requests) sent to / received from this peer, per second. */
	readonly eventsOut: number;
	readonly eventsIn: number;
	/**
	 * Round-trip time in seconds: Skyrocket's estimate from acknowledgements
	 * (server); on a client, the shared clock's estimate (Roblox's
	 * Player:GetNetworkPing() until the first clock sample).
	 */
	readonly rtt: number;
	/** Incoming packets and events dropped (firewall, malformed, guards) in this window, and since connecting. */
	readonly dropped: number;
	readonly droppedTotal: number;
	/** Incoming events dropped by rate or flood limits in this window, and since connecting. */
	readonly rateLimited: number;
	readonly rateLimitedTotal: number;
	/** Incoming events rejected by validation or middleware since connecting. */
	readonly rejectedTotal: number;
	/** Unreliable packets never acknowledged, since connecting (server). */
	readonly mutationsLostTotal: number;
	/** Unreliable entity updates that waited for bandwidth in this window (server, with a bandwidth budget). */
	readonly deferred: number;
	/** Bandwidth use: wire bytes per second sent to the player (client: received) over the budget. */
	readonly budget: number;
	/** Replicated entities this peer has (server: that player's view; client: its mirror). */
	readonly entities: number;
	/** Traffic since the profiler started, totals. */
	readonly total: { readonly out: TrafficFigures; readonly in: TrafficFigures };
}

/** One remote (Skyrocket's reliable RemoteEvent or its UnreliableRemoteEvent), all links summed. */
export interface RemoteFigures {
	readonly name: "Reliable" | "Unreliable";
	readonly out: TrafficFigures;
	readonly in: TrafficFigures;
	readonly total: { readonly out: TrafficFigures; readonly in: TrafficFigures };
}

/** One event or request, all links summed, per second (drop counts are for the window). */
export interface EventFigures {
	readonly name: string;
	readonly sent: number;
	/** Decoded from the wire, including those guards or middleware dropped after. */
	readonly received: number;
	/** Received and let through: received minus rate-limited and rejected. */
	readonly accepted: number;
	/** Payload bytes of the event records (sent and received as the net counts them). */
	readonly bytes: number;
	readonly rateLimited: number;
	readonly rejected: number;
}

/** One replicated component, tag or relation (server), all players summed, per second. */
export interface ComponentFigures {
	readonly name: string;
	readonly kind: "component" | "tag" | "relation";
	readonly channel: "reliable" | "unreliable";
	/** Values (records) written per second. */
	readonly values: number;
	/** Bytes of those values per second. */
	readonly bytes: number;
}

export interface ProfilerSnapshot {
	readonly side: "server" | "client";
	/** Windows completed so far (0: none yet, figures are empty). */
	readonly index: number;
	/** Net time (seconds) at the end of the window, and the window's length. */
	readonly time: number;
	readonly window: number;
	/** The budget figure in bytes per second per player. */
	readonly budget: number;
	readonly players: readonly PlayerFigures[];
	readonly remotes: readonly RemoteFigures[];
	readonly events: readonly EventFigures[];
	readonly components: readonly ComponentFigures[];
	/** The worst-case size report in one line (net.describeWire()): the largest unreliable worst case and what can exceed the limit. */
	readonly wire: string;
	/** All links summed, per second. */
	readonly totals: { readonly out: TrafficFigures; readonly in: TrafficFigures; readonly events: number };
	/** The net's recorder (record()), when one was started: whether it records, and what it keeps. */
	readonly recording?: RecordingStatus;
}

/** Cumulative counters of one link at a window's end. */
interface Sample {
	readonly reliableOut: Flow;
	readonly unreliableOut: Flow;
	readonly reliableIn: Flow;
	readonly unreliableIn: Flow;
	readonly dropped: number;
	readonly rateLimited: number;
	readonly rejected: number;
	readonly deferred: number;
	readonly events: Map<string, EventCounters>;
}

const ZERO_FLOW: Flow = newFlow();
const EMPTY_SAMPLE: Sample = {
	reliableOut: ZERO_FLOW,
	unreliableOut: ZERO_FLOW,
	reliableIn: ZERO_FLOW,
	unreliableIn: ZERO_FLOW,
	dropped: 0,
	rateLimited: 0,
	rejected: 0,
	deferred: 0,
	events: new Map(),
};

function copyFlow(f: Flow): Flow {
	return { bytes: f.bytes, calls: f.calls, wire: f.wire };
}

function sumFlows(a: Flow, b: Flow): Flow {
	return { bytes: a.bytes + b.bytes, calls: a.calls + b.calls, wire: a.wire + b.wire };
}

function rate(cur: Flow, prev: Flow, seconds: number): TrafficFigures {
	return { bytes: (cur.bytes - prev.bytes) / seconds, calls: (cur.calls - prev.calls) / seconds, wire: (cur.wire - prev.wire) / seconds };
}

function addInto(into: TrafficFigures, f: TrafficFigures) {
	into.bytes += f.bytes;
	into.calls += f.calls;
	into.wire += f.wire;
}

function zeroFigures(): TrafficFigures {
	return { bytes: 0, calls: 0, wire: 0 };
}

function takeSample(link: LinkTally, stats: NetStatsData): Sample {
	let rateLimited = 0;
	let rejected = 0;
	const events = new Map<string, EventCounters>();
	for (const [name, c] of stats.events) {
		rateLimited += c.rateLimited;
		rejected += c.rejected;
		events.set(name, { received: c.received, sent: c.sent, rateLimited: c.rateLimited, rejected: c.rejected, bytes: c.bytes });
	}
	return {
		reliableOut: copyFlow(link.reliableOut),
		unreliableOut: copyFlow(link.unreliableOut),
		reliableIn: copyFlow(link.reliableIn),
		unreliableIn: copyFlow(link.unreliableIn),
		dropped: stats.dropped,
		rateLimited,
		rejected,
		deferred: (stats as { deferred?: number }).deferred ?? 0,
		events,
	};
}

function emptySnapshot(side: "server" | "client", budget: number): ProfilerSnapshot {
	return {
		side,
		index: 0,
		time: 0,
		window: 0,
		budget,
		players: [],
		remotes: [],
		events: [],
		components: [],
		wire: "",
		totals: { out: zeroFigures(), in: zeroFigures(), events: 0 },
	};
}

export class Profiler {
	readonly side: "server" | "client";
	/** Seconds per window. */
	readonly window: number;
	/** Bytes per second per player counted as 100% (see ProfilerOptions.budget; a client's follows the server's once known). */
	budget: number;
	private readonly configuredBudget?: number;
	private last: ProfilerSnapshot;
	private windowStart: number;
	private index = 0;
	private active = true;
	private readonly links = new Map<Player | "server", LinkTally>();
	private readonly previous = new Map<Player | "server", Sample>();
	private readonly componentTally: ComponentTally = new Map();
	private previousComponents: ComponentTally = new Map();
	private readonly systems: System[] = [];

	constructor(
		private readonly net: ServerNet | ClientNet,
		options: ProfilerOptions = {},
	) {
		this.window = options.window ?? 1;
		this.configuredBudget = options.budget;
		this.budget = budgetFigure(net, options.budget);
		if (this.window <= 0) error(`Skyrocket: the profiler's window must be positive, got ${this.window}`, 3);
		this.side = isServerNet(net) ? "server" : "client";
		if (isServerNet(net)) {
			// a player who left: their rows go at once (debugSizes shows it)
			net.context.onLeave.push((player) => {
				this.links.delete(player);
				this.previous.delete(player);
			});
		}
		net.addDebugSize("profiler links", () => {
			let n = 0;
			for (const [key] of this.links) if (key !== "server") n += 1;
			return n;
		});
		this.last = emptySnapshot(this.side, this.budget);
		this.windowStart = net.context.time;
		const measureComponents = options.components !== false;
		// the transport wrappers' methods are called with the transport as self
		const profiler = this;
		// the two sides' phases share the names the profiler uses (encode, cleanup)
		const use = (system: System, placement: Placement<ServerPhase>, name: string) => {
			this.systems.push(system);
			(net as ServerNet).use(system, placement, name);
		};
		if (isServerNet(net)) {
			wrapServerTransport(net, (inner) => ({
				sendReliable(player, data) {
					inner.sendReliable(player, data);
					if (profiler.active) addFlow(profiler.link(player).reliableOut, data, false);
				},
				sendUnreliable(player, data) {
					inner.sendUnreliable(player, data);
					if (profiler.active) addFlow(profiler.link(player).unreliableOut, data, false);
				},
				drain() {
					const list = inner.drain();
					if (profiler.active) {
						for (const incoming of list) {
							if (incoming.player === undefined) continue;
							const link = profiler.link(incoming.player);
							addFlow(incoming.reliable ? link.reliableIn : link.unreliableIn, incoming.data, true);
						}
					}
					return list;
				},
				drainJoins() {
					return inner.drainJoins();
				},
				drainLeaves() {
					return inner.drainLeaves();
				},
				destroy() {
					return inner.destroy();
				},
			}));
			if (measureComponents) {
				use(measureReliableBytes(net.context, this.componentTally), { before: ServerPhase.Encode }, "profiler: reliable bytes");
				use(measureMutationBytes(net.context, this.componentTally), { before: ServerPhase.Encode }, "profiler: mutation bytes");
			}
		} else {
			wrapClientTransport(net, (inner) => ({
				ready() {
					return inner.ready();
				},
				sendReliable(data) {
					inner.sendReliable(data);
					if (profiler.active) addFlow(profiler.link("server").reliableOut, data, true);
				},
				sendUnreliable(data) {
					inner.sendUnreliable(data);
					if (profiler.active) addFlow(profiler.link("server").unreliableOut, data, true);
				},
				drain() {
					const list = inner.drain();
					if (profiler.active) {
						const link = profiler.link("server");
						for (const incoming of list) addFlow(incoming.reliable ? link.reliableIn : link.unreliableIn, incoming.data, false);
					}
					return list;
				},
				destroy() {
					return inner.destroy();
				},
			}));
		}
		use(sampleProfiler(this, () => net.context.time), { after: isServerNet(net) ? ServerPhase.Cleanup : (ClientPhase.Cleanup as unknown as ServerPhase) }, "profiler: sample");
	}

	private link(key: Player | "server"): LinkTally {
		let link = this.links.get(key);
		if (link === undefined) {
			link = newLinkTally();
			this.links.set(key, link);
		}
		return link;
	}

	/** Called every step (by the sampleProfiler system): closes the window when it is over. */
	sample(now: number) {
		if (!this.active || now - this.windowStart < this.window - 1e-9) return;
		this.close(now);
	}

	private close(now: number) {
		this.budget = budgetFigure(this.net, this.configuredBudget);
		const seconds = now - this.windowStart;
		this.windowStart = now;
		this.index += 1;
		const players: PlayerFigures[] = [];
		const remotes: RemoteFigures[] = [
			{ name: "Reliable", out: zeroFigures(), in: zeroFigures(), total: { out: zeroFigures(), in: zeroFigures() } },
			{ name: "Unreliable", out: zeroFigures(), in: zeroFigures(), total: { out: zeroFigures(), in: zeroFigures() } },
		];
		const events = new Map<string, { sent: number; received: number; bytes: number; rateLimited: number; rejected: number }>();
		const totals = { out: zeroFigures(), in: zeroFigures(), events: 0 };

		const row = (key: Player | "server", name: string, player: Player | undefined, stats: NetStatsData, entities: number, rtt: number) => {
			const cur = takeSample(this.link(key), stats);
			const prev = this.previous.get(key) ?? EMPTY_SAMPLE;
			this.previous.set(key, cur);
			const relOut = rate(cur.reliableOut, prev.reliableOut, seconds);
			const unrelOut = rate(cur.unreliableOut, prev.unreliableOut, seconds);
			const relIn = rate(cur.reliableIn, prev.reliableIn, seconds);
			const unrelIn = rate(cur.unreliableIn, prev.unreliableIn, seconds);
			addInto(remotes[0].out, relOut);
			addInto(remotes[0].in, relIn);
			addInto(remotes[1].out, unrelOut);
			addInto(remotes[1].in, unrelIn);
			addInto(remotes[0].total.out, cur.reliableOut);
			addInto(remotes[0].total.in, cur.reliableIn);
			addInto(remotes[1].total.out, cur.unreliableOut);
			addInto(remotes[1].total.in, cur.unreliableIn);
			const out = zeroFigures();
			addInto(out, relOut);
			addInto(out, unrelOut);
			const inn = zeroFigures();
			addInto(inn, relIn);
			addInto(inn, unrelIn);
			let eventsOut = 0;
			let eventsIn = 0;
			for (const [eventName, c] of cur.events) {
				const p = prev.events.get(eventName);
				const sent = c.sent - (p?.sent ?? 0);
				const received = c.received - (p?.received ?? 0);
				eventsOut += sent;
				eventsIn += received;
				let e = events.get(eventName);
				if (e === undefined) {
					e = { sent: 0, received: 0, bytes: 0, rateLimited: 0, rejected: 0 };
					events.set(eventName, e);
				}
				e.sent += sent;
				e.received += received;
				e.bytes += c.bytes - (p?.bytes ?? 0);
				e.rateLimited += c.rateLimited - (p?.rateLimited ?? 0);
				e.rejected += c.rejected - (p?.rejected ?? 0);
			}
			addInto(totals.out, out);
			addInto(totals.in, inn);
			totals.events += (eventsOut + eventsIn) / seconds;
			players.push({
				name,
				player,
				out,
				in: inn,
				eventsOut: eventsOut / seconds,
				eventsIn: eventsIn / seconds,
				rtt,
				dropped: cur.dropped - prev.dropped,
				droppedTotal: cur.dropped,
				rateLimited: cur.rateLimited - prev.rateLimited,
				rateLimitedTotal: cur.rateLimited,
				rejectedTotal: cur.rejected,
				mutationsLostTotal: stats.mutationsLost,
				deferred: cur.deferred - prev.deferred,
				budget: (this.side === "server" ? out.wire : inn.wire) / this.budget,
				entities,
				total: { out: sumFlows(cur.reliableOut, cur.unreliableOut), in: sumFlows(cur.reliableIn, cur.unreliableIn) },
			});
		};

		const net = this.net;
		const components: ComponentFigures[] = [];
		if (isServerNet(net)) {
			const seen = new Set<Player | "server">();
			for (const conn of net.context.connections) {
				seen.add(conn.player);
				row(conn.player, conn.player.Name, conn.player, conn.stats, conn.known.size(), conn.stats.rtt);
			}
			// players who left: forget their counters
			for (const [key] of this.links) if (!seen.has(key)) this.links.delete(key);
			for (const [key] of this.previous) if (!seen.has(key)) this.previous.delete(key);
			const registry = net.context.registry;
			for (const [wire, t] of this.componentTally) {
				const p = this.previousComponents.get(wire);
				const info = registry.byWire[wire - 1];
				if (info === undefined) continue;
				components.push({
					name: info.name,
					kind: info.kind === WireKind.Component ? "component" : info.kind === WireKind.Tag ? "tag" : "relation",
					channel: info.unreliable ? "unreliable" : "reliable",
					values: (t.values - (p?.values ?? 0)) / seconds,
					bytes: (t.bytes - (p?.bytes ?? 0)) / seconds,
				});
			}
			const copy: ComponentTally = new Map();
			for (const [wire, t] of this.componentTally) copy.set(wire, { bytes: t.bytes, values: t.values });
			this.previousComponents = copy;
			components.sort((a, b) => a.bytes > b.bytes || (a.bytes === b.bytes && a.name < b.name));
		} else {
			const ctx = net.context;
			let rtt = ctx.stats.rtt;
			if (rtt === 0) {
				const [ok, ping] = pcall(() => Players.LocalPlayer?.GetNetworkPing());
				if (ok && typeIs(ping, "number")) rtt = ping;
			}
			row("server", "server", undefined, ctx.stats, ctx.entities.size(), rtt);
		}

		// every declared event has a row, used or not
		for (const info of net.context.events.list) {
			if (!events.has(info.name)) events.set(info.name, { sent: 0, received: 0, bytes: 0, rateLimited: 0, rejected: 0 });
		}
		const eventRows: EventFigures[] = [];
		for (const [name, e] of events) {
			eventRows.push({
				name,
				sent: e.sent / seconds,
				received: e.received / seconds,
				accepted: math.max(0, e.received - e.rateLimited - e.rejected) / seconds,
				bytes: e.bytes / seconds,
				rateLimited: e.rateLimited,
				rejected: e.rejected,
			});
		}
		eventRows.sort((a, b) => a.name < b.name);
		this.last = {
			side: this.side,
			index: this.index,
			time: now,
			window: seconds,
			budget: this.budget,
			players,
			remotes,
			events: eventRows,
			components,
			wire: wireSummary(net.describeWire()),
			totals,
			recording: recordingStatus(net),
		};
	}

	/** The figures of the newest complete window (index 0 and empty lists before the first one). */
	snapshot(): ProfilerSnapshot {
		return this.last;
	}

	/** The newest window as a printable table. */
	format(): string {
		return formatSnapshot(this.last);
	}

	/** Stops measuring: the profiler's systems leave the pipeline and its transport wrapper passes packets through. */
	stop() {
		if (!this.active) return;
		this.active = false;
		for (const system of this.systems) this.net.pipeline.remove(system);
		this.systems.clear();
	}
}

/**
 * The bytes per second per player that count as 100% budget use: `configured`,
 * else the server's per-player budget (a client's net knows it from the
 * server's schema), else 50,000 B/s.
 */
export function budgetFigure(net: ServerNet | ClientNet, configured?: number): number {
	if (configured !== undefined) return configured;
	const server = isServerNet(net) ? net.context.config.budgetPerPlayer : net.context.serverBudget;
	return server > 0 ? server : 50000;
}

function append(lines: string[], more: string[]) {
	for (const line of more) lines.push(line);
}

/** Renders a snapshot as a table: players, remotes, events, components. */
export function formatSnapshot(s: ProfilerSnapshot): string {
	const title = `Skyrocket profiler (${s.side}), window ${string.format("%.2f", s.window)} s ending at ${string.format("%.1f", s.time)} s, budget ${count(s.budget)} B/s per player`;
	if (s.index === 0) return `${title}\n(no complete window yet)`;
	const lines = [title, s.wire];
	if (s.recording !== undefined) lines.push(describeRecording(s.recording));
	append(
		lines,
		columns(
			[s.side === "server" ? "player" : "link", "out B/s", "out wire B/s", "out pkt/s", "in B/s", "in pkt/s", "events/s", "RTT", "budget", "deferred", "dropped", "rate-limited", "entities"],
			s.players.map((p) => [
				p.name,
				count(p.out.bytes),
				count(p.out.wire),
				count(p.out.calls),
				count(p.in.bytes),
				count(p.in.calls),
				count(p.eventsOut + p.eventsIn),
				ms(p.rtt),
				percent(p.budget),
				count(p.deferred),
				`${count(p.dropped)} (${count(p.droppedTotal)})`,
				`${count(p.rateLimited)} (${count(p.rateLimitedTotal)})`,
				count(p.entities),
			]),
		),
	);
	lines.push("");
	append(
		lines,
		columns(
			["remote", "out B/s", "out calls/s", "in B/s", "in calls/s"],
			s.remotes.map((r) => [r.name, count(r.out.bytes), count(r.out.calls), count(r.in.bytes), count(r.in.calls)]),
		),
	);
	if (s.events.size() > 0) {
		lines.push("");
		append(
			lines,
			columns(
				["event", "sent/s", "received/s", "accepted/s", "B/s", "rate-limited", "rejected"],
				s.events.map((e) => [e.name, count(e.sent), count(e.received), count(e.accepted), count(e.bytes), count(e.rateLimited), count(e.rejected)]),
			),
		);
	}
	if (s.components.size() > 0) {
		lines.push("");
		append(
			lines,
			columns(
				["component", "channel", "values/s", "B/s"],
				s.components.map((c) => [c.kind === "component" ? c.name : `${c.name} (${c.kind})`, c.channel, count(c.values), count(c.bytes)]),
			),
		);
	}
	return lines.join("\n");
}

/**
 * Starts profiling `net` (server or client): adds the profiler's systems to
 * its pipeline and measures from the next step. See ProfilerOptions.
 */
export function profile(net: ServerNet | ClientNet, options?: ProfilerOptions): Profiler {
	return new Profiler(net, options);
}
