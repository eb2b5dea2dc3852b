/**
 * The benchmark's output: a table per scenario for people, and a summary per
 * scenario that runBench.ts prints as one JSON line.
 */
import type { ContenderResult } from "./run";
import { LINK, SETTLE_SECONDS } from "./run";
import type { ScenarioSpec } from "./scenarios/types";

/** One contender's JSON row; the figures are undefined (JSON null) when no tick was measured. */
export interface ContenderSummary {
	bytesPerClientPerSec?: number;
	callsPerClientPerSec?: number;
	serverMsPerTick?: number;
	clientMsPerTick?: number;
	converged: boolean;
}

/** Ratios are skyrocket divided by the other contender; undefined (JSON null) when a row is missing or invalid. */
export interface Ratios {
	bytesVsNaive?: number;
	bytesVsBufferFull?: number;
	serverCpuVsBufferFull?: number;
	serverCpuVsBufferSplit?: number;
	/** Against the cheaper (server CPU) of buffer-full and buffer-split: the figure the targets are set on. */
	serverCpuVsCheaperBuffer?: number;
	clientCpuVsBufferFull?: number;
	/**
	 * Skyrocket's unreliable payload per moving entity per client (bytes), from
	 * skyrocket-nobudget when it ran (with the budget binding, moves wait and
	 * the figure is not the cost of one move).
	 */
	bytesPerMovingEntity?: number;
	/** attack scenario: server CPU with the hostile client / without (target <= 1.3). */
	serverCpuAttackedVsCalm?: number;
}

export interface ScenarioSummary {
	scenario: string;
	ticks: number;
	clients: number;
	/** Contender names in run order (the JSON object keeps this order). */
	order: string[];
	contenders: Record<string, ContenderSummary>;
	ratios: Ratios;
}

function round(x: number, digits: number): number {
	const f = 10 ** digits;
	return math.round(x * f) / f;
}

function ratio(a: ContenderResult | undefined, b: ContenderResult | undefined, pick: (r: ContenderResult) => number) {
	if (a === undefined || b === undefined || !a.converged || !b.converged) return undefined;
	const d = pick(b);
	return d > 0 ? round(pick(a) / d, 4) : undefined;
}

export function summarize(spec: ScenarioSpec, results: ContenderResult[]): ScenarioSummary {
	const contenders: Record<string, ContenderSummary> = {};
	const byName = new Map<string, ContenderResult>();
	for (const r of results) {
		byName.set(r.name, r);
		const measured = r.measuredTicks > 0;
		contenders[r.name] = {
			bytesPerClientPerSec: measured ? round(r.bytesPerClientPerSec, 1) : undefined,
			callsPerClientPerSec: measured ? round(r.callsPerClientPerSec, 2) : undefined,
			serverMsPerTick: measured ? round(r.serverMsPerTick, 4) : undefined,
			clientMsPerTick: measured ? round(r.clientMsPerTick, 4) : undefined,
			converged: r.converged,
		};
	}
	const sky = byName.get("skyrocket");
	const full = byName.get("buffer-full");
	const split = byName.get("buffer-split");
	const valid = (r: ContenderResult | undefined) => r !== undefined && r.converged && r.measuredTicks > 0;
	const cheaper =
		valid(full) && valid(split) ? (full!.serverMsPerTick <= split!.serverMsPerTick ? full : split) : valid(full) ? full : split;
	const unbudgeted = byName.get("skyrocket-nobudget");
	const perMove = valid(unbudgeted)
		? unbudgeted!.bytesPerMovingEntity
		: valid(sky) && sky!.explanation === undefined
			? sky!.bytesPerMovingEntity
			: undefined;
	return {
		scenario: spec.name,
		ticks: spec.measuredTicks,
		clients: spec.clients,
		order: results.map((r) => r.name),
		contenders,
		ratios: {
			bytesVsNaive: ratio(sky, byName.get("naive"), (r) => r.bytesPerClientPerSec),
			bytesVsBufferFull: ratio(sky, byName.get("buffer-full"), (r) => r.bytesPerClientPerSec),
			serverCpuVsBufferFull: ratio(sky, full, (r) => r.serverMsPerTick),
			serverCpuVsBufferSplit: ratio(sky, split, (r) => r.serverMsPerTick),
			serverCpuVsCheaperBuffer: ratio(sky, cheaper, (r) => r.serverMsPerTick),
			clientCpuVsBufferFull: ratio(sky, full, (r) => r.clientMsPerTick),
			bytesPerMovingEntity: perMove !== undefined ? round(perMove, 2) : undefined,
			serverCpuAttackedVsCalm: ratio(byName.get("skyrocket-attacked"), byName.get("skyrocket-calm"), (r) => r.serverMsPerTick),
		},
	};
}

function pad(s: string, width: number, left = false): string {
	const n = math.max(0, width - s.size());
	return left ? s + string.rep(" ", n) : string.rep(" ", n) + s;
}

function thousands(x: number): string {
	const s = string.format("%.0f", x);
	const [head, tail] = [s.sub(1, ((s.size() - 1) % 3) + 1), s.sub(((s.size() - 1) % 3) + 2)];
	let out = head;
	for (let i = 1; i <= tail.size(); i += 3) out += "," + tail.sub(i, i + 2);
	return out;
}

