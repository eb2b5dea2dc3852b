// Reads Skyrocket recordings (record(net) in @rbxts/skyrocket, saved with
// Harness.writeFile) for `skyrocket-test replay <file>`: the header and a
// timeline of the steps. The layout is the library's tools/recorder/format.ts
// (its one source); this reader follows it, and harness/test/recording.test.mjs
// with Skyrocket's own recorder spec pin the same fixture from both sides.
// One file past the ~300-line guide: the reader mirrors format.ts section by
// section, and keeping it whole keeps that mirror easy to check.

/** The newest recording format this reader knows. */
export const RECORDING_FORMAT = 1;
const MAGIC = "SKYREC";

export interface RecordedPlayerInfo {
	index: number;
	userId: number;
	name: string;
}

/** What one step of a recording holds, summed. */
export interface StepSummary {
	step: number;
	dt: number;
	/** Seconds since the recording began, at the end of this step. */
	time: number;
	inBytes: number;
	inPackets: number;
	outBytes: number;
	outPackets: number;
	joins: number[];
	leaves: number[];
	/** Player index -> events accepted / packets and events dropped. */
	events: Map<number, number>;
	drops: Map<number, number>;
	checksum?: number;
	/** Digest entries: (handle, component index, hash) whose hash changed this step. */
	changes: [number, number, number][];
}

export interface RecordingSummary {
	version: number;
	side: "server" | "client";
	seed: number;
	protocol: number;
	startTime: number;
	startTick: number;
	mode: "session" | "ring";
	ringSeconds: number;
	firstStep: number;
	setup: string;
	meta: string;
	components: { name: string; kind: number; unreliable: boolean; codec: string }[];
	events: { name: string; flags: number; codec: string }[];
	players: RecordedPlayerInfo[];
	steps: StepSummary[];
	/** Bytes of the whole recording. */
	bytes: number;
}

class Cursor {
	p: number;
	constructor(
		readonly b: Buffer,
		p: number,
		readonly n: number,
	) {
		this.p = p;
	}
	need(k: number) {
		if (this.p + k > this.n) throw new Error(`truncated at byte ${this.p}`);
	}
	u8(): number {
		this.need(1);
		return this.b[this.p++];
	}
	u32(): number {
		this.need(4);
		const v = this.b.readUInt32LE(this.p);
		this.p += 4;
		return v;
	}
	f64(): number {
		this.need(8);
		const v = this.b.readDoubleLE(this.p);
		this.p += 8;
		return v;
	}
	varuint(): number {
		let result = 0;
		let scale = 1;
		for (let i = 0; i < 8; i++) {
			const byte = this.u8();
			if (byte < 128) return result + byte * scale;
			result += (byte - 128) * scale;
			scale *= 128;
		}
		throw new Error(`varint longer than 8 bytes at ${this.p}`);
	}
	string(): string {
		const len = this.varuint();
		this.need(len);
		const s = this.b.toString("utf8", this.p, this.p + len);
		this.p += len;
		return s;
	}
	skip(k: number) {
		this.need(k);
		this.p += k;
	}
}

