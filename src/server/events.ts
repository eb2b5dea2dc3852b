/**
 * Server side of events and requests: decodes event records from client
 * packets into event entities, encodes events for clients, and keeps the
 * per-player counters. Guards (rate limits, validation) are systems that run
 * over the event entities this creates.
 */
import { Entity, World } from "@rbxts/jecs";
import {
	CodecError,
	newWriter,
	Reader,
	readVarUint,
	toBuffer,
	Writer,
	writeBytes,
	writeF64,
	writeString,
	writeU8,
	writeVarUint,
	resetWriter,
} from "../codec";
import { ConnectionState } from "./connection";
import { ServerContext } from "./context";
import { Op, PacketKind, UNRELIABLE_BUDGET, UNRELIABLE_EVENT_HEADROOM } from "../wire/protocol";
import { ResolvedGuardConfig } from "../core/guardConfig";
import { EventInfo, EventRegistry } from "../core/eventRegistry";
import { NetEvent, RequestId, Sender, Violation, ViolationData, ViolationKind } from "../../components/events";
import { eventCounters } from "../../components/stats";
import { countDrop } from "../core/report";
import { closeRequest, openRequest } from "./openRequests";
import { beginFrame, endFrame } from "../wire/frames";
import { EventGuard } from "./eventGuard";

export class ServerEvents {
	readonly registry: EventRegistry;
	/** Event and violation entities spawned this step (despawned at cleanup). */
	spawned: Entity[] = [];
	/** Request entities answered this step (a second answer through one is an error). */
	private readonly answered = new Set<Entity>();
	/** Event entities made after the game phase (e.g. in send): they live through the next step. */
	later: Entity[] = [];
	/** Told of every incoming event entity dropped, before it is despawned (transactions fail their bundle). */
	onDrop?: (eventEntity: Entity, info: EventInfo, detail: string) => void;
	private readonly scratch = newWriter(64);
	/** Rate limits, flood limit and request ids, checked before a payload is decoded. */
	readonly eventGuard: EventGuard;

	constructor(
		readonly world: World,
		readonly ctx: ServerContext,
		readonly guard: ResolvedGuardConfig,
	) {
		this.registry = ctx.events;
		this.eventGuard = new EventGuard(guard);
	}

	/**
	 * Counts a drop and reports it as a Violation event entity: one per
	 * player, kind and step (later ones of the step add to its `count`), and
	 * a warning once per player, kind and event.
	 */
	violation(conn: ConnectionState, kind: ViolationKind, detail: string, event?: string) {
		countDrop(conn.stats, kind);
		if (kind === "rate-limit" || kind === "flood") this.noteFloodDrop(conn);
		const g = conn.guard;
		if (g.violationTick !== this.ctx.tick) {
			g.violations.clear();
			g.violationTick = this.ctx.tick;
		}
		// the step's entity of this kind already exists: only its count grows (no world access: refusing stays cheap)
		const existing = g.violations.get(kind);
		if (existing !== undefined) {
			existing.count += 1;
			return;
		}
		const world = this.world;
		const e = world.entity();
		const data: ViolationData = { player: conn.player, kind, detail, event, count: 1 };
		world.set(e, Violation, data);
		g.violations.set(kind, data);
		this.spawned.push(e);
		conn.warnings.once(
			`violation:${kind}:${event ?? ""}`,
			`Skyrocket: dropped ${event !== undefined ? `event ${event}` : "a packet"} from ${conn.player.Name} (${kind}: ${detail}). Further drops for this reason are counted silently.`,
		);
	}

	private noteFloodDrop(conn: ConnectionState) {
		const policy = this.guard.floodKick;
		if (!policy) return;
		const now = this.ctx.time;
		const drops = conn.guard.drops;
		drops.push(now);
		while (drops.size() > 0 && drops[0] < now - policy.window) drops.shift();
		if (drops.size() > policy.threshold) {
			drops.clear();
			conn.player.Kick(policy.message);
		}
	}

