/**
 * Components of network events. An incoming event is an entity carrying the
 * event's payload component (e.g. `Chat.Incoming`), a Sender (on the server)
 * and the NetEvent tag; it lives for one net step and is then despawned.
 */
import jecs from "@rbxts/jecs";

/** Server: the Player who sent an incoming event or request. */
export const Sender = jecs.component<Player>();

/** Which declared event an incoming event entity is. */
export interface NetEventData {
	/** The event's name, as declared on both sides. */
	readonly name: string;
	/** Wire id (server: declaration order; client: from the schema). */
	readonly id: number;
}

/** On every incoming event entity: which event it is. */
export const NetEvent = jecs.component<NetEventData>();

/** On incoming request entities: the request id to answer with `respond`. */
export const RequestId = jecs.component<number>();

/** Why Skyrocket refused something a player sent. */
export type ViolationKind =
	| "firewall"
	| "malformed"
	| "rate-limit"
	| "flood"
	| "validation"
	| "filtered"
	| "direction"
	/** A packet or request number seen before (a replayed packet or request). */
	| "replay"
	/** An event naming an entity the player does not see now. */
	| "reference"
	/** More reliable data waiting for the player than the backlog cap (the player is kicked). */
	| "backlog";

/**
 * Refused packets or events, as an event entity (one step) so game systems
 * can log, warn or kick. One entity per player, kind and step: `count` says
 * how many were refused, `detail` and `event` describe the first.
 */
export interface ViolationData {
	readonly player: Player;
	readonly kind: ViolationKind;
	readonly detail: string;
	/** The event concerned, if any. */
	readonly event?: string;
	/** How many of this player's packets or events were refused for this kind in this step. */
	count: number;
}

/** Server: on violation event entities. */
export const Violation = jecs.component<ViolationData>();
