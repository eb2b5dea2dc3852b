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
 * Like the profiler, it wraps the transport (tools/transportWrap.ts) and
 * adds its systems with net.use; `stop()` removes them. A net without a
 * recorder pays nothing for it.
 */
import type { Entity } from "@rbxts/jecs";
import { newWriter, resetWriter, toBuffer, Writer, writeBytes, writeF64, writeString, writeU32, writeU8, writeVarUint } from "../../src/codec";
import type { ClientNet } from "../../src/net/client";
import type { ServerNet } from "../../src/net/server";
import { ClientPhase, ServerPhase } from "../../src/schedule/phases";
import type { Placement, System } from "../../src/schedule/pipeline";
import { PROTOCOL_VERSION } from "../../src/wire/protocol";
import { NetEvent, Sender } from "../../components/events";
import { isServerNet, wrapClientTransport, wrapServerTransport } from "../transportWrap";
import { decodeStep, encodeRecording, loadRecording, Recording, RecordedPlayer, RecordedStep, RecordingHeader, StepTag } from "./format";
import { StateDigest } from "./stateDigest";
import { RecordingStatus, setRecordingStatus } from "./status";

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

/** Largest value a DataStore key holds (4 MiB). */
export const DATASTORE_LIMIT = 4194304;

/** What saveTo and loadRecordingFrom call on a DataStore (a DataStore from DataStoreService, or your own stand-in). */
export interface RecordingStore {
	SetAsync(key: string, value: unknown): unknown;
	GetAsync(key: string): LuaTuple<[unknown, ...unknown[]]>;
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
	/** Encoded steps, oldest first from `head`; their dts. */
	private chunks: buffer[] = [];
	private dts: number[] = [];
	private head = 0;
	private kept = 0;
	private keptSeconds = 0;
	private firstStep = 1;
	private stepCount = 0;
	/** The step being recorded (open between begin and end), and what arrived between steps. */
	private readonly current = newWriter(1024);
	private open = false;
	private readonly between = newWriter(64);
	private readonly players = new Map<Player, number>();
	private readonly playerList: RecordedPlayer[] = [];
	private readonly digest: StateDigest;
	private readonly entries: number[] = [];
	private readonly dropsSeen = new WeakMap<object, number>();
	private clientDrops = 0;
	private active = true;
	private readonly systems: System[] = [];

