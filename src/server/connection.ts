/**
 * Per-client replication state on the server: which entities the client has,
 * the unreliable baselines it acknowledged, and the ring of mutation packets
 * in flight. Freed entirely when the player leaves.
 */
import jecs, { Entity } from "@rbxts/jecs";
import { newWriter, Writer } from "../codec";
import { NetStatsData } from "../../components/stats";
import type { ViolationData, ViolationKind } from "../../components/events";
import type { GroupMember, ReplicationGroup } from "./group";
import { newSeqWindow, SeqWindow } from "./seqWindow";

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
	/** Packet numbers seen, per channel, and request ids seen (replay protection, see seqWindow.ts). */
	readonly reliableSeqs: SeqWindow;
	readonly unreliableSeqs: SeqWindow;
	readonly requestIds: SeqWindow;
	/** The data of this step's Violation entity per kind (violations coalesce), valid while `violationTick` is the tick. */
	readonly violations: Map<ViolationKind, ViolationData>;
	violationTick: number;
	/** The client time of the newest clock ping this step (answered once, at encode), or undefined. */
	pingEcho?: number;
}

export interface ConnectionState extends GroupMember {
	readonly player: Player;
	readonly entity: Entity;
	/** Whether the client said hello (registered, listening), and since when (server time). */
	ready: boolean;
	readyAt: number;
	/** Server time of the client's newest acknowledgement (its hello's until the first). A live client acks every 0.1 s. */
	lastAckAt: number;
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
	/**
	 * The replication group whose unreliable state this client shares
	 * (undefined until it said hello). See group.ts.
	 */
	group?: ReplicationGroup<ConnectionState>;
	/** Unreliable packets to send this step (filled by the encoders, emptied by sendPackets). */
	readonly unreliableOut: buffer[];
	/** Newest reliable tick the client applied (from its acks). */
	ackedReliableTick: number;
	/** Interest groups (bits, see core/groups.ts) the client is subscribed to: only their members reach it. */
	interest: number;
	/** Interest groups subscribed this step: their current state goes whole in this step's packet. */
	interestFresh: number;
	/** The newest seq and bitfield of the last ack, so the next one only walks what is new. */
	lastAckNewest: number;
	lastAckBits: number;
	readonly stats: NetStatsData;
}

export function newConnection(player: Player, entity: Entity, stats: NetStatsData, interest = 0): ConnectionState {
	return {
		player,
		entity,
		ready: false,
		readyAt: 0,
		lastAckAt: 0,
		schemaSent: false,
		known: new Set(),
		entering: [],
		leaving: [],
		reliable: newWriter(256),
		reliableQueue: [],
		budget: { tokens: 0, deferredSince: -1, warned: false, lastDeferred: 0 },
		pendingEvents: newWriter(64),
		unreliableEvents: [],
		guard: {
			windowStart: -math.huge,
			windowBytes: 0,
			windowPackets: 0,
			buckets: new Map(),
			floodTokens: -1,
			floodLast: 0,
			drops: [],
			reliableSeqs: newSeqWindow(),
			unreliableSeqs: newSeqWindow(),
			requestIds: newSeqWindow(),
			violations: new Map(),
			violationTick: -1,
		},
		group: undefined,
		ackRing: [],
		ackRingSeq: [],
		ackRingDone: [],
		ackRingAlias: [],
		unreliableOut: [],
		ackedReliableTick: -1,
		interest,
		interestFresh: 0,
		lastAckNewest: 0,
		lastAckBits: 0,
		stats,
	};
}

/** Server, on connection entities: the connection's replication state. Internal to Skyrocket. */
export const Connection = jecs.component<ConnectionState>();
