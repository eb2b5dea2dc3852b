/**
 * The recording format: one versioned, little-endian buffer, the one source
 * of its layout (harness/node/recording.ts reads the same bytes for the
 * `skyrocket-test replay` timeline; keep them in step).
 *
 * ```
 * header   "SKYREC", u8 format version, u8 side (1 server, 2 client), f64 seed,
 *          varuint protocol version, f64 net time at the start, varuint net tick at
 *          the start, u8 mode (0 session, 1 ring), f64 ring seconds, varuint number
 *          of the first step kept, string setup module, string meta,
 *          varuint n, n x (string name, u8 kind + 16 if unreliable, string codec),
 *          varuint n, n x (string event name, u8 flags, string codec),
 *          varuint n, n x (varuint player index, f64 UserId, string name),
 *          varuint steps, steps x (varuint length, step bytes)
 * step     f64 dt, then records to its end, each a u8 tag:
 *          1 in        varuint player, u8 reliable, varuint length, bytes
 *          2 out       varuint player (server: 0 = every player at once), u8 reliable, varuint length, bytes
 *          3 join      varuint player
 *          4 leave     varuint player
 *          5 events    varuint player, varuint count (events accepted this step)
 *          6 drops     varuint player, varuint count (packets and events dropped this step)
 *          7 digest    u32 checksum of the replicated state, varuint n,
 *                      n x (varuint handle, varuint component (1-based, header order), u32 hash; 0 = absent)
 *          8 out size  varuint player, u8 reliable, varuint length (packetsOut: "size")
 *          9 in other  varuint player, u8 reliable, string type (a value that was not a buffer)
 * ```
 * Players are numbered from 1 in join order; on a client, player 0 is the server.
 * The digest's hash (stateDigest.ts) is part of the format: a replay compares
 * hashes, so changing how they are computed needs a new format version.
 */
import {
	CodecError,
	newReader,
	newWriter,
	Reader,
	readF64,
	readString,
	readU32,
	readU8,
	readVarUint,
	toBuffer,
	Writer,
	writeBytes,
	writeF64,
	writeString,
	writeU8,
	writeVarUint,
} from "../../src/codec";

/** The format version this build writes; it reads this one and older ones. */
export const RECORDING_VERSION = 1;
export const RECORDING_MAGIC = "SKYREC";

export const enum StepTag {
	In = 1,
	Out = 2,
	Join = 3,
	Leave = 4,
	Events = 5,
	Drops = 6,
	Digest = 7,
	OutSize = 8,
	InOther = 9,
}

/** A replicated id as the recorded net registered it. */
export interface RecordedRegistration {
	readonly name: string;
	/** 1 component, 2 tag, 3 relation. */
	readonly kind: number;
	readonly unreliable: boolean;
	readonly codec: string;
}

/** A declared event as the recorded net declared it. */
export interface RecordedEvent {
	readonly name: string;
	readonly flags: number;
	readonly codec: string;
}

export interface RecordedPlayer {
	/** 1, 2, 3... in join order. */
	readonly index: number;
	readonly userId: number;
	readonly name: string;
}

/** One packet that crossed the transport. `data` is absent when only its size was kept. */
export interface RecordedPacket {
	/** Player index (server: 0 for one call to every player; client: 0, the server). */
	readonly player: number;
	readonly reliable: boolean;
	readonly size: number;
	readonly data?: buffer;
	/** For an inbound value that was not a buffer: its type. */
	readonly other?: string;
}

/** One digest entry: a (handle, component) whose hash changed this step (0: now absent). */
export interface DigestEntry {
	readonly handle: number;
	/** 1-based, in the recording's component order. */
	readonly component: number;
	readonly hash: number;
}

/** One net step. */
export interface RecordedStep {
	/** 1-based, counted from the start of the recording. */
	readonly step: number;
	readonly dt: number;
	readonly inbound: RecordedPacket[];
	readonly outbound: RecordedPacket[];
	readonly joins: number[];
	readonly leaves: number[];
	/** Player index -> events accepted / packets and events dropped this step. */
	readonly events: Map<number, number>;
	readonly drops: Map<number, number>;
	/** Checksum of the replicated state at the end of the step (undefined: not digested). */
	readonly checksum?: number;
	readonly digest: DigestEntry[];
}