	/**
	 * Decodes an Event or Request record (op, [request id], event id, payload
	 * length, payload) and stages the event entity; false for other records.
	 * The guards run before the payload is decoded: a refused event is
	 * skipped by its length, so refusing builds nothing. Entity references
	 * in the payload resolve only to entities the sender sees now; any other
	 * drops the event (a "reference" violation).
	 */
	readonly handler = (conn: ConnectionState, op: number, r: Reader, _reliable: boolean, staged: (() => void)[]): boolean => {
		if (op !== Op.Event && op !== Op.Request) return false;
		const requestId = op === Op.Request ? readVarUint(r) : undefined;
		const id = readVarUint(r);
		const info = this.registry.byWire[id - 1];
		if (info === undefined) throw new CodecError(`unknown event id ${id}`);
		if (info.from === "server") throw new CodecError(`event ${info.name} may only be sent by the server`);
		if ((requestId !== undefined) !== (info.response !== undefined)) throw new CodecError(`${info.name}: request/event mismatch`);
		const bytes = readVarUint(r);
		const start = r.p;
		const stop = start + bytes;
		if (stop > r.n) throw new CodecError(`${info.name}: payload of ${bytes} bytes runs past the packet`);
		const refused = this.eventGuard.admit(conn, info, requestId, this.ctx.time);
		if (refused !== undefined) {
			r.p = stop;
			this.refuse(conn, info, refused, this.eventGuard.detail, bytes);
			return true;
		}
		const ctx = this.ctx;
		ctx.viewer = conn;
		ctx.unseenRef = 0;
		const [ok, value] = pcall(() => info.codec.read(r, ctx.codecContext));
		ctx.viewer = undefined;
		if (!ok) throw value;
		if (r.p !== stop) throw new CodecError(`${info.name}: payload is ${r.p - start} bytes, its record says ${bytes}`);
		if (ctx.unseenRef !== 0) {
			this.refuse(conn, info, "reference", `names entity handle ${ctx.unseenRef}, which this player does not see`, bytes);
			return true;
		}
		staged.push(() => this.spawnIncoming(conn, info, value, bytes, requestId));
		return true;
	};

	/** Counts an event refused before it became an entity (it arrived: received, and refused). */
	private refuse(conn: ConnectionState, info: EventInfo, kind: ViolationKind, detail: string, bytes: number) {
		const c = eventCounters(conn.stats, info.name);
		c.received += 1;
		c.bytes += bytes;
		if (kind === "rate-limit" || kind === "flood") c.rateLimited += 1;
		else c.rejected += 1;
		this.violation(conn, kind, detail, info.name);
	}

	private spawnIncoming(conn: ConnectionState, info: EventInfo, value: unknown, bytes: number, requestId?: number) {
		const world = this.world;
		const e = world.entity();
		world.set(e, info.component, value);
		world.set(e, Sender, conn.player);
		world.set(e, NetEvent, info);
		if (requestId !== undefined) {
			world.set(e, RequestId, requestId);
			openRequest(conn, requestId);
		}
		this.spawned.push(e);
		const c = eventCounters(conn.stats, info.name);
		c.received += 1;
		c.bytes += bytes;
	}

	/** The declared event an incoming event entity carries (undefined once despawned). */
	infoOf(eventEntity: Entity): EventInfo | undefined {
		// NetEvent holds the EventInfo itself: its public type shows only name and id
		return this.world.get(eventEntity, NetEvent) as EventInfo | undefined;
	}

	/** Drops an incoming event entity (from a guard or a user middleware), counting why. */
	drop(eventEntity: Entity, kind: ViolationKind, detail: string) {
		const world = this.world;
		if (!world.contains(eventEntity)) return;
		const info = world.get(eventEntity, NetEvent);
		const player = world.get(eventEntity, Sender);
		const conn = player && this.ctx.byPlayer.get(player);
		if (info) this.onDrop?.(eventEntity, info as EventInfo, detail);
		if (conn && info) {
			const requestId = world.get(eventEntity, RequestId);
			if (requestId !== undefined && !this.answered.has(eventEntity)) closeRequest(conn, requestId);
			const c = eventCounters(conn.stats, info.name);
			if (kind === "rate-limit" || kind === "flood") c.rateLimited += 1;
			else c.rejected += 1;
			this.violation(conn, kind, detail, info.name);
		}
		world.delete(eventEntity);
	}

	/** An Event record; the payload framed unless its size is fixed, so a client that does not declare the event skips it. */
	private encode(w: Writer, info: EventInfo, value: unknown) {
		writeU8(w, Op.Event);
		writeVarUint(w, info.id);
		const frame = beginFrame(w, info.size);
		info.codec.write(w, value, this.ctx.codecContext);
		endFrame(w, frame);
	}

