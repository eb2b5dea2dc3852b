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
 *
 * Past the ~300-line guide: this file is the Profiler class (its public
 * methods and the taps it installs); figures, windows, tallies and formatting
 * already live beside it (figures.ts, windows.ts, tally.ts, formatSnapshot.ts,
 * measure*Bytes.ts).
 */
import { Players } from "@rbxts/services";
import type { ClientNet } from "../../src/net/client";
import type { ServerNet } from "../../src/net/server";
import { ClientPhase, ServerPhase } from "../../src/schedule/phases";
import { Placement, System } from "../../src/schedule/pipeline";
import { WireKind } from "../../src/wire/protocol";
import { NetStatsData } from "../../components/stats";
import { measureReliableBytes } from "./measureReliableBytes";
import { measureMutationBytes } from "./measureMutationBytes";
import { wireSummary } from "../../src/core/describeWire";
import { sampleProfiler } from "./sampleProfiler";
import { addFlow, ComponentTally, LinkTally, newLinkTally } from "./tally";
import { isServerNet } from "../transportWrap";
import { tapTransport } from "../transportTap";
import { recordingStatus } from "../recorder/status";
import { EMPTY_SAMPLE, Sample, addInto, emptySnapshot, rate, sumFlows, takeSample, zeroFigures } from "./windows";
import { formatSnapshot } from "./formatSnapshot";
import type { ComponentFigures, EventFigures, PlayerFigures, ProfilerOptions, ProfilerSnapshot, RemoteFigures } from "./figures";
export type {
	ComponentFigures,
	EventFigures,
	PlayerFigures,
	ProfilerOptions,
	ProfilerSnapshot,
	RemoteFigures,
	TrafficFigures,
} from "./figures";
export { formatSnapshot } from "./formatSnapshot";

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
		// the two sides' phases share the names the profiler uses (encode, cleanup)
		const use = (system: System, placement: Placement<ServerPhase>, name: string) => {
			this.systems.push(system);
			(net as ServerNet).use(system, placement, name);
		};
		const server = isServerNet(net) ? net : undefined;
		tapTransport(net, {
			active: () => this.active,
			packetOut: (player, reliable, data) => {
				if (server === undefined) {
					const link = this.link("server");
					addFlow(reliable ? link.reliableOut : link.unreliableOut, data, true);
				} else if (player !== undefined) {
					const link = this.link(player);
					addFlow(reliable ? link.reliableOut : link.unreliableOut, data, false);
				} else {
					// one call to every player: each of them received it
					for (const conn of server.context.connections) {
						const link = this.link(conn.player);
						addFlow(reliable ? link.reliableOut : link.unreliableOut, data, false);
					}
				}
			},
			packetIn: (player, reliable, data) => {
				if (server !== undefined && player === undefined) return;
				const link = this.link(player ?? "server");
				addFlow(reliable ? link.reliableIn : link.unreliableIn, data, server !== undefined);
			},
			joined: () => {},
			left: () => {},
		});
		if (server !== undefined && measureComponents) {
			use(measureReliableBytes(server.context, this.componentTally), { before: ServerPhase.Encode }, "profiler: reliable bytes");
			use(measureMutationBytes(server.context, this.componentTally), { before: ServerPhase.Encode }, "profiler: mutation bytes");
		}
		use(
			sampleProfiler(this, () => net.context.time),
			{ after: isServerNet(net) ? ServerPhase.Cleanup : (ClientPhase.Cleanup as unknown as ServerPhase) },
			"profiler: sample",
		);
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

		const row = (
			key: Player | "server",
			name: string,
			player: Player | undefined,
			stats: NetStatsData,
			entities: number,
			rtt: number,
		) => {
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

/**
 * Starts profiling `net` (server or client): adds the profiler's systems to
 * its pipeline and measures from the next step. See ProfilerOptions.
 */
export function profile(net: ServerNet | ClientNet, options?: ProfilerOptions): Profiler {
	return new Profiler(net, options);
}
