/**
 * What `net.event` and `net.request` return on the server: the incoming
 * payload component to query, and the ways to send or answer.
 */
import { Entity } from "@rbxts/jecs";
import { EventDirection, EventInfo } from "../core/eventRegistry";
import type { SendableBy } from "../core/eventOptions";
import { ServerEvents } from "./events";
import { incomingOf } from "../core/incoming";
import { NetEvent, RequestId, Sender } from "../../components/events";

function asList(target: Player | Player[]): Player[] {
	return typeIs(target, "Instance") ? [target] : target;
}

/**
 * The server's handle of an event. `F` is who sends it (`from`): for a
 * client event, `sendTo`/`broadcast` take no payload type (a compile error
 * saying why; at run time they error too).
 */
export class ServerEventHandle<T, F extends EventDirection = EventDirection> {
	/** Payload component of incoming event entities (query it with Sender). */
	readonly Incoming: Entity<T>;
	readonly name: string;

	constructor(
		private readonly events: ServerEvents,
		readonly info: EventInfo,
	) {
		this.Incoming = info.component as Entity<T>;
		this.name = info.name;
	}

	private check(value: T) {
		if (this.info.from === "client")
			error(`Skyrocket: event ${this.name} is sent by clients (from: "client"); the server cannot send it, only receive it`, 3);
		const err = this.info.codec.validate(value);
		if (err !== undefined) error(`Skyrocket: cannot send ${this.name}: ${err}`, 3);
	}

	/** Sends to one player or a list of players (batched into this step's packet). */
	sendTo(target: Player | Player[], value: SendableBy<"server", F, T>) {
		this.check(value as T);
		for (const player of asList(target)) {
			const conn = this.events.ctx.byPlayer.get(player);
			if (conn) this.events.sendTo(conn, this.info, value);
		}
	}

	/** Sends to every connected player. */
	broadcast(value: SendableBy<"server", F, T>) {
		this.check(value as T);
		for (const conn of this.events.ctx.connections) this.events.sendTo(conn, this.info, value);
	}

	/** Sends to every connected player except `except`. */
	broadcastExcept(except: Player | Player[], value: SendableBy<"server", F, T>) {
		this.check(value as T);
		const skip = new Set(asList(except));
		for (const conn of this.events.ctx.connections) if (!skip.has(conn.player)) this.events.sendTo(conn, this.info, value);
	}

	/** This step's incoming events in arrival order: [event entity, payload, sender]. */
	incoming(): [Entity, T, Player][] {
		return incomingOf<T>(this.events.world, this.events.spawned, this.info) as [Entity, T, Player][];
	}

	/**
	 * Calls `callback(payload, sender, entity)` for each of this event's
	 * incoming events of a step that were not dropped, in arrival order, once
	 * per step (at the start of its cleanup phase): the bridge to code that is
	 * not a system. Returns a function that disconnects it.
	 */
	observe(callback: (payload: T, sender: Player, entity: Entity) => void): () => void {
		return this.events.ctx.observers.rows(
			`the event ${this.name}`,
			() => this.incoming(),
			(e, payload, sender) => callback(payload, sender, e),
		);
	}

	/** Drops an incoming event entity from a middleware: despawned, counted as "filtered" with `reason`, reported as a Violation. */
	drop(eventEntity: Entity, reason: string) {
		this.events.drop(eventEntity, "filtered", reason);
	}
}

export class ServerRequestHandle<Q, R> {
	/** Payload component of incoming request entities (query it with Sender and RequestId). */
	readonly Incoming: Entity<Q>;
	readonly name: string;

	constructor(
		private readonly events: ServerEvents,
		readonly info: EventInfo,
	) {
		this.Incoming = info.component as Entity<Q>;
		this.name = info.name;
	}

	/** This step's incoming requests in arrival order: [request entity, payload, sender]. */
	incoming(): [Entity, Q, Player][] {
		return incomingOf<Q>(this.events.world, this.events.spawned, this.info) as [Entity, Q, Player][];
	}

	/** Answers the request carried by `requestEntity` (an incoming request entity), once. */
	respond(requestEntity: Entity, value: R) {
		const [player, id] = this.requestOf(requestEntity);
		this.events.answer(player, this.info, id, requestEntity, true, value);
	}

	/**
	 * Answers later (e.g. after a DataStore call), with the Sender and
	 * RequestId you kept, once. An answer the response codec refuses errors
	 * here and rejects the client's promise at once with the reason.
	 */
	respondTo(player: Player, requestId: number, value: R) {
		this.events.answer(player, this.info, requestId, undefined, true, value);
	}

	/** Fails the request (instead of answering it): the client's promise rejects with `message`. */
	fail(requestEntity: Entity, message: string) {
		const [player, id] = this.requestOf(requestEntity);
		this.events.answer(player, this.info, id, requestEntity, false, message);
	}

	private requestOf(requestEntity: Entity): [Player, number] {
		const world = this.events.world;
		const player = world.get(requestEntity, Sender);
		const id = world.get(requestEntity, RequestId);
		if (player === undefined || id === undefined || world.get(requestEntity, NetEvent) !== this.info)
			error(
				`Skyrocket: entity ${requestEntity} is not an incoming ${this.name} request of this step (answer from ${this.name}.incoming())`,
				3,
			);
		return [player, id];
	}
}
