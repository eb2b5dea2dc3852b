/**
 * Replay: plays a recording back into a fresh net (in the headless harness,
 * or anywhere its players can be given), step by step with the recorded dt
 * and the recorded inbound packets, joins and leaves, running your systems;
 * after each step it compares the digest of the replicated state with the
 * recording's. The first step that differs is reported with the entities and
 * components that differ; a session whose game is deterministic replays to
 * identical checksums.
 *
 * ```ts
 * const report = replay(loadRecording(data), {
 * 	players: (p) => Harness.player(p.name, p.userId),
 * 	systems: (net, recording) => {
 * 		register(net);                              // what the recorded net declared
 * 		return gameSystems(net, recording.seed);    // the systems each step ran
 * 	},
 * });
 * print(report.lines.join("\n"));
 * ```
 */
import jecs, { Entity, World } from "@rbxts/jecs";
import type { ClientConfig, ServerConfig } from "../../src/core/config";
import { ClientNet } from "../../src/net/client";
import { ServerNet } from "../../src/net/server";
import { PROTOCOL_VERSION, WireKind } from "../../src/wire/protocol";
import { loadRecording, Recording, RecordedPlayer, RecordedStep } from "./format";
import { record, Recorder } from "./recorder";
import { ReplayClientTransport, ReplayServerTransport } from "./replayTransport";

export interface ReplayOptions {
	/** The world of the fresh net (default: a new jecs world). */
	world?: World;
	/**
	 * Declares on the fresh net what the recorded net declared (replicate,
	 * event, request... with the same names and codecs), and returns the
	 * systems the recorded game ran inside net.step, if any. Gets the
	 * recording (its seed, its meta).
	 */
	systems?: (net: ServerNet | ClientNet, recording: Recording) => ((dt: number) => void) | void;
	/** The recorded net's configuration (guards, rates and budgets change what happens). */
	config?: ServerConfig | ClientConfig;
	/** Server recordings: the Player that stands for each recorded player (in the harness: `(p) => Harness.player(p.name, p.userId)`). */
	players?: (player: RecordedPlayer) => Player;
	/** Stop after this step (default: the last). */
	until?: number;
	/** Most differences listed (default 10). */
	limit?: number;
}

/** One (entity, component) whose state differs at the divergence. */
export interface ReplayDifference {
	readonly handle: number;
	/** The replay's entity for the handle (undefined when it has none). */
	readonly entity?: number;
	readonly component: string;
	/** Hashes of the value (0: absent). */
	readonly recorded: number;
	readonly replayed: number;
	/** The replay's value, readable. */
	readonly value: string;
}

export interface ReplayDivergence {
	readonly step: number;
	/** Seconds since the recording began, at the end of that step. */
	readonly time: number;
	readonly differences: ReplayDifference[];
}

/** What a replay found (plain data: it crosses to the CLI as JSON). */
export interface ReplayReport {
	readonly side: "server" | "client";
	/** Steps replayed, of `total` recorded. */
	readonly steps: number;
	readonly total: number;
	readonly diverged: boolean;
	readonly divergence?: ReplayDivergence;
	/** Why the recording could not be replayed at all. */
	readonly error?: string;
	/** The replay's replicated state where it stopped (with `until`, or at the divergence): one line per entity. */
	readonly state: string[];
	/** The report as text. */
	readonly lines: string[];
}

/** A readable value for reports. */
function show(value: unknown): string {
	if (typeIs(value, "table")) {
		const parts: string[] = [];
		for (const [k, v] of pairs(value as Record<string, unknown>)) parts.push(`${k}=${tostring(v)}`);
		parts.sort();
		return `{${parts.join(", ")}}`;
	}
	return tostring(value);
}

/** Why the replay net's declarations do not match the recording's, or undefined. */
function mismatch(recording: Recording, net: ServerNet | ClientNet): string | undefined {
	const registry = net.context.registry;
	for (const c of recording.components) {
		const info = registry.byName.get(c.name);
		if (info === undefined) return `the recording replicates ${c.name}; the replay's systems do not register it`;
		const codec = info.codec?.name ?? "";
		if (info.kind !== c.kind || info.unreliable !== c.unreliable || codec !== c.codec) {
			return `${c.name} is registered differently (recorded: kind ${c.kind}, ${c.unreliable ? "unreliable" : "reliable"}, codec "${c.codec}"; replay: kind ${info.kind}, ${info.unreliable ? "unreliable" : "reliable"}, codec "${codec}")`;
		}
	}
	for (const e of recording.events) {
		const info = net.context.events.byName.get(e.name);
		if (info === undefined) return `the recording declares the event ${e.name}; the replay's systems do not`;
		if (info.codec.name !== e.codec) return `event ${e.name} has codec "${info.codec.name}", recorded "${e.codec}"`;
	}
	if (recording.side === "server" && registry.list.size() !== recording.components.size()) {
		return `the replay registers ${registry.list.size()} replicated ids, the recording ${recording.components.size()}`;
	}
	return undefined;
}

