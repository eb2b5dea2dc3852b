/**
 * Client side of events and requests: encodes what the game sends into this
 * step's packets, turns events from the server into event entities, and
 * resolves request promises (with timeouts and retries).
 */
import { Entity, World } from "@rbxts/jecs";
import {
	CodecError,
	newWriter,
	Reader,
	readString,
	readU8,
	readVarUint,
	resetWriter,
	Writer,
	writeBytes,
	writeU8,
	writeVarUint,
} from "../codec";
import { ClientContext } from "./context";
import { Op, UNRELIABLE_BUDGET } from "../wire/protocol";
import { closeFrame, openFrame, skipSized } from "../wire/frames";
import { EventInfo, EventRegistry } from "../core/eventRegistry";
import { NetEvent } from "../../components/events";
import { eventCounters } from "../../components/stats";

interface PendingRequest {
	readonly info: EventInfo;
	readonly value: unknown;
	readonly resolve: (value: unknown) => void;
	readonly reject: (reason: unknown) => void;
	readonly timeout: number;
	attemptsLeft: number;
	deadline: number;
	sent: boolean;
}

export class ClientEvents {
	readonly registry: EventRegistry;
	/** Event entities spawned this step (despawned at cleanup). */
	spawned: Entity[] = [];
	/** Records for this step's reliable packet. */
	readonly reliable: Writer = newWriter(64);
	/** Records for this step's unreliable packet(s). */
	readonly unreliable: Writer = newWriter(64);
	/** Sends waiting for the server's schema (event ids): an event, or a transaction (its id and parts). */
	private queued: ([EventInfo, unknown] | [number, [EventInfo, unknown][]])[] = [];
	/**
	 * Set while a net.transaction callback runs: sends join this bundle
	 * instead of the packet (anything that travels as a client event joins
	 * the same way; NetProperty changes there are optimistic, see properties.ts).
	 */
	collecting?: [EventInfo, unknown][];
	/** Scratch for one payload (written after its length). */
	private readonly payload: Writer = newWriter(64);
	readonly pending = new Map<number, PendingRequest>();
	private nextRequest = 1;

	constructor(
		readonly world: World,
		readonly ctx: ClientContext,
	) {
		this.registry = ctx.events;
	}

	/** Whether event ids are known (the schema arrived). */
	private ready(): boolean {
		return this.ctx.wire !== undefined;
	}

	/** Whether the server knows `info` (same name and codec): warns once and refuses it otherwise. */
	private known(info: EventInfo): boolean {
		if (info.id !== 0) return true;
		this.ctx.warnings.once(
			`undeclared:${info.name}`,
			`Skyrocket: ${info.response ? "request" : "event"} ${info.name} is not declared on the server (or with another codec), so it is not sent. Declare it on the server with the same name and codec.`,
		);
		return false;
	}

	/** Writes a payload after its length (the server skips a refused one by it). */
	private writePayload(w: Writer, info: EventInfo, value: unknown) {
		const s = this.payload;
		resetWriter(s);
		info.codec.write(s, value, this.ctx.codecContext);
		writeVarUint(w, s.p);
		writeBytes(w, s.b, 0, s.p);
	}

	private encode(info: EventInfo, value: unknown) {
		if (!this.known(info)) return;
		const w = info.reliable ? this.reliable : this.unreliable;
		const before = w.p;
		writeU8(w, Op.Event);
		writeVarUint(w, info.id);
		this.writePayload(w, info, value);
		const c = eventCounters(this.ctx.stats, info.name);
		c.sent += 1;
		c.bytes += w.p - before;
	}

	send(info: EventInfo, value: unknown) {
		const bundle = this.collecting;
		if (bundle !== undefined) {
			bundle.push([info, value]);
			return;
		}
		// behind anything still queued, so reliable events keep their order
		if (this.ready() && this.queued.size() === 0) this.encode(info, value);
		else this.queued.push([info, value]);
	}

	/** Sends a transaction's bundle as one record of the reliable packet (in order with events). */
	sendTransaction(id: number, parts: [EventInfo, unknown][]) {
		if (this.ready() && this.queued.size() === 0) this.encodeTransaction(id, parts);
		else this.queued.push([id, parts]);
	}

	/** Told when a transaction cannot be sent (one of its events is not declared on the server): its promise rejects. */
	transactionRefused?: (id: number, reason: string) => void;

	private encodeTransaction(id: number, parts: [EventInfo, unknown][]) {
		for (const [info] of parts) {
			if (this.known(info)) continue;
			this.transactionRefused?.(
				id,
				`event ${info.name} is not declared on the server (or with another codec); declare it on the server with the same name and codec`,
			);
			return;
		}
		const w = this.reliable;
		writeU8(w, Op.Transaction);
		writeVarUint(w, id);
		writeVarUint(w, parts.size());
		for (const [info, value] of parts) {
			const before = w.p;
			writeVarUint(w, info.id);
			this.writePayload(w, info, value);
			const c = eventCounters(this.ctx.stats, info.name);
			c.sent += 1;
			c.bytes += w.p - before;
		}
	}

