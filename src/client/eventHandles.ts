/** What `net.event` and `net.request` return on the client. */
import { Entity } from "@rbxts/jecs";
import { ClientEvents } from "./events";
import { EventDirection, EventInfo } from "../core/eventRegistry";
import type { SendableBy } from "../core/eventOptions";
import { incomingOf } from "../core/incoming";
import { own, release } from "./ownership";
import type { ReplicatedInfo } from "../core/registry";

/**
 * A client's handle of an event. `F` is who sends it (`from`): for a server
 * event, `send` takes no payload type (a compile error saying why; at run
 * time it errors too).
 */
export class ClientEventHandle<T, F extends EventDirection = EventDirection> {
	/** Payload component of incoming event entities (events the server sent). */
	readonly Incoming: Entity<T>;
	readonly name: string;

	constructor(
		private readonly events: ClientEvents,
		readonly info: EventInfo,
	) {
		this.Incoming = info.component as Entity<T>;
		this.name = info.name;
	}

	/** This step's events from the server in arrival order: [event entity, payload]. */
	incoming(): [Entity, T][] {
		// the sender slot is nil on the client, so each row is already [entity, payload]
		return incomingOf<T>(this.events.world, this.events.spawned, this.info) as unknown as [Entity, T][];
	}

	/**
	 * Calls `callback(payload, entity)` for each event of this kind the server
	 * sent, in arrival order, once per step (at the start of its cleanup
	 * phase): the bridge to code that is not a system (UI). Returns a
	 * function that disconnects it.
	 */
	observe(callback: (payload: T, entity: Entity) => void): () => void {
		return this.events.ctx.observers.rows(
			`the event ${this.name}`,
			() => this.incoming(),
			(e, payload) => callback(payload, e),
		);
	}

	/** Sends to the server (batched into this step's packet). */
	send(value: SendableBy<"client", F, T>) {
		if (this.info.from === "server")
			error(`Skyrocket: event ${this.name} is sent by the server (from: "server"); clients cannot send it, only receive it`, 2);
		const err = this.info.codec.validate(value);
		if (err !== undefined) error(`Skyrocket: cannot send ${this.name}: ${err}`, 2);
		this.events.send(this.info, value as T);
	}
}

export class ClientRequestHandle<Q, R> {
	readonly name: string;

	constructor(
		private readonly events: ClientEvents,
		readonly info: EventInfo,
		private readonly timeout: number,
		private readonly retries: number,
	) {
		this.name = info.name;
	}

	/**
	 * Asks the server; resolves with its answer, or rejects with a clear
	 * message on timeout (after the configured retries) or a server error.
	 */
	invoke(value: Q): Promise<R> {
		this.events.refuseInTransaction(this.name);
		const err = this.info.codec.validate(value);
		if (err !== undefined) return Promise.reject(`Skyrocket: cannot send ${this.name}: ${err}`) as Promise<R>;
		return this.events.invoke(this.info, value, this.timeout, this.retries) as Promise<R>;
	}

	/**
	 * An optimistic call: `apply` changes replicated components locally at once
	 * (e.g. spend the coins), and those changes hold until the server answers.
	 * If the server rejects the request (or the call fails), they are rolled
	 * back to the server's values; if it accepts, the server's replicated
	 * values (which it changed while answering) take over.
	 */
	invokeOptimistic(value: Q, apply: () => void): Promise<R> {
		this.events.refuseInTransaction(this.name);
		const ctx = this.events.ctx;
		const captured: [Entity, ReplicatedInfo][] = [];
		ctx.capture = captured;
		const [ok, err] = pcall(apply);
		ctx.capture = undefined;
		for (const [e, info] of captured) own(ctx, e, info);
		const undo = () => {
			for (const [e, info] of captured) release(ctx, e, info);
		};
		if (!ok) {
			undo();
			return Promise.reject(`Skyrocket: optimistic change for ${this.name} failed: ${tostring(err)}`) as Promise<R>;
		}
		return this.invoke(value).finally(undo) as Promise<R>;
	}
}