/** The (handle, component name) -> hash entries of a step. */
function entries(step: RecordedStep, names: readonly string[]): Map<string, [number, string, number]> {
	const out = new Map<string, [number, string, number]>();
	for (const d of step.digest) {
		const name = names[d.component - 1] ?? `#${d.component}`;
		out.set(`${d.handle}:${name}`, [d.handle, name, d.hash]);
	}
	return out;
}

/** The replayed entity and its value for one difference. */
function describeValue(net: ServerNet | ClientNet, handle: number, component: string): [number | undefined, string] {
	const entity = net.entityOf(handle);
	const info = net.context.registry.byName.get(component);
	if (entity === undefined || info === undefined || !net.world.contains(entity)) return [entity, "absent"];
	if (info.kind === WireKind.Component) {
		return [entity, net.world.has(entity, info.id) ? show(net.world.get(entity, info.id as Entity<unknown>)) : "absent"];
	}
	if (info.kind === WireKind.Tag) return [entity, net.world.has(entity, info.id) ? "present" : "absent"];
	return [entity, net.world.has(entity, jecs.pair(info.id, jecs.Wildcard)) ? "has pairs" : "absent"];
}

/** The replay's replicated entities, one line each (by handle). */
function dumpState(net: ServerNet | ClientNet, limit: number): string[] {
	const handles: number[] = [];
	if (net instanceof ServerNet) for (const [h] of net.context.byHandle) handles.push(h);
	else for (const [h] of net.context.entities) handles.push(h);
	handles.sort();
	const lines: string[] = [];
	for (const h of handles) {
		if (lines.size() >= limit) {
			lines.push(`... ${handles.size() - limit} more entities`);
			break;
		}
		const e = net.entityOf(h);
		if (e === undefined) continue;
		const parts: string[] = [];
		for (const info of net.context.registry.list) {
			if (info.kind === WireKind.Component && net.world.has(e, info.id))
				parts.push(`${info.name}=${show(net.world.get(e, info.id as Entity<unknown>))}`);
			else if (info.kind === WireKind.Tag && net.world.has(e, info.id)) parts.push(info.name);
		}
		lines.push(`handle ${h} (entity ${e}): ${parts.join("  ")}`);
	}
	return lines;
}

function failed(recording: Recording, message: string): ReplayReport {
	return {
		side: recording.side,
		steps: 0,
		total: recording.steps.size(),
		diverged: false,
		error: message,
		state: [],
		lines: [`cannot replay: ${message}`],
	};
}

/**
 * Replays `recording` (or the buffer `recorder.save()` gave) into a fresh net
 * with `options.systems`, comparing every step's replicated state with the
 * recording's; see ReplayOptions and ReplayReport. The recording must cover
 * the session from the net's first step (a session recording started before
 * it, or a ring that has not dropped a step yet).
 */
