/**
 * The recorder: `record(net, options)` captures, on the server or a client,
 * everything that crosses the net's transport (packets in and out, with
 * their step, time and player; joins and leaves), the per-step dt, the
 * registrations, a seed, and per step a digest of the replicated state, into
 * one compact versioned buffer (see format.ts). Keep the whole session, or a
 * ring of the last seconds (a flight recorder). `replay` plays a session
 * back into a fresh net in the headless harness and names the first step
 * that diverges.
 *
 * ```ts
 * const recorder = record(net, { mode: "ring", seconds: 60, seed });
 * // later: keep it
 * recorder.saveTo(DataStoreService.GetDataStore("Recordings"), `session-${game.JobId}`);
 * ```
 *
 * Like the profiler, it taps the transport (tools/transportTap.ts over
 * tools/transportWrap.ts) and adds its systems with net.use; `stop()` removes
 * them. A net without a recorder pays nothing for it.
 *
 * Past the ~300-line guide: the Recorder class alone (the public methods and
 * the per-step capture they share state with); the format, the transport
 * tap, saving and replay are their own files.
 */
import {
	newWriter,
	resetWriter,
	toBuffer,
	Writer,
	writeBytes,
	writeF64,
	writeString,
	writeU32,
	writeU8,
	writeVarUint,
} from "../../src/codec";
import type { ClientNet } from "../../src/net/client";
import type { ServerNet } from "../../src/net/server";
import { ClientPhase, ServerPhase } from "../../src/schedule/phases";
import type { Placement, System } from "../../src/schedule/pipeline";
import { PROTOCOL_VERSION } from "../../src/wire/protocol";
import { isServerNet } from "../transportWrap";
import { decodeStep, encodeRecording, loadRecording, Recording, RecordedPlayer, RecordedStep, RecordingHeader, StepTag } from "./format";
import { StateDigest } from "./stateDigest";
import { RecordingStatus, setRecordingStatus } from "./status";
import { StepRing } from "./stepRing";
import { tapTransport } from "../transportTap";
import { StepFacts } from "./stepFacts";
import { RecordingStore, saveRecordingTo } from "./dataStore";

export interface RecordOptions {
	/** "session" (default): everything from now until stop(). "ring": only the last `seconds`. */
	mode?: "session" | "ring";
	/** Ring: seconds kept (default 30). */
	seconds?: number;
	/**
	 * Most bytes kept (default 16 MiB): a ring drops its oldest steps beyond
	 * it; a session stops recording there (with a warning).
	 */
	maxBytes?: number;
	/** Your game's seed, kept with the recording and handed back to the replay's systems (default 0). */
	seed?: number;
	/** "full" (default) keeps outgoing packets whole; "size" keeps only their sizes (a much smaller recording; replay needs only what came in). */
	packetsOut?: "full" | "size";
	/** The ModuleScript `skyrocket-test replay <file>` runs to replay this recording, as "Service/Child/..." (see the README). */
	setup?: string;
	/** Free text kept with the recording (e.g. the game settings its replay needs). */
	meta?: string;
}

export class Recorder {
	readonly side: "server" | "client";
	readonly mode: "session" | "ring";
	/** Ring length in seconds (session: 0). */
	readonly ringSeconds: number;
	readonly maxBytes: number;
	private readonly options: RecordOptions;
	private readonly startTime: number;
	private readonly startTick: number;
	/** The steps recorded (encoded). */
	private readonly ring: StepRing;
	/** The step being recorded (open between begin and end), and what arrived between steps. */
	private readonly current = newWriter(1024);
	private open = false;
	private readonly between = newWriter(64);
	private readonly players = new Map<Player, number>();
	private readonly playerList: RecordedPlayer[] = [];
	private readonly digest: StateDigest;
	private readonly entries: number[] = [];
	private readonly facts: StepFacts;
	private active = true;
	private readonly systems: System[] = [];