	/** Errors when called inside a transaction's callback (requests cannot join a bundle). */
	refuseInTransaction(name: string) {
		if (this.collecting !== undefined) {
			error(
				`Skyrocket: request ${name} cannot be part of a transaction; send events inside net.transaction (the transaction itself is answered)`,
				3,
			);
		}
	}

	invoke(info: EventInfo, value: unknown, timeout: number, retries: number): Promise<unknown> {
		return new Promise((resolve, reject) => {
			const id = this.nextRequest++;
			this.pending.set(id, {
				info,
				value,
				resolve,
				reject,
				timeout,
				attemptsLeft: retries + 1,
				deadline: math.huge,
				sent: false,
			});
		});
	}

	private sendRequest(id: number, p: PendingRequest) {
		if (!this.known(p.info)) {
			this.pending.delete(id);
			p.reject(
				`Skyrocket: request ${p.info.name} is not declared on the server (or with another codec); declare it on the server with the same name and codecs`,
			);
			return;
		}
		const w = p.info.reliable ? this.reliable : this.unreliable;
		writeU8(w, Op.Request);
		writeVarUint(w, id);
		writeVarUint(w, p.info.id);
		this.writePayload(w, p.info, p.value);
		p.sent = true;
		p.attemptsLeft -= 1;
		p.deadline = this.ctx.time + p.timeout;
		eventCounters(this.ctx.stats, p.info.name).sent += 1;
	}

	/** Send phase: writes queued sends and due request attempts; rejects timed-out requests. */
	prepare() {
		if (!this.ready()) return;
		if (this.queued.size() > 0) {
			const queued = this.queued;
			this.queued = [];
			for (const [first, second] of queued) {
				if (typeIs(first, "number")) this.encodeTransaction(first, second as [EventInfo, unknown][]);
				else this.encode(first, second);
			}
		}
		const now = this.ctx.time;
		for (const [id, p] of this.pending) {
			if (!p.sent) {
				this.sendRequest(id, p);
			} else if (now >= p.deadline) {
				if (p.attemptsLeft > 0) {
					this.sendRequest(id, p);
				} else {
					this.pending.delete(id);
					p.reject(
						`Skyrocket: request ${p.info.name} timed out (no answer in ${p.timeout}s${p.info.reliable ? "" : ", unreliable"})`,
					);
				}
			}
		}
	}

	/** Decodes Event and Response records from the server; effects are staged. */
	readonly handler = (op: number, r: Reader, _tick: number, staged: (() => void)[]): boolean => {
		if (op === Op.Event) {
			const id = readVarUint(r);
			const size = this.ctx.eventSizes[id - 1];
			if (size === undefined) throw new CodecError(`unknown event id ${id}`);
			const info = this.registry.byWire[id - 1];
			if (info === undefined) {
				skipSized(r, size); // an event this client does not declare
				return true;
			}
			const frame = openFrame(r, size);
			const value = info.codec.read(r, this.ctx.codecContext);
			closeFrame(r, frame);
			staged.push(() => this.spawn(info, value));
			return true;
		}
		if (op === Op.Response) {
			const requestId = readVarUint(r);
			const id = readVarUint(r);
			const info = this.registry.byWire[id - 1];
			if (info === undefined || info.response === undefined) throw new CodecError(`unknown request id ${id}`);
			const ok = readU8(r);
			if (ok > 1) throw new CodecError(`response flag ${ok}`);
			const value = ok === 1 ? info.response.read(r, this.ctx.codecContext) : readString(r, 1000);
			staged.push(() => {
				const p = this.pending.get(requestId);
				if (p === undefined) return; // answered already (a retry's second answer)
				this.pending.delete(requestId);
				if (ok === 1) p.resolve(value);
				else p.reject(`Skyrocket: request ${info.name} failed on the server: ${value}`);
			});
			return true;
		}
		return false;
	};

	private spawn(info: EventInfo, value: unknown) {
		const world = this.world;
		const e = world.entity();
		world.set(e, info.component, value);
		world.set(e, NetEvent, info);
		this.spawned.push(e);
		eventCounters(this.ctx.stats, info.name).received += 1;
	}

	/** Appends this step's unreliable records to `w`, splitting packets at the size limit. */
	takeUnreliable(packets: Writer[], header: (w: Writer) => void) {
		const src = this.unreliable;
		if (src.p === 0) return;
		// records are appended whole; a new packet starts when one would overflow
		let current = packets[packets.size() - 1];
		if (current === undefined || current.p + src.p > UNRELIABLE_BUDGET) {
			current = newWriter(64);
			header(current);
			packets.push(current);
		}
		writeBytes(current, src.b, 0, src.p);
		resetWriter(src);
	}

	/** Rejects every pending request and drops queued sends (the net was destroyed). */
	destroy() {
		for (const [, p] of this.pending) p.reject(`Skyrocket: request ${p.info.name} was not answered: the net was destroyed`);
		this.pending.clear();
		this.queued = [];
	}

	cleanup() {
		const world = this.world;
		for (const e of this.spawned) if (world.contains(e)) world.delete(e);
		this.spawned = [];
	}
}