/** Reads a recording; throws an Error saying why when it is not one, is damaged, or is of a newer format. */
export function readRecording(b: Buffer): RecordingSummary {
	if (b.length < MAGIC.length + 1 || b.toString("latin1", 0, MAGIC.length) !== MAGIC) {
		throw new Error("not a Skyrocket recording (it does not start with SKYREC)");
	}
	const version = b[MAGIC.length];
	if (version > RECORDING_FORMAT) {
		throw new Error(
			`this recording is format version ${version}, newer than this skyrocket-test reads (${RECORDING_FORMAT}); update @rbxts/skyrocket-test`,
		);
	}
	const r = new Cursor(b, MAGIC.length + 1, b.length);
	try {
		const side = r.u8() === 1 ? "server" : "client";
		const seed = r.f64();
		const protocol = r.varuint();
		const startTime = r.f64();
		const startTick = r.varuint();
		const mode = r.u8() === 1 ? "ring" : "session";
		const ringSeconds = r.f64();
		const firstStep = r.varuint();
		const setup = r.string();
		const meta = r.string();
		const components = [];
		for (let i = r.varuint(); i > 0; i--) {
			const name = r.string();
			const kind = r.u8();
			components.push({ name, kind: kind % 16, unreliable: kind >= 16, codec: r.string() });
		}
		const events = [];
		for (let i = r.varuint(); i > 0; i--) events.push({ name: r.string(), flags: r.u8(), codec: r.string() });
		const players = [];
		for (let i = r.varuint(); i > 0; i--) players.push({ index: r.varuint(), userId: r.f64(), name: r.string() });
		const steps: StepSummary[] = [];
		let time = 0;
		const count = r.varuint();
		for (let i = 0; i < count; i++) {
			const length = r.varuint();
			r.need(length);
			const step = readStep(b, r.p, length, firstStep + i, time);
			time = step.time;
			steps.push(step);
			r.p += length;
		}
		return {
			version,
			side,
			seed,
			protocol,
			startTime,
			startTick,
			mode,
			ringSeconds,
			firstStep,
			setup,
			meta,
			components,
			events,
			players,
			steps,
			bytes: b.length,
		};
	} catch (err) {
		throw new Error(`this recording is damaged: ${(err as Error).message}`);
	}
}

function readStep(b: Buffer, offset: number, length: number, step: number, before: number): StepSummary {
	const r = new Cursor(b, offset, offset + length);
	const dt = r.f64();
	const s: StepSummary = {
		step,
		dt,
		time: before + dt,
		inBytes: 0,
		inPackets: 0,
		outBytes: 0,
		outPackets: 0,
		joins: [],
		leaves: [],
		events: new Map(),
		drops: new Map(),
		changes: [],
	};
	while (r.p < r.n) {
		const tag = r.u8();
		if (tag === 1 || tag === 2 || tag === 8) {
			r.varuint(); // player
			r.u8(); // reliable
			const size = r.varuint();
			if (tag !== 8) r.skip(size);
			if (tag === 1) {
				s.inBytes += size;
				s.inPackets += 1;
			} else {
				s.outBytes += size;
				s.outPackets += 1;
			}
		} else if (tag === 9) {
			r.varuint();
			r.u8();
			r.string();
			s.inPackets += 1;
		} else if (tag === 3) s.joins.push(r.varuint());
		else if (tag === 4) s.leaves.push(r.varuint());
		else if (tag === 5 || tag === 6) {
			const player = r.varuint();
			(tag === 5 ? s.events : s.drops).set(player, r.varuint());
		} else if (tag === 7) {
			s.checksum = r.u32();
			for (let n = r.varuint(); n > 0; n--) s.changes.push([r.varuint(), r.varuint(), r.u32()]);
		} else throw new Error(`unknown record ${tag} in step ${step}`);
	}
	return s;
}

function n(x: number): string {
	return Math.round(x).toLocaleString("en-US");
}

function pad(cells: string[], widths: number[]): string {
	return cells
		.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
		.join("  ")
		.trimEnd();
}

function table(header: string[], rows: string[][]): string[] {
	const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
	return [pad(header, widths), ...rows.map((r) => pad(r, widths))];
}

export interface TimelineOptions {
	/** Stop at this step, and describe it in detail. */
	until?: number;
	/** One row per step instead of per second. */
	perStep?: boolean;
}