export function replay(recording: Recording | buffer, options: ReplayOptions = {}): ReplayReport {
	const rec = typeIs(recording, "buffer") ? loadRecording(recording) : recording;
	if (rec.protocol !== PROTOCOL_VERSION) {
		return failed(
			rec,
			`it was recorded with wire protocol ${rec.protocol}; this Skyrocket speaks ${PROTOCOL_VERSION}: replay it with the Skyrocket version that recorded it`,
		);
	}
	if (rec.firstStep > 1)
		return failed(
			rec,
			`it keeps steps ${rec.firstStep} on (a ring that dropped older steps); replay needs the session from the net's first step`,
		);
	if (rec.startTick > 0 || rec.startTime > 0)
		return failed(
			rec,
			`recording began ${rec.startTime} s into the net's life; start record() before the net's first step to replay it`,
		);
	if (rec.side === "server" && rec.players.size() > 0 && options.players === undefined) {
		return failed(
			rec,
			"a server recording's players need stand-ins: pass options.players (in the harness: (p) => Harness.player(p.name, p.userId))",
		);
	}
	const world = options.world ?? jecs.world();
	const limit = options.limit ?? 10;
	let net: ServerNet | ClientNet;
	let load: (step: RecordedStep) => void;
	if (rec.side === "server") {
		const players = new Map<number, Player>();
		const playerOf = (index: number): Player => {
			let p = players.get(index);
			if (p === undefined) {
				const recorded = rec.players.find((x) => x.index === index) ?? { index, userId: index, name: `Player${index}` };
				p = options.players!(recorded);
				players.set(index, p);
			}
			return p;
		};
		const transport = new ReplayServerTransport(playerOf);
		net = new ServerNet(world, options.config as ServerConfig, transport);
		load = (step) => transport.load(step);
	} else {
		const transport = new ReplayClientTransport();
		net = new ClientNet(world, options.config as ClientConfig, transport);
		load = (step) => transport.load(step);
	}
	const [okSetup, systems] = pcall(() => options.systems?.(net, rec));
	if (!okSetup) return failed(rec, `the replay's systems failed to set up: ${tostring(systems)}`);
	const wrong = mismatch(rec, net);
	if (wrong !== undefined) return failed(rec, wrong);
	const step = (systems ?? undefined) as ((dt: number) => void) | undefined;
	const recordedNames = rec.components.map((c) => c.name);
	const ours: Recorder = record(net, { packetsOut: "size", mode: "ring", seconds: 1 });
	const replayNames = () => net.context.registry.list.map((info) => info.name);
	let time = 0;
	let steps = 0;
	let divergence: ReplayDivergence | undefined;
	const lastStep = options.until ?? math.huge;
	for (const recorded of rec.steps) {
		if (recorded.step > lastStep) break;
		load(recorded);
		net.step(recorded.dt, step);
		time += recorded.dt;
		steps += 1;
		const mine = ours.lastStep();
		if (mine === undefined || recorded.checksum === undefined) continue;
		const want = entries(recorded, recordedNames);
		const got = entries(mine, replayNames());
		const differences: ReplayDifference[] = [];
		const note = (key: string) => {
			if (differences.size() >= limit) return;
			const w = want.get(key);
			const g = got.get(key);
			const [handle, component] = (w ?? g)!;
			const [entity, value] = describeValue(net, handle, component);
			differences.push({
				handle,
				entity,
				component,
				recorded: w !== undefined ? w[2] : -1,
				replayed: g !== undefined ? g[2] : -1,
				value,
			});
		};
		for (const [key, w] of want) if (got.get(key)?.[2] !== w[2]) note(key);
		for (const [key] of got) if (!want.has(key)) note(key);
		if (differences.size() > 0 || mine.checksum !== recorded.checksum) {
			divergence = { step: recorded.step, time, differences };
			break;
		}
	}
	ours.stop();
	const total = rec.steps.size();
	const lines: string[] = [];
	const who = rec.side === "server" ? `server recording, ${rec.players.size()} players` : "client recording";
	lines.push(`replayed ${steps} of ${total} steps (${who}, seed ${rec.seed})`);
	if (divergence === undefined) {
		lines.push(
			steps === total
				? "every step's replicated state matches the recording"
				: `every step's replicated state matches the recording up to step ${steps}`,
		);
	} else {
		lines.push(`first divergence at step ${divergence.step} (${string.format("%.3f", divergence.time)} s):`);
		for (const d of divergence.differences) {
			const where = `handle ${d.handle}${d.entity !== undefined ? ` (entity ${d.entity} here)` : ""}`;
			const recorded = d.recorded === -1 ? "unchanged" : d.recorded === 0 ? "absent" : `hash ${d.recorded}`;
			const replayed = d.replayed === -1 ? "unchanged" : d.replayed === 0 ? "absent" : `hash ${d.replayed}`;
			lines.push(
				`  ${d.component} of ${where}: the recording has ${recorded} at this step, the replay ${replayed} (value here: ${d.value})`,
			);
		}
		if (divergence.differences.size() === 0)
			lines.push("  the checksums differ (the state before this step differed in a way no entry shows)");
	}
	const stoppedEarly = options.until !== undefined || divergence !== undefined;
	const state = stoppedEarly ? dumpState(net, 50) : [];
	if (options.until !== undefined && divergence === undefined) {
		lines.push(`state at step ${steps}:`);
		for (const line of state) lines.push(`  ${line}`);
	}
	net.destroy();
	return { side: rec.side, steps, total, diverged: divergence !== undefined, divergence, state, lines };
}
