/**
 * Server side of transactions (a client's `net.transaction`): decodes each
 * Transaction record into a bundle, guards it as one unit, spawns its events
 * as pending entities tagged Transaction, then commits or fails it whole and
 * tells the client. Kept apart from the per-event guards: a bundle takes one
 * token of its player's transaction bucket and one of the flood limit.
 *
 * Steps of a bundle on the server:
 * - receive: read with the rest of its packet (all or nothing). Before any
 *   payload is decoded, its event count is capped and it takes one token of
 *   the flood limit and one of the player's transaction bucket; a refused
 *   bundle is skipped by its payload lengths, undecoded. Entity references
 *   resolve only to what the player sees. A transaction id not above the
 *   client's last one is refused (a repeated bundle never applies twice);
 * - guard (last system): the byte cap and each part's `check`; a bundle that
 *   was refused or fails any of them fails whole, as a Violation; the
 *   survivors' events spawn, tagged Transaction, state "pending";
 * - systems placed before ServerPhase.Transaction may fail them (policy);
 * - transaction: a pending bundle whose events are all still there commits;
 *   otherwise its remaining events are despawned; the client hears either.
 */
import { Entity, World } from "@rbxts/jecs";
import { CodecError, Reader, readVarUint, writeString, writeU8, writeVarUint } from "../codec";
import { ConnectionState } from "./connection";
import { ServerContext } from "./context";
import { ServerEvents } from "./events";
import { Op } from "../wire/protocol";
import { EventInfo } from "../core/eventRegistry";
import { ResolvedTransactionConfig, TRANSACTION_PARTS_LIMIT } from "../core/transactionConfig";
import { ResolvedGuardConfig } from "../core/guardConfig";
import { NetEvent, Sender, ViolationKind } from "../../components/events";
import { Transaction, TransactionData, TransactionState } from "../../components/transaction";
import { eventCounters } from "../../components/stats";
import { checkFailure } from "../core/checks";
import { take } from "./eventGuard";

/** Why a bundle may not go on: the violation's kind, its detail, and the event concerned. */
type Refusal = [ViolationKind, string, string?];

/** One decoded part of a bundle (`value` undefined when the bundle was refused undecoded). */
interface Part {
	readonly info: EventInfo;
	readonly value: unknown;
	readonly bytes: number;
}

/** A bundle on the server (the Transaction component's value). */
class ServerTransaction implements TransactionData {
	state: TransactionState = "pending";
	reason?: string;
	readonly events: Entity[] = [];

	constructor(
		readonly id: number,
		readonly player: Player,
		readonly conn: ConnectionState,
		readonly parts: Part[],
		readonly bytes: number,
		/** Why it was refused as it was read (its payloads were not decoded), if it was. */
		readonly refused?: Refusal,
	) {}

	fail(reason: string) {
		if (this.state !== "pending") return;
		this.state = "failed";
		this.reason = reason;
	}
}

export class ServerTransactions {
	/** Bundles decoded this step, before the guards. */
	private decoded: ServerTransaction[] = [];
	/** Bundles whose events are spawned, waiting for the Transaction phase. */
	private open: ServerTransaction[] = [];
	/** Per connection: the newest transaction id seen, and the transaction token bucket. */
	private readonly lastId = new WeakMap<ConnectionState, number>();
	private readonly buckets = new WeakMap<ConnectionState, [number, number]>();

	constructor(
		private readonly world: World,
		private readonly ctx: ServerContext,
		private readonly events: ServerEvents,
		private readonly guard: ResolvedGuardConfig,
		readonly config: ResolvedTransactionConfig,
	) {
		// a middleware dropping one part (e.g. Chat.drop) fails the whole bundle, with its reason
		events.onDrop = (e, info, detail) => {
			const tx = world.get(e, Transaction) as ServerTransaction | undefined;
			tx?.fail(`${info.name} was dropped (${detail})`);
		};
	}

	/** Reads a Transaction record (receive phase); false for other records. */
	readonly handler = (conn: ConnectionState, op: number, r: Reader, reliable: boolean, staged: (() => void)[]): boolean => {
		if (op !== Op.Transaction) return false;
		if (!reliable) throw new CodecError("transaction on the unreliable channel");
		const id = readVarUint(r);
		const count = readVarUint(r);
		if (count === 0 || count > TRANSACTION_PARTS_LIMIT) throw new CodecError(`transaction of ${count} parts`);
		const ctx = this.ctx;
		const registry = ctx.events;
		// refused as a unit before any payload is decoded: then its parts are skipped by their lengths
		let refused = this.admit(conn, count);
		const parts: Part[] = [];
		let bytes = 0;
		for (let i = 0; i < count; i++) {
			const eventId = readVarUint(r);
			const info = registry.byWire[eventId - 1];
			if (info === undefined) throw new CodecError(`unknown event id ${eventId} in a transaction`);
			if (info.from === "server") throw new CodecError(`event ${info.name} may only be sent by the server`);
			if (info.response !== undefined) throw new CodecError(`request ${info.name} cannot be part of a transaction`);
			const length = readVarUint(r);
			const start = r.p;
			const stop = start + length;
			if (stop > r.n) throw new CodecError(`${info.name}: payload of ${length} bytes runs past the packet`);
			bytes += length;
			if (refused !== undefined) {
				r.p = stop;
				parts.push({ info, value: undefined, bytes: length });
				continue;
			}
			ctx.viewer = conn;
			ctx.unseenRef = 0;
			const [ok, value] = pcall(() => info.codec.read(r, ctx.codecContext));
			ctx.viewer = undefined;
			if (!ok) throw value;
			if (r.p !== stop) throw new CodecError(`${info.name}: payload is ${r.p - start} bytes, its record says ${length}`);
			if (ctx.unseenRef !== 0)
				refused = ["reference", `${info.name} names entity handle ${ctx.unseenRef}, which this player does not see`, info.name];
			parts.push({ info, value, bytes: length });
		}
		const why = refused;
		staged.push(() => this.receive(conn, id, parts, bytes, why));
		return true;
	};