/** The header, then the timeline (per second, or per step), then the `until` step in detail. */
export function formatTimeline(rec: RecordingSummary, options: TimelineOptions = {}): string[] {
	const lines: string[] = [];
	const last = rec.steps.length > 0 ? rec.steps[rec.steps.length - 1] : undefined;
	const names = new Map(rec.players.map((p) => [p.index, p.name]));
	const who = (i: number) => (rec.side === "client" ? "server" : i === 0 ? "all" : (names.get(i) ?? `player ${i}`));
	lines.push(
		`Skyrocket recording (format ${rec.version}): ${rec.side}, ${rec.players.length} players${rec.players.length > 0 ? ` (${rec.players.map((p) => p.name).join(", ")})` : ""}, seed ${rec.seed}, ` +
			`${rec.steps.length} steps over ${(last?.time ?? 0).toFixed(2)} s, ${n(rec.bytes)} bytes` +
			(rec.mode === "ring" ? `, a ring of the last ${rec.ringSeconds} s (from step ${rec.firstStep})` : ", the whole session"),
	);
	const kind = (k: number) => (k === 2 ? "tag" : k === 3 ? "relation" : "component");
	lines.push(
		`replicated: ${rec.components.map((c) => `${c.name} (${kind(c.kind)}${c.unreliable ? ", unreliable" : ""}${c.codec !== "" ? `, ${c.codec}` : ""})`).join(", ") || "none"}`,
	);
	lines.push(`events: ${rec.events.map((e) => e.name).join(", ") || "none"}`);
	if (rec.startTick > 0 || rec.startTime > 0)
		lines.push(`started ${rec.startTime.toFixed(2)} s into the net's life (tick ${rec.startTick})`);
	lines.push("");
	const until = options.until ?? Infinity;
	const steps = rec.steps.filter((s) => s.step <= until);
	// rows: one per step, or per whole second of the recording
	const groups: StepSummary[][] = [];
	for (const s of steps) {
		const key = options.perStep ? groups.length : Math.floor(s.time - s.dt + 1e-9);
		if (options.perStep || groups[key] === undefined) groups[key] = [];
		groups[key].push(s);
	}
	const rows: string[][] = [];
	for (const g of groups) {
		if (g === undefined) continue;
		const sum = (f: (s: StepSummary) => number) => g.reduce((a, s) => a + f(s), 0);
		const perPlayer = (f: (s: StepSummary) => Map<number, number>) => {
			const m = new Map<number, number>();
			for (const s of g) for (const [p, c] of f(s)) m.set(p, (m.get(p) ?? 0) + c);
			return [...m]
				.sort((a, b) => a[0] - b[0])
				.map(([p, c]) => `${who(p)} ${c}`)
				.join(", ");
		};
		const joins = g.flatMap((s) => s.joins.map((p) => `+${who(p)}`)).concat(g.flatMap((s) => s.leaves.map((p) => `-${who(p)}`)));
		rows.push([
			options.perStep ? `${g[0].step}` : `${Math.floor(g[0].time - g[0].dt + 1e-9)}s`,
			options.perStep ? g[0].dt.toFixed(4) : `${g[0].step}-${g[g.length - 1].step}`,
			n(sum((s) => s.inBytes)),
			n(sum((s) => s.inPackets)),
			n(sum((s) => s.outBytes)),
			n(sum((s) => s.outPackets)),
			perPlayer((s) => s.events) || "-",
			perPlayer((s) => s.drops) || "-",
			n(sum((s) => s.changes.length)),
			joins.join(" "),
		]);
	}
	lines.push(
		...table(
			[
				options.perStep ? "step" : "second",
				options.perStep ? "dt" : "steps",
				"in B",
				"in pkt",
				"out B",
				"out pkt",
				"events",
				"drops",
				"state changes",
				"joins/leaves",
			],
			rows,
		),
	);
	if (options.until !== undefined) {
		const s = rec.steps.find((x) => x.step === options.until);
		lines.push("");
		if (s === undefined) lines.push(`step ${options.until} is not in the recording (steps ${rec.firstStep} to ${last?.step ?? 0})`);
		else {
			lines.push(
				`step ${s.step} at ${s.time.toFixed(3)} s (dt ${s.dt.toFixed(4)}): ${s.inPackets} packets in (${n(s.inBytes)} B), ${s.outPackets} out (${n(s.outBytes)} B), checksum ${s.checksum ?? "-"}`,
			);
			for (const [handle, component, hash] of s.changes.slice(0, 40)) {
				lines.push(
					`  handle ${handle}  ${rec.components[component - 1]?.name ?? `#${component}`}  ${hash === 0 ? "removed" : `hash ${hash}`}`,
				);
			}
			if (s.changes.length > 40) lines.push(`  ... ${s.changes.length - 40} more changes`);
		}
	}
	return lines;
}
