/**
 * Per-client replication state on the server: which entities the client has,
 * the unreliable baselines it acknowledged, and the ring of mutation packets
 * in flight. Freed entirely when the player leaves.
 */
import jecs, { Entity } from "@rbxts/jecs";
import { newWriter, Writer } from "../codec";
import { NetStatsData } from "../../components/stats";

/** Baseline tick meaning "the entity's reliable spawn state". */
export const SPAWN_BASELINE = -1;

/** A client's acknowledged unreliable state of one entity. */
export interface MutationBase {
	/** Server tick of the acknowledged values the baseline holds; SPAWN_BASELINE = the reliable spawn state. */
	tick: number;
	/** Values at that baseline, by unreliable index. */
	values: unknown[];
	/** The entity's mutation version those values had (see TrackedEntity.mutVersion). */
	version: number;
	/** Reliable tick the client must have applied before mutations may be sent. */
	readyTick: number;
	/** When a value was last sent (priority grows with the time waited). */
	sentTime: number;
}

export function newBase(values: unknown[], version: number, readyTick: number): MutationBase {
	return { tick: SPAWN_BASELINE, values, version, readyTick, sentTime: -math.huge };
}

/** One unreliable packet in flight: what it carried, to move baselines on ack. */
export interface SentPacket {
	readonly seq: number;
	readonly time: number;
	/** Server tick it was sent at (acks of packets older than a baseline reset are ignored). */
	readonly tick: number;
	readonly entities: Entity[];
	readonly values: unknown[][];
	readonly versions: number[];
}

/** Per-player guard state: firewall window and token buckets. */
export interface GuardState {
	windowStart: number;
	windowBytes: number;
	windowPackets: number;
	/** Event id -> [tokens, last refill time]. */
	readonly buckets: Map<number, [number, number]>;
	floodTokens: number;
	floodLast: number;
	/** Times of recent dropped events (for the flood kick policy). */
	drops: number[];
}

export interface ConnectionState {
	readonly player: Player;
	readonly entity: Entity;
	/** Whether the client said hello (registered, listening). */
	ready: boolean;
	/** Whether the schema was sent. */
	schemaSent: boolean;
	/** Entities spawned on this client. */
	readonly known: Set<Entity>;
	/** Entities entering / leaving this client's view this step. */
	entering: Entity[];
	leaving: Entity[];
	/** Reused writer for this client's reliable packet. */
	readonly reliable: Writer;
	/** Reliable packets waiting for bandwidth (never dropped, sent in order). */
	readonly reliableQueue: buffer[];
	/** Bandwidth budget: tokens in bytes, and since when updates have been deferred. */
	readonly budget: { tokens: number; deferredSince: number; warned: boolean; lastDeferred: number };
	/** Events queued for this client this step: already-encoded record bytes. */
	readonly pendingEvents: Writer;
	/** Unreliable events queued for this client: packets being filled (each under the size limit). */
	readonly unreliableEvents: Writer[];
	/** Firewall, rate-limit and flood state. */
	readonly guard: GuardState;
	/** Unreliable state. */
	readonly bases: Map<Entity, MutationBase>;
	/** Entities whose unreliable values may differ from the client's baseline. */
	readonly mutPending: Set<Entity>;
	/**
	 * The same entities ordered by when they were last sent (a min-heap of
	 * sendTime x 64 x 2^24 + handle; stale entries are skipped), so under a
	 * budget the longest-waiting are found without scanning them all.
	 */
	readonly pendingOrder: number[];
	readonly sent: Map<number, SentPacket>;
	nextSeq: number;
	/** Oldest sent seq not yet checked for timeout (its entities are re-queued if it goes unacknowledged). */
	timeoutSeq: number;
	/** Newest reliable tick the client applied (from its acks). */
	ackedReliableTick: number;
	/** Newest mutation seq acknowledged. */
	ackedSeq: number;
	readonly stats: NetStatsData;
}

export function newConnection(player: Player, entity: Entity, stats: NetStatsData): ConnectionState {
	return {
		player,
		entity,
		ready: false,
		schemaSent: false,
		known: new Set(),
		entering: [],
		leaving: [],
		reliable: newWriter(256),
		reliableQueue: [],
		budget: { tokens: 0, deferredSince: -1, warned: false, lastDeferred: 0 },
		pendingEvents: newWriter(64),
		unreliableEvents: [],
		guard: { windowStart: -math.huge, windowBytes: 0, windowPackets: 0, buckets: new Map(), floodTokens: -1, floodLast: 0, drops: [] },
		bases: new Map(),
		mutPending: new Set(),
		pendingOrder: [],
		sent: new Map(),
		nextSeq: 1,
		timeoutSeq: 1,
		ackedReliableTick: -1,
		ackedSeq: 0,
		stats,
	};
}

/** Server, on connection entities: the connection's replication state. Internal to Skyrocket. */
export const Connection = jecs.component<ConnectionState>();