	/**
	 * Queues an event for one connection (sent with this step's packets). A
	 * player whose client has not said hello yet gets it once it does (up to
	 * 64 KiB held), as Roblox holds remote events until a listener connects.
	 */
	sendTo(conn: ConnectionState, info: EventInfo, value: unknown) {
		if (!conn.ready && conn.pendingEvents.p > 65536) {
			conn.warnings.once(
				"unready",
				`Skyrocket: ${conn.player.Name}'s client has not started its net; events to it are being dropped`,
			);
			return;
		}
		const c = eventCounters(conn.stats, info.name);
		c.sent += 1;
		// an unreliable event whose id the client cannot know yet (declared this step, or before its first packet) goes with the schema
		if (info.reliable || info.id > this.ctx.announced.events || !conn.schemaSent) {
			const before = conn.pendingEvents.p;
			this.encode(conn.pendingEvents, info, value);
			c.bytes += conn.pendingEvents.p - before;
			return;
		}
		const s = this.scratch;
		resetWriter(s);
		this.encode(s, info, value);
		c.bytes += s.p;
		if (s.p + UNRELIABLE_EVENT_HEADROOM > UNRELIABLE_BUDGET) {
			this.ctx.warnings.once(
				`big-unreliable:${info.name}`,
				`Skyrocket: unreliable event ${info.name} of ${s.p} bytes exceeds one packet; make it reliable`,
			);
			return;
		}
		this.appendUnreliable(conn, s);
	}

	/** Appends encoded records to `conn`'s unreliable packet of this step (a new one when full). */
	appendUnreliable(conn: ConnectionState, records: Writer) {
		const packets = conn.unreliableEvents;
		let current = packets[packets.size() - 1];
		if (current === undefined || current.p + records.p > UNRELIABLE_BUDGET) {
			current = newWriter(128);
			writeU8(current, PacketKind.ServerUnreliable);
			writeVarUint(current, this.ctx.tick);
			packets.push(current);
		}
		writeBytes(current, records.b, 0, records.p);
	}

	/**
	 * Answers request `requestId` of `player` (from `requestEntity` when the
	 * game answers through it): `ok` with `value`, or a failure with the
	 * message `value`. Errors at the caller's caller (the game's call) when it
	 * was answered already, and when the codec refuses the answer: the client's
	 * promise is then rejected at once with the codec's reason.
	 */
	answer(player: Player, info: EventInfo, requestId: number, requestEntity: Entity | undefined, ok: boolean, value: unknown) {
		const conn = this.ctx.byPlayer.get(player);
		if (conn === undefined) return; // the player left: nobody to answer
		const what = `request ${info.name} #${requestId} from ${player.Name}`;
		if ((requestEntity !== undefined && this.answered.has(requestEntity)) || !closeRequest(conn, requestId))
			error(`Skyrocket: ${what} was already answered (or never received); respond or fail once per request`, 3);
		if (requestEntity !== undefined) this.answered.add(requestEntity);
		const refused = ok ? info.response!.validate(value) : undefined;
		if (refused === undefined) {
			this.respond(conn, info, requestId, ok, value);
			return;
		}
		this.respond(conn, info, requestId, false, `the server's answer could not be encoded: ${refused}`);
		error(`Skyrocket: cannot answer ${what}: ${refused}. The client's invoke() was rejected with this reason.`, 3);
	}

	/** Writes a Response record (reliable, in this step's packet). */
	private respond(conn: ConnectionState, info: EventInfo, requestId: number, ok: boolean, value: unknown) {
		const w = conn.pendingEvents;
		writeU8(w, Op.Response);
		writeVarUint(w, requestId);
		writeVarUint(w, info.id);
		writeU8(w, ok ? 1 : 0);
		if (ok) info.response!.write(w, value, this.ctx.codecContext);
		else writeString(w, tostring(value).sub(1, 1000));
	}

	/**
	 * Hands this step's unreliable event packets to `out`, after at most one
	 * clock Pong per player (answering the newest ping of the step), sent only
	 * while the player's budget has room: pings never make the server send
	 * more than it would anyway.
	 */
	flushUnreliable() {
		const ctx = this.ctx;
		const budgeted = ctx.config.budgetPerPlayer > 0;
		const global = ctx.config.budgetGlobal > 0;
		const w = this.scratch;
		for (const conn of ctx.connections) {
			const echo = conn.guard.pingEcho;
			if (echo !== undefined) {
				conn.guard.pingEcho = undefined;
				if ((!budgeted || conn.budget.tokens > 0) && (!global || ctx.globalTokens > 0)) {
					resetWriter(w);
					writeU8(w, Op.Pong);
					writeF64(w, echo);
					writeF64(w, ctx.time);
					writeVarUint(w, ctx.tick);
					this.appendUnreliable(conn, w);
				}
			}
			const packets = conn.unreliableEvents;
			if (packets.size() === 0) continue;
			for (const w of packets) conn.unreliableOut.push(toBuffer(w));
			packets.clear();
		}
	}

	/** Despawns this step's event and violation entities; those made late live one more step. */
	cleanup() {
		const world = this.world;
		for (const e of this.spawned) if (world.contains(e)) world.delete(e);
		this.answered.clear();
		this.spawned = this.later;
		this.later = [];
	}
}