	/** The unit's guards as it is read: its event count, one flood token, one transaction token. */
	private admit(conn: ConnectionState, count: number): Refusal | undefined {
		const config = this.config;
		if (count > config.maxParts) return ["validation", `transaction too large: ${count} events, at most ${config.maxParts}`];
		const now = this.ctx.time;
		// the whole bundle is one event for the flood limit
		if (!this.events.eventGuard.takeFlood(conn, now)) return ["flood", `over ${this.guard.flood.rate} events per second in total`];
		let bucket = this.buckets.get(conn);
		if (bucket === undefined) {
			bucket = [config.rate.burst, now];
			this.buckets.set(conn, bucket);
		}
		if (!take(bucket, now, config.rate.rate, config.rate.burst))
			return ["rate-limit", `over ${config.rate.rate} transactions per second`];
		return undefined;
	}

	private receive(conn: ConnectionState, id: number, parts: Part[], bytes: number, refused: Refusal | undefined) {
		const last = this.lastId.get(conn) ?? 0;
		if (id <= last) {
			// a repeated bundle: it applied once already, or never will
			this.events.violation(conn, "replay", `transaction ${id} repeated (the last one was ${last})`);
			return;
		}
		this.lastId.set(conn, id);
		this.decoded.push(new ServerTransaction(id, conn.player, conn, parts, bytes, refused));
	}

	/** Why a bundle may not go on, or undefined: its refusal as it was read, its byte cap, each part's check. */
	private refuse(tx: ServerTransaction): Refusal | undefined {
		if (tx.refused !== undefined) return tx.refused;
		const config = this.config;
		if (tx.bytes > config.maxBytes) return ["validation", `transaction too large: ${tx.bytes} bytes, at most ${config.maxBytes}`];
		for (const part of tx.parts) {
			const check = part.info.check;
			const why = check && checkFailure(check, part.value);
			if (why !== undefined) return ["validation", `payload failed the ${part.info.name} check: ${why}`, part.info.name];
		}
		return undefined;
	}

	/** Guard phase, last: guards this step's bundles and spawns the events of those that pass, pending. */
	guardAndOpen() {
		if (this.decoded.size() === 0) return;
		const decoded = this.decoded;
		this.decoded = [];
		const world = this.world;
		for (const tx of decoded) {
			const conn = tx.conn;
			if (this.ctx.byPlayer.get(tx.player) !== conn) continue; // left since
			const refused = this.refuse(tx);
			if (refused !== undefined) {
				const [kind, detail, event] = refused;
				for (const part of tx.parts) {
					const c = eventCounters(conn.stats, part.info.name);
					c.received += 1;
					if (kind === "rate-limit" || kind === "flood") c.rateLimited += 1;
					else c.rejected += 1;
				}
				tx.fail(`${kind}: ${detail}`);
				this.events.violation(conn, kind, `transaction ${tx.id}: ${detail}`, event);
				this.answer(tx);
				continue;
			}
			for (const part of tx.parts) {
				const e = world.entity();
				world.set(e, part.info.component, part.value);
				world.set(e, Sender, tx.player);
				world.set(e, NetEvent, part.info);
				world.set(e, Transaction, tx);
				tx.events.push(e);
				this.events.spawned.push(e);
				const c = eventCounters(conn.stats, part.info.name);
				c.received += 1;
				c.bytes += part.bytes;
			}
			this.open.push(tx);
		}
	}

	/** Transaction phase: commits each pending bundle whose events are all still there; despawns the rest of the others. */
	commit() {
		if (this.open.size() === 0) return;
		const open = this.open;
		this.open = [];
		const world = this.world;
		for (const tx of open) {
			if (tx.state === "pending") {
				for (const e of tx.events) {
					if (!world.contains(e)) {
						tx.fail("an event of the transaction was dropped by a server system");
						break;
					}
				}
			}
			if (tx.state === "pending") {
				tx.state = "committed";
			} else {
				for (const e of tx.events) {
					if (!world.contains(e)) continue;
					const info = world.get(e, NetEvent);
					if (info !== undefined) eventCounters(tx.conn.stats, info.name).rejected += 1;
					world.delete(e);
				}
			}
			this.answer(tx);
		}
	}

	/** Fails a pending bundle, given as its Transaction value or one of its event entities. */
	fail(tx: TransactionData | Entity, reason: string) {
		const data = typeIs(tx, "number") ? this.world.get(tx as Entity, Transaction) : tx;
		if (data === undefined) error(`Skyrocket: ${tx} is not an event entity of a transaction`, 3);
		data.fail(reason);
	}

	/** Tells the client the verdict, in this step's reliable packet. */
	private answer(tx: ServerTransaction) {
		const conn = this.ctx.byPlayer.get(tx.player);
		if (conn === undefined) return;
		const w = conn.pendingEvents;
		writeU8(w, Op.TransactionResult);
		writeVarUint(w, tx.id);
		const ok = tx.state === "committed";
		writeU8(w, ok ? 1 : 0);
		if (!ok) writeString(w, (tx.reason ?? "failed").sub(1, 1000));
	}
}