/** The scenario's table and notes, one string per line. */
export function formatTable(spec: ScenarioSpec, results: ContenderResult[], seed: number): string[] {
	const lines: string[] = [];
	lines.push(`scenario "${spec.name}": ${spec.description}`);
	lines.push(
		`  ${spec.tickRate} Hz, ${spec.measuredTicks} measured ticks after ${spec.warmupTicks} warm-up ticks, seed ${seed}, ` +
			`link ${(spec.link?.latency ?? LINK.latency!) * 1000} ms one way` +
			((spec.link?.jitter ?? 0) > 0 ? ` +-${spec.link!.jitter! * 1000} ms jitter` : "") +
			((spec.link?.loss ?? 0) > 0 ? `, ${spec.link!.loss! * 100}% loss on unreliable traffic` : ", no loss") +
			", no bandwidth cap; " +
			(spec.aoi !== undefined ? `AOI radius ${spec.aoi.radius} where a contender has one` : "no AOI"),
	);
	for (const note of spec.notes ?? []) lines.push(`  note: ${note}`);
	lines.push(
		"  server ms/tick: real CPU time around the contender's Heartbeat work (skyrocket: net.step; the others: change detection and " +
			"FireAllClients); client ms/tick: around the client's apply (skyrocket: net.step; the others: the OnClientEvent handler), " +
			"mean per client; game ms/tick: the random walk before the timed step (jecs sets with each contender's change listeners), not in server ms",
	);
	lines.push("");
	const header = [
		pad("contender", 20, true),
		pad("bytes/client/s", 15),
		pad("calls/client/s", 15),
		pad("server ms/tick", 15),
		pad("client ms/tick", 15),
		pad("up B/client/s", 14),
		pad("game ms/tick", 13),
		"  converged",
	].join("");
	lines.push(header);
	lines.push(string.rep("-", header.size()));
	for (const r of results) {
		lines.push(
			[
				pad(r.name, 20, true),
				pad(thousands(r.bytesPerClientPerSec), 15),
				pad(string.format("%.1f", r.callsPerClientPerSec), 15),
				pad(string.format("%.3f", r.serverMsPerTick), 15),
				pad(string.format("%.4f", r.clientMsPerTick), 15),
				pad(thousands(r.upBytesPerClientPerSec), 14),
				pad(string.format("%.3f", r.gameMsPerTick), 13),
				"  " + (r.converged ? "yes" : "NO (row invalid)") + (r.cut !== undefined ? " (cut short)" : ""),
			].join(""),
		);
	}
	lines.push("");
	for (const r of results) {
		if (r.bytesPerMovingEntity === undefined || r.bytesPerMovingEntity < 0.005) continue;
		lines.push(
			r.explanation === undefined
				? string.format(
						"  %s mutation payload: %.2f bytes per moving entity per client (unreliable remote bytes minus the 9-byte call overhead, packet headers included)",
						r.name,
						r.bytesPerMovingEntity,
					)
				: string.format(
						"  %s mutation payload: %.2f bytes per moving entity per client, but its budget held moves back (see below), so this is not the cost of one move",
						r.name,
						r.bytesPerMovingEntity,
					),
		);
	}
	const s = summarize(spec, results);
	const fmt = (x: number | undefined) => (x === undefined ? "n/a" : string.format("%.4f", x));
	lines.push(
		`  skyrocket / naive bytes ${fmt(s.ratios.bytesVsNaive)}; skyrocket / buffer-full bytes ${fmt(s.ratios.bytesVsBufferFull)}, ` +
			`server CPU ${fmt(s.ratios.serverCpuVsBufferFull)}; / buffer-split server CPU ${fmt(s.ratios.serverCpuVsBufferSplit)}; ` +
			`/ the cheaper buffer contender ${fmt(s.ratios.serverCpuVsCheaperBuffer)}; client CPU / buffer-full ${fmt(s.ratios.clientCpuVsBufferFull)}`,
	);
	for (const r of results) {
		lines.push(
			`  ${r.name}: ${r.description} (initial sync ${string.format("%.2f", r.syncSeconds)} simulated s, run ${string.format("%.1f", r.realSeconds)} real s: ${r.realPhases})`,
		);
		for (const n of r.notes) lines.push(`    ${n}`);
		if (r.explanation !== undefined) lines.push(`    ${r.explanation}`);
		if (r.remoteMsPerTick > 0)
			lines.push(
				string.format(
					"    %s: %.3f of its %.3f server ms/tick are inside FireAllClients, where the harness copies and measures the arguments for each client (Roblox's engine does that work natively)",
					r.name,
					r.remoteMsPerTick,
					r.serverMsPerTick,
				),
			);
		if (!r.counters.isEmpty()) {
			const parts: string[] = [];
			for (const [k, v] of r.counters) parts.push(`${k} ${v}`);
			parts.sort();
			lines.push(`    ${r.name} counters over the measured ticks (all players): ${parts.join(", ")}`);
		}
		if (r.cut !== undefined) lines.push(`    CUT SHORT: ${r.cut}; figures are over ${r.measuredTicks} measured ticks`);
		if (!r.phaseMs.isEmpty()) {
			const parts: string[] = [];
			for (const [k, v] of r.phaseMs) if (v >= 0.0005) parts.push(`${k} ${string.format("%.3f", v)}`);
			parts.sort();
			lines.push(`    profile (ms/tick; client phases per client): ${parts.join(", ")}`);
		}
		if (!r.converged) {
			lines.push(
				`    NOT CONVERGED ${SETTLE_SECONDS} s after the last change: ${r.mismatches} entity x client mismatches; first: ${r.firstMismatch ?? "none"}`,
			);
			for (let i = 0; i < math.min(3, r.errors.size()); i++) lines.push(`    error: ${r.errors[i]}`);
			if (r.errors.size() > 3) lines.push(`    ... ${r.errors.size() - 3} more errors`);
		}
	}
	return lines;
}