	constructor(
		private readonly net: ServerNet | ClientNet,
		options: RecordOptions = {},
	) {
		if (net.isDestroyed()) error("Skyrocket: record() needs a live net; this one was destroyed", 3);
		this.options = options;
		this.side = isServerNet(net) ? "server" : "client";
		this.mode = options.mode ?? "session";
		this.ringSeconds = this.mode === "ring" ? (options.seconds ?? 30) : 0;
		this.maxBytes = options.maxBytes ?? 16 * 1024 * 1024;
		if (this.mode === "ring" && !(this.ringSeconds > 0))
			error(`Skyrocket: a ring recording keeps a positive number of seconds, got ${this.ringSeconds}`, 3);
		this.startTime = net.context.time;
		this.startTick = isServerNet(net) ? net.context.tick : 0;
		this.facts = new StepFacts(net, (player) => this.indexOf(player));
		this.ring = new StepRing(this.mode === "ring" ? this.ringSeconds : undefined, this.maxBytes);
		const use = (system: System, placement: Placement<ServerPhase>, name: string) => {
			this.systems.push(system);
			(net as ServerNet).use(system, placement, name);
		};
		// eslint-disable-next-line @typescript-eslint/no-this-alias -- the tap's methods run with the tap as self
		const recorder = this;
		tapTransport(net, {
			active: () => recorder.active,
			packetIn: (player, reliable, data) => recorder.packetIn(player !== undefined ? recorder.indexOf(player) : 0, reliable, data),
			packetOut: (player, reliable, data) => recorder.packetOut(player !== undefined ? recorder.indexOf(player) : 0, reliable, data),
			joined: (player) => recorder.joined(player),
			left: (player) => {
				const w = recorder.target();
				writeU8(w, StepTag.Leave);
				writeVarUint(w, recorder.indexOf(player));
			},
		});
		if (isServerNet(net)) {
			const ctx = net.context;
			this.digest = new StateDigest(net.world, ctx.registry, (e) => ctx.tracked.get(e)?.handle, ctx.codecContext);
			use((dt) => this.begin(dt), { before: ServerPhase.Receive }, "recorder: begin step");
			use(
				() => {
					this.digestStep();
					this.end();
				},
				{ before: ServerPhase.Cleanup },
				"recorder: end step",
			);
		} else {
			const ctx = net.context;
			this.digest = new StateDigest(net.world, ctx.registry, (e) => ctx.handles.get(e), ctx.codecContext);
			const asServer = (p: ClientPhase) => p as unknown as ServerPhase;
			use((dt) => this.begin(dt), { before: asServer(ClientPhase.Receive) }, "recorder: begin step");
			// the replicated state as the server sent it: before the game's systems may touch it
			use(() => this.digestStep(), { after: asServer(ClientPhase.Receive) }, "recorder: digest");
			use(() => this.end(), { after: asServer(ClientPhase.Cleanup) }, "recorder: end step");
		}
		setRecordingStatus(net, () => this.status());
		// a destroyed net leaves no listener behind, the recorder's included (what it kept stays readable)
		net.onDestroy(() => this.stop());
	}

	/** Where records go now: the open step, or (between steps) the next one. */
	private target(): Writer {
		return this.open ? this.current : this.between;
	}

	private indexOf(player: Player): number {
		const index = this.players.get(player);
		if (index !== undefined) return index;
		// connected before the recording started
		return this.joined(player, true);
	}

	private joined(player: Player, already = false): number {
		let index = this.players.get(player);
		if (index === undefined) {
			index = this.playerList.size() + 1;
			this.players.set(player, index);
			this.playerList.push({ index, userId: player.UserId, name: player.Name });
		}
		if (!already) {
			const w = this.target();
			writeU8(w, StepTag.Join);
			writeVarUint(w, index);
		}
		return index;
	}

	private packetIn(player: number, reliable: boolean, data: unknown) {
		const w = this.target();
		if (!typeIs(data, "buffer")) {
			writeU8(w, StepTag.InOther);
			writeVarUint(w, player);
			writeU8(w, reliable ? 1 : 0);
			writeString(w, typeOf(data));
			return;
		}
		writeU8(w, StepTag.In);
		writeVarUint(w, player);
		writeU8(w, reliable ? 1 : 0);
		writeVarUint(w, buffer.len(data));
		writeBytes(w, data);
	}

	private packetOut(player: number, reliable: boolean, data: buffer) {
		const w = this.target();
		const full = this.options.packetsOut !== "size";
		writeU8(w, full ? StepTag.Out : StepTag.OutSize);
		writeVarUint(w, player);
		writeU8(w, reliable ? 1 : 0);
		writeVarUint(w, buffer.len(data));
		if (full) writeBytes(w, data);
	}

	/** Opens a step: its dt (what net.step was given), then whatever arrived since the last one. */
	private begin(dt: number) {
		const w = this.current;
		resetWriter(w);
		this.open = true;
		this.stepDt = dt;
		writeF64(w, dt);
		if (this.between.p > 0) {
			writeBytes(w, this.between.b, 0, this.between.p);
			resetWriter(this.between);
		}
	}

	private stepDt = 0;