	constructor(
		private readonly net: ServerNet | ClientNet,
		options: RecordOptions = {},
	) {
		this.options = options;
		this.side = isServerNet(net) ? "server" : "client";
		this.mode = options.mode ?? "session";
		this.ringSeconds = this.mode === "ring" ? (options.seconds ?? 30) : 0;
		this.maxBytes = options.maxBytes ?? 16 * 1024 * 1024;
		if (this.mode === "ring" && !(this.ringSeconds > 0)) error(`Skyrocket: a ring recording keeps a positive number of seconds, got ${this.ringSeconds}`, 3);
		this.startTime = net.context.time;
		this.startTick = isServerNet(net) ? net.context.tick : 0;
		const recorder = this;
		const use = (system: System, placement: Placement<ServerPhase>, name: string) => {
			this.systems.push(system);
			(net as ServerNet).use(system, placement, name);
		};
		if (isServerNet(net)) {
			const ctx = net.context;
			this.digest = new StateDigest(net.world, ctx.registry, (e) => ctx.tracked.get(e)?.handle, ctx.codecContext);
			wrapServerTransport(net, (inner) => {
				const wrapped: typeof inner = {
					sendReliable(player, data) {
						inner.sendReliable(player, data);
						if (recorder.active) recorder.packetOut(recorder.indexOf(player), true, data);
					},
					sendUnreliable(player, data) {
						inner.sendUnreliable(player, data);
						if (recorder.active) recorder.packetOut(recorder.indexOf(player), false, data);
					},
					drain() {
						const list = inner.drain();
						if (recorder.active) for (const incoming of list) recorder.packetIn(incoming.player ? recorder.indexOf(incoming.player) : 0, incoming.reliable, incoming.data);
						return list;
					},
					drainJoins() {
						const list = inner.drainJoins();
						if (recorder.active) for (const player of list) recorder.joined(player);
						return list;
					},
					drainLeaves() {
						const list = inner.drainLeaves();
						if (recorder.active) {
							for (const player of list) {
								const w = recorder.target();
								writeU8(w, StepTag.Leave);
								writeVarUint(w, recorder.indexOf(player));
							}
						}
						return list;
					},
					broadcast(data, reliable) {
						const sent = inner.broadcast!(data, reliable);
						if (sent && recorder.active) recorder.packetOut(0, reliable, data);
						return sent;
					},
					destroy() {
						inner.destroy();
					},
				};
				// the net sends to each player when the transport cannot broadcast
				if (inner.broadcast === undefined) (wrapped as { broadcast?: unknown }).broadcast = undefined;
				return wrapped;
			});
			use((dt) => this.begin(dt), { before: ServerPhase.Receive }, "recorder: begin step");
			use(() => {
				this.digestStep();
				this.end();
			}, { before: ServerPhase.Cleanup }, "recorder: end step");
		} else {
			const ctx = net.context;
			this.digest = new StateDigest(net.world, ctx.registry, (e) => ctx.handles.get(e), ctx.codecContext);
			wrapClientTransport(net, (inner) => ({
				ready() {
					return inner.ready();
				},
				sendReliable(data) {
					inner.sendReliable(data);
					if (recorder.active) recorder.packetOut(0, true, data);
				},
				sendUnreliable(data) {
					inner.sendUnreliable(data);
					if (recorder.active) recorder.packetOut(0, false, data);
				},
				drain() {
					const list = inner.drain();
					if (recorder.active) for (const incoming of list) recorder.packetIn(0, incoming.reliable, incoming.data);
					return list;
				},
				destroy() {
					inner.destroy();
				},
			}));
			const asServer = (p: ClientPhase) => p as unknown as ServerPhase;
			use((dt) => this.begin(dt), { before: asServer(ClientPhase.Receive) }, "recorder: begin step");
			// the replicated state as the server sent it: before the game's systems may touch it
			use(() => this.digestStep(), { after: asServer(ClientPhase.Receive) }, "recorder: digest");
			use(() => this.end(), { after: asServer(ClientPhase.Cleanup) }, "recorder: end step");
		}
		setRecordingStatus(net, () => this.status());
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

	/** Events accepted and drops of this step, per player, and the state digest. */
	private digestStep() {
		const w = this.current;
		if (!this.open) return;
		const net = this.net;
		if (isServerNet(net)) {
			const world = net.world;
			const counts = new Map<number, number>();
			for (const e of net.events.spawned) {
				if (!world.contains(e) || !world.has(e, NetEvent)) continue;
				const sender = world.get(e, Sender);
				if (sender === undefined) continue;
				const index = this.indexOf(sender);
				counts.set(index, (counts.get(index) ?? 0) + 1);
			}
			for (const [index, count] of counts) {
				writeU8(w, StepTag.Events);
				writeVarUint(w, index);
				writeVarUint(w, count);
			}
			for (const conn of net.context.connections) {
				const dropped = conn.stats.dropped;
				const before = this.dropsSeen.get(conn) ?? 0;
				if (dropped === before) continue;
				this.dropsSeen.set(conn, dropped);
				writeU8(w, StepTag.Drops);
				writeVarUint(w, this.indexOf(conn.player));
				writeVarUint(w, dropped - before);
			}
		} else {
			let count = 0;
			for (const e of net.events.spawned) if (net.world.contains(e as Entity)) count += 1;
			if (count > 0) {
				writeU8(w, StepTag.Events);
				writeVarUint(w, 0);
				writeVarUint(w, count);
			}
		}
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

	/** Closes the step: its dt, drops (client), then into the ring. */
	private end() {
		if (!this.open) return;
		const net = this.net;
		const w = this.current;
		if (!isServerNet(net)) {
			const dropped = net.context.stats.dropped;
			if (dropped !== this.clientDrops) {
				writeU8(w, StepTag.Drops);
				writeVarUint(w, 0);
				writeVarUint(w, dropped - this.clientDrops);
				this.clientDrops = dropped;
			}
		}
		this.open = false;
		this.keep(toBuffer(w), this.stepDt);
	}

	private keep(chunk: buffer, dt: number) {
		this.chunks.push(chunk);
		this.dts.push(dt);
		this.stepCount += 1;
		this.kept += buffer.len(chunk);
		this.keptSeconds += dt;
		if (this.mode === "ring") {
			while (this.chunks.size() - this.head > 1 && (this.keptSeconds > this.ringSeconds + 1e-9 || this.kept > this.maxBytes)) {
				this.kept -= buffer.len(this.chunks[this.head]);
				this.keptSeconds -= this.dts[this.head];
				this.head += 1;
				this.firstStep += 1;
			}
			if (this.head > 256 && this.head * 2 > this.chunks.size()) {
				this.chunks = this.chunks.filter((_, i) => i >= this.head);
				this.dts = this.dts.filter((_, i) => i >= this.head);
				this.head = 0;
			}
		} else if (this.kept > this.maxBytes) {
			warn(`Skyrocket: the recording reached its ${this.maxBytes}-byte limit after ${this.stepCount} steps and stopped; record a ring (mode "ring") or raise maxBytes`);
			this.stop();
		}
	}

	/** What the profiler and the debug panel show. */
	status(): RecordingStatus {
		return { recording: this.active, mode: this.mode, bytes: this.kept, seconds: this.keptSeconds, steps: this.chunks.size() - this.head, ringSeconds: this.ringSeconds };
	}

	/** Whether it is still recording. */
	isRecording(): boolean {
		return this.active;
	}

	/** Bytes of the steps kept (the saved buffer adds a small header). */
	bytes(): number {
		return this.kept;
	}

	/** Steps kept. */
	steps(): number {
		return this.chunks.size() - this.head;
	}

	/** The newest step kept, decoded (undefined before the first). */
	lastStep(): RecordedStep | undefined {
		const n = this.chunks.size();
		if (n === this.head) return undefined;
		const chunk = this.chunks[n - 1];
		return decodeStep(chunk, 0, buffer.len(chunk), this.stepCount);
	}

	/** Simulated seconds kept (sum of the kept steps' dt). */
	seconds(): number {
		return this.keptSeconds;
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
			firstStep: this.firstStep,
			setup: this.options.setup ?? "",
			meta: this.options.meta ?? "",
			components: ctx.registry.list.map((info) => ({ name: info.name, kind: info.kind, unreliable: info.unreliable, codec: info.codec?.name ?? "" })),
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
		const steps: buffer[] = [];
		for (let i = this.head; i < this.chunks.size(); i++) steps.push(this.chunks[i]);
		return encodeRecording(this.header(), steps);
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
		const data = this.save();
		const size = buffer.len(data);
		if (size > DATASTORE_LIMIT) {
			error(`Skyrocket: the recording is ${size} bytes, over a DataStore value's ${DATASTORE_LIMIT}; record a shorter ring or with packetsOut "size"`, 2);
		}
		(store as RecordingStore).SetAsync(key, data);
		return size;
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

/** Loads a recording saved with recorder.saveTo(store, key). Yields. */
export function loadRecordingFrom(store: GlobalDataStore | RecordingStore, key: string): Recording {
	const [value] = (store as RecordingStore).GetAsync(key);
	if (!typeIs(value, "buffer")) error(`Skyrocket: DataStore key ${key} holds no recording (${typeOf(value)})`, 2);
	return loadRecording(value);
}
