/**
 * Client side of transactions (`net.transaction(fn)`): the events `fn` sends
 * become one bundle, sent as one record of the reliable packet; the
 * replicated components `fn` changes locally are optimistic changes (held
 * against server authority, as with invokeOptimistic) until the server's
 * verdict. Committed: the promise resolves and the server's values take over
 * (its changes of the commit step come in the same packet as the verdict).
 * Failed: the promise rejects with the server's reason and the changes roll
 * back to the server's values.
 */
import { Entity } from "@rbxts/jecs";
import { CodecError, Reader, readString, readU8, readVarUint } from "../codec";
import { ClientContext } from "./context";
import { ClientEvents } from "./events";
import { own, release } from "./ownership";
import { Op } from "../wire/protocol";
import type { EventInfo } from "../core/eventRegistry";
import type { ReplicatedInfo } from "../core/registry";

/** What a transaction's callback receives. */
export interface ClientTransaction {
	/** This bundle's number (increasing; the server refuses a repeated one). */
	readonly id: number;
	/** Events in the bundle so far. */
	readonly size: () => number;
}

/** Options of one `net.transaction` call. */
export interface TransactionOptions {
	/** Seconds to wait for the server's verdict (default: the client's transactions.timeout). */
	timeout?: number;
}

interface Waiting {
	readonly resolve: () => void;
	readonly reject: (reason: unknown) => void;
	readonly undo: () => void;
	readonly deadline: number;
	readonly timeout: number;
}

export class ClientTransactions {
	private nextId = 1;
	private readonly waiting = new Map<number, Waiting>();

	constructor(
		private readonly ctx: ClientContext,
		private readonly events: ClientEvents,
	) {
		// a bundle with an event the server does not know is never sent: it fails here at once
		events.transactionRefused = (id, reason) => {
			const w = this.waiting.get(id);
			if (w === undefined) return;
			this.waiting.delete(id);
			w.undo();
			w.reject(`Skyrocket: transaction ${id} not sent: ${reason}`);
		};
	}

	/** Transactions sent and not answered yet. */
	pending(): number {
		return this.waiting.size();
	}

	/** Runs `fn` as a transaction (see ClientNet.transaction). */
	run(fn: (tx: ClientTransaction) => void, options: TransactionOptions = {}): Promise<void> {
		const ctx = this.ctx;
		const events = this.events;
		if (events.collecting !== undefined)
			error("Skyrocket: net.transaction cannot be nested; send the events in the outer transaction", 3);
		const parts: [EventInfo, unknown][] = [];
		const captured: [Entity, ReplicatedInfo][] = [];
		const id = this.nextId;
		const tx: ClientTransaction = { id, size: () => parts.size() };
		events.collecting = parts;
		ctx.capture = captured;
		const [ok, err] = pcall(fn, tx);
		events.collecting = undefined;
		ctx.capture = undefined;
		for (const [e, info] of captured) own(ctx, e, info);
		const undo = () => {
			for (const [e, info] of captured) release(ctx, e, info);
		};
		const refuse = (message: string) => {
			undo();
			return Promise.reject(`Skyrocket: transaction not sent: ${message}`) as Promise<void>;
		};
		if (!ok) return refuse(tostring(err));
		if (parts.size() === 0) return refuse("it sent no event (send events inside the callback)");
		const limit = ctx.config.transactionParts;
		if (parts.size() > limit) return refuse(`${parts.size()} events, at most ${limit} (ClientConfig transactions.maxParts)`);
		this.nextId += 1;
		const timeout = options.timeout ?? ctx.config.transactionTimeout;
		return new Promise<void>((resolve, reject) => {
			this.waiting.set(id, { resolve, reject, undo, deadline: ctx.time + timeout, timeout });
			events.sendTransaction(id, parts);
		});
	}

	/** Decodes a TransactionResult record from the server; the verdict is staged. */
	readonly handler = (op: number, r: Reader, _tick: number, staged: (() => void)[]): boolean => {
		if (op !== Op.TransactionResult) return false;
		const id = readVarUint(r);
		const ok = readU8(r);
		if (ok > 1) throw new CodecError(`transaction result flag ${ok}`);
		const reason = ok === 1 ? "" : readString(r, 1000);
		staged.push(() => {
			const w = this.waiting.get(id);
			if (w === undefined) return; // timed out already
			this.waiting.delete(id);
			w.undo();
			if (ok === 1) w.resolve();
			else w.reject(`Skyrocket: transaction ${id} failed on the server: ${reason}`);
		});
		return true;
	};

	/**
	 * Rejects the transactions the server has not answered in time and rolls
	 * their changes back. With no verdict, whether the server committed is
	 * unknown: the server's replicated values, which return here, tell.
	 */
	expire() {
		if (this.waiting.isEmpty()) return;
		const now = this.ctx.time;
		for (const [id, w] of this.waiting) {
			if (now < w.deadline) continue;
			this.waiting.delete(id);
			w.undo();
			w.reject(
				`Skyrocket: transaction ${id}: no verdict from the server in ${w.timeout} s (it may still commit; the server's values tell)`,
			);
		}
	}
}