/** A decoded recording (loadRecording, or a recorder's recording()). */
export interface Recording {
	readonly version: number;
	readonly side: "server" | "client";
	readonly seed: number;
	readonly protocol: number;
	/** The net's time and tick when recording began (0 and 0: from the net's first step). */
	readonly startTime: number;
	readonly startTick: number;
	readonly mode: "session" | "ring";
	readonly ringSeconds: number;
	/** Number of the first step kept (above 1 once a ring dropped older steps). */
	readonly firstStep: number;
	/** The ModuleScript `skyrocket-test replay` runs to replay it (see record's `setup`). */
	readonly setup: string;
	/** Free text kept with it (record's `meta`). */
	readonly meta: string;
	readonly components: RecordedRegistration[];
	readonly events: RecordedEvent[];
	readonly players: RecordedPlayer[];
	readonly steps: RecordedStep[];
}

/** Everything in the header but the steps. */
export type RecordingHeader = Omit<Recording, "steps" | "version">;

/** Writes the header and the given encoded steps as one buffer. */
export function encodeRecording(header: RecordingHeader, steps: buffer[]): buffer {
	let size = 256;
	for (const s of steps) size += buffer.len(s) + 4;
	const w = newWriter(size);
	writeHeader(w, header);
	writeVarUint(w, steps.size());
	for (const s of steps) {
		writeVarUint(w, buffer.len(s));
		writeBytes(w, s);
	}
	return toBuffer(w);
}

function writeHeader(w: Writer, h: RecordingHeader) {
	buffer.writestring(w.b, 0, RECORDING_MAGIC);
	w.p = RECORDING_MAGIC.size();
	writeU8(w, RECORDING_VERSION);
	writeU8(w, h.side === "server" ? 1 : 2);
	writeF64(w, h.seed);
	writeVarUint(w, h.protocol);
	writeF64(w, h.startTime);
	writeVarUint(w, h.startTick);
	writeU8(w, h.mode === "ring" ? 1 : 0);
	writeF64(w, h.ringSeconds);
	writeVarUint(w, h.firstStep);
	writeString(w, h.setup);
	writeString(w, h.meta);
	writeVarUint(w, h.components.size());
	for (const c of h.components) {
		writeString(w, c.name);
		writeU8(w, c.kind + (c.unreliable ? 16 : 0));
		writeString(w, c.codec);
	}
	writeVarUint(w, h.events.size());
	for (const e of h.events) {
		writeString(w, e.name);
		writeU8(w, e.flags);
		writeString(w, e.codec);
	}
	writeVarUint(w, h.players.size());
	for (const p of h.players) {
		writeVarUint(w, p.index);
		writeF64(w, p.userId);
		writeString(w, p.name);
	}
}

const NAME_LIMIT = 1000;

/**
 * Decodes a recording. Refuses what is not one, and a newer format with a
 * message saying so (a recording is read by the Skyrocket that wrote it, or
 * a newer one).
 */
export function loadRecording(data: buffer): Recording {
	if (!typeIs(data, "buffer")) error(`Skyrocket: loadRecording expects a buffer, got ${typeOf(data)}`, 2);
	const magic = RECORDING_MAGIC.size();
	if (buffer.len(data) < magic + 1 || buffer.readstring(data, 0, magic) !== RECORDING_MAGIC) {
		error("Skyrocket: this is not a Skyrocket recording (it does not start with SKYREC)", 2);
	}
	const version = buffer.readu8(data, magic);
	if (version > RECORDING_VERSION) {
		error(
			`Skyrocket: this recording is format version ${version}, newer than this Skyrocket reads (${RECORDING_VERSION}); replay it with the Skyrocket version that recorded it, or a newer one`,
			2,
		);
	}
	const r = newReader(data, magic + 1);
	const [ok, result] = pcall(() => readBody(r, version));
	if (!ok) error(`Skyrocket: this recording is damaged: ${result instanceof CodecError ? result.reason : tostring(result)}`, 2);
	return result as Recording;
}