	/** The events of this step, and the state digest. */
	private digestStep() {
		const w = this.current;
		if (!this.open) return;
		this.facts.writeEvents(w);
		const entries = this.entries;
		entries.clear();
		const checksum = this.digest.collect((handle, index, hash) => {
			entries.push(handle, index + 1, hash);
		});
		writeU8(w, StepTag.Digest);
		writeU32(w, checksum);
		writeVarUint(w, entries.size() / 3);
		for (let i = 0; i < entries.size(); i += 3) {
			writeVarUint(w, entries[i]);
			writeVarUint(w, entries[i + 1]);
			writeU32(w, entries[i + 2]);
		}
	}

	/** Closes the step: its drops, then into the ring. */
	private end() {
		if (!this.open) return;
		const w = this.current;
		this.facts.writeDrops(w);
		this.open = false;
		this.keep(toBuffer(w), this.stepDt);
	}

	private keep(chunk: buffer, dt: number) {
		const ring = this.ring;
		ring.push(chunk, dt);
		if (this.mode === "session" && ring.bytes > this.maxBytes) {
			warn(
				`Skyrocket: the recording reached its ${this.maxBytes}-byte limit after ${ring.lastStep} steps and stopped; record a ring (mode "ring") or raise maxBytes`,
			);
			this.stop();
		}
	}

	/** What the profiler and the debug panel show. */
	status(): RecordingStatus {
		const ring = this.ring;
		return {
			recording: this.active,
			mode: this.mode,
			bytes: ring.bytes,
			seconds: ring.seconds,
			steps: ring.size(),
			ringSeconds: this.ringSeconds,
		};
	}

	/** Whether it is still recording. */
	isRecording(): boolean {
		return this.active;
	}

	/** Bytes of the steps kept (the saved buffer adds a small header). */
	bytes(): number {
		return this.ring.bytes;
	}

	/** Steps kept. */
	steps(): number {
		return this.ring.size();
	}

	/** The newest step kept, decoded (undefined before the first). */
	lastStep(): RecordedStep | undefined {
		const chunk = this.ring.newest();
		return chunk !== undefined ? decodeStep(chunk, 0, buffer.len(chunk), this.ring.lastStep) : undefined;
	}

	/** Simulated seconds kept (sum of the kept steps' dt). */
	seconds(): number {
		return this.ring.seconds;
	}

	private header(): RecordingHeader {
		const ctx = this.net.context;
		return {
			side: this.side,
			seed: this.options.seed ?? 0,
			protocol: PROTOCOL_VERSION,
			startTime: this.startTime,
			startTick: this.startTick,
			mode: this.mode,
			ringSeconds: this.ringSeconds,
			firstStep: this.ring.firstStep,
			setup: this.options.setup ?? "",
			meta: this.options.meta ?? "",
			components: ctx.registry.list.map((info) => ({
				name: info.name,
				kind: info.kind,
				unreliable: info.unreliable,
				codec: info.codec?.name ?? "",
			})),
			events: ctx.events.list.map((ev) => ({
				name: ev.name,
				flags: (ev.reliable ? 1 : 0) + (ev.from === "client" ? 0 : ev.from === "server" ? 1 : 2) * 2 + (ev.response ? 8 : 0),
				codec: ev.codec.name,
			})),
			players: table.clone(this.playerList),
		};
	}

	/** The recording so far as one buffer (format.ts): save it to a file or a DataStore, load it with loadRecording. */
	save(): buffer {
		return encodeRecording(this.header(), this.ring.list());
	}

	/** The recording so far, decoded. */
	recording(): Recording {
		return loadRecording(this.save());
	}

	/**
	 * Saves the recording under `key` of a DataStore (a buffer value; at most
	 * 4 MiB: keep a ring, or packetsOut "size", to stay under it). Yields.
	 * Returns the bytes saved.
	 */
	saveTo(store: GlobalDataStore | RecordingStore, key: string): number {
		return saveRecordingTo(store, key, this.save());
	}

	/** Stops recording: its systems leave the pipeline, its transport wrapper passes packets through; what it kept stays readable. */
	stop() {
		if (!this.active) return;
		this.active = false;
		this.open = false;
		for (const system of this.systems) this.net.pipeline.remove(system);
		this.systems.clear();
		this.digest.destroy();
	}
}

/**
 * Starts recording `net` (server or client) from its next step. For a
 * recording `replay` can play back, start it before the net's first step.
 * See RecordOptions.
 */
export function record(net: ServerNet | ClientNet, options?: RecordOptions): Recorder {
	return new Recorder(net, options);
}