function readBody(r: Reader, version: number): Recording {
	const side = readU8(r) === 1 ? "server" : "client";
	const seed = readF64(r);
	const protocol = readVarUint(r);
	const startTime = readF64(r);
	const startTick = readVarUint(r);
	const mode = readU8(r) === 1 ? "ring" : "session";
	const ringSeconds = readF64(r);
	const firstStep = readVarUint(r);
	const setup = readString(r, NAME_LIMIT);
	const meta = readString(r, 65536);
	const components: RecordedRegistration[] = [];
	for (let i = readVarUint(r); i > 0; i--) {
		const name = readString(r, NAME_LIMIT);
		const kind = readU8(r);
		components.push({ name, kind: kind % 16, unreliable: kind >= 16, codec: readString(r, NAME_LIMIT) });
	}
	const events: RecordedEvent[] = [];
	for (let i = readVarUint(r); i > 0; i--)
		events.push({ name: readString(r, NAME_LIMIT), flags: readU8(r), codec: readString(r, NAME_LIMIT) });
	const players: RecordedPlayer[] = [];
	for (let i = readVarUint(r); i > 0; i--) players.push({ index: readVarUint(r), userId: readF64(r), name: readString(r, NAME_LIMIT) });
	const steps: RecordedStep[] = [];
	const count = readVarUint(r);
	for (let i = 0; i < count; i++) {
		const length = readVarUint(r);
		if (r.p + length > r.n) throw new CodecError(`step ${firstStep + i} is cut short`);
		steps.push(decodeStep(r.b, r.p, length, firstStep + i));
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
	};
}

/** Decodes one step's bytes (`length` bytes of `b` from `offset`). */
export function decodeStep(b: buffer, offset: number, length: number, step: number): RecordedStep {
	const r = newReader(b, offset, length);
	const out: RecordedStep = {
		step,
		dt: readF64(r),
		inbound: [],
		outbound: [],
		joins: [],
		leaves: [],
		events: new Map(),
		drops: new Map(),
		checksum: undefined,
		digest: [],
	};
	let checksum: number | undefined;
	while (r.p < r.n) {
		const tag = readU8(r);
		if (tag === StepTag.In || tag === StepTag.Out) {
			const player = readVarUint(r);
			const reliable = readU8(r) === 1;
			const size = readVarUint(r);
			if (r.p + size > r.n) throw new CodecError(`packet of ${size} bytes cut short in step ${step}`);
			const data = buffer.create(size);
			buffer.copy(data, 0, r.b, r.p, size);
			r.p += size;
			(tag === StepTag.In ? out.inbound : out.outbound).push({ player, reliable, size, data });
		} else if (tag === StepTag.OutSize) {
			out.outbound.push({ player: readVarUint(r), reliable: readU8(r) === 1, size: readVarUint(r) });
		} else if (tag === StepTag.InOther) {
			out.inbound.push({ player: readVarUint(r), reliable: readU8(r) === 1, size: 0, other: readString(r, 64) });
		} else if (tag === StepTag.Join) {
			out.joins.push(readVarUint(r));
		} else if (tag === StepTag.Leave) {
			out.leaves.push(readVarUint(r));
		} else if (tag === StepTag.Events || tag === StepTag.Drops) {
			const player = readVarUint(r);
			(tag === StepTag.Events ? out.events : out.drops).set(player, readVarUint(r));
		} else if (tag === StepTag.Digest) {
			checksum = readU32(r);
			for (let n = readVarUint(r); n > 0; n--)
				out.digest.push({ handle: readVarUint(r), component: readVarUint(r), hash: readU32(r) });
		} else {
			throw new CodecError(`unknown record ${tag} in step ${step}`);
		}
	}
	return checksum === undefined ? out : { ...out, checksum };
}
