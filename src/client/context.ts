/**
 * Everything the client's net systems share: the map between server handles
 * and local entities, the last authoritative value of every replicated
 * component (to restore local tampering and to decode deltas), and the
 * received unreliable packets kept as baselines for the server's deltas.
 */
import { Entity, World } from "@rbxts/jecs";
import { CodecContext } from "../codec";
import { ReplicatedInfo, Registry } from "../core/registry";
import { ResolvedClientConfig } from "../core/config";
import { ClientTransport } from "../transport/transport";
import { NetStatsData } from "../../components/stats";
import { EventRegistry } from "../core/eventRegistry";
import type { Hooks } from "../core/hooks";
import type { ServerSchema } from "./serverSchema";
import type { Observers } from "../core/observers";
import type { Warnings } from "../core/report";

export interface ClientContext {
	readonly world: World;
	readonly registry: Registry;
	/** Declared events and requests (mapped to the server's ids by the schema). */
	readonly events: EventRegistry;
	readonly config: ResolvedClientConfig;
	readonly transport: ClientTransport;
	time: number;
	helloSent: boolean;
	/** When the last hello went (it is resent every second until the server answers), and whether it has. */
	helloAt: number;
	answered: boolean;
	/** Numbers of the last packet sent on each channel (each packet carries the next; the server processes each once). */
	reliableSeq: number;
	unreliableSeq: number;
	/** The server's schema as received (see schema.ts). */
	schema?: ServerSchema;
	/** The server's wire ids resolved to local infos (undefined until the schema arrives; an undefined entry: not declared here, skipped). */
	wire?: (ReplicatedInfo | undefined)[];
	/** Per server wire id: the fixed size of its values, or 0 (framed). */
	wireSizes: number[];
	/** Per server event id: the fixed size of its payloads, or 0 (framed). */
	eventSizes: number[];
	/** Server unreliable index -> local info. */
	serverUnreliable: ReplicatedInfo[];
	/** Unreliable components of the server this client lacks: unreliable updates wait while set. */
	waitingFor?: string;
	/** The server's per-player bandwidth budget in B/s (0: none or not known yet), from its schema. */
	serverBudget: number;
	/** What the client was warned it skips (warned once each). */
	readonly skipped: Set<string>;
	/** Reliable packets that arrived before any schema (kept in order until it does). */
	readonly waiting: buffer[];
	readonly entities: Map<number, Entity>;
	readonly handles: Map<Entity, number>;
	/** Newest server tick of an applied reliable packet. */
	reliableTick: number;
	/** Newest server tick seen on any packet. */
	serverTick: number;
	/** Last server value of every replicated component, by entity then this client's own wire id (registry.byWire, not the server's). */
	readonly authoritative: Map<Entity, Map<number, unknown>>;
	/** Components the game changed locally since the last step: restored from the server's values. */
	readonly tampered: Map<Entity, Set<ReplicatedInfo>>;
	/** True while Skyrocket itself writes the world (so its own writes are not "tampering"). */
	applying: boolean;
	/**
	 * Components the client may write locally without being corrected:
	 * predicted ones and optimistic changes waiting for the server's answer.
	 * entity -> wire id -> number of holders.
	 */
	readonly owned: Map<Entity, Map<number, number>>;
	/** While set, local writes to replicated components are captured (optimistic calls). */
	capture?: [Entity, ReplicatedInfo][];
	/** Unreliable state at the reliable (re)definition, by server unreliable index. */
	readonly spawnState: Map<Entity, unknown[]>;
	/** Server tick of that definition: older mutation packets are ignored for the entity. */
	readonly resetTick: Map<Entity, number>;
	/** Decoded unreliable values per server tick (the server's possible baselines). */
	readonly received: Map<number, Map<Entity, unknown[]>>;
	/** Lane arrays and per-tick maps of ticks that left the window, reused for new ones (no table per record). */
	readonly spareLanes: unknown[][];
	readonly spareTicks: Map<Entity, unknown[]>[];
	/** Mutation packet seqs fully received recently (for acks). */
	readonly receivedSeqs: Set<number>;
	/** Server tick of the newest mutation applied per entity. */
	readonly latestTick: Map<Entity, number>;
	/** Newest mutation seq fully received, newest tick of received values, and whether an ack is owed. */
	newestSeq: number;
	newestTick: number;
	ackOwed: boolean;
	lastAckTime: number;
	/** Entities and their decoded values of the mutation packet being applied (reused scratch). */
	readonly decodedEntities: Entity[];
	readonly decodedValues: unknown[][];
	/** Relation pairs the server gave each entity: entity -> [relation, target handle] (to rebuild a deleted entity). */
	readonly pairs: Map<Entity, [Entity, number][]>;
	/** Replicated entities the game deleted since the last step (rebuilt at the next, see restoreEntity.ts). */
	readonly deleted: Entity[];
	/** Replicated entities deleted so far, by anyone (the mutation apply checks liveness only when this moved). */
	deletions: number;
	/** Pairs whose target handle the client does not have yet: target handle -> [entity, relation]. */
	readonly pendingPairs: Map<number, [Entity, Entity][]>;
	readonly codecContext: CodecContext;
	/** Called whenever the net applies a server value (interpolation, prediction listen here). */
	readonly onValue: ((e: Entity, info: ReplicatedInfo, value: unknown, tick: number) => void)[];
	readonly stats: NetStatsData;
	/** Every jecs hook of this net (disconnected by destroy). */
	readonly hooks: Hooks;
	/** Callbacks of code outside the ECS (net.observe, handle.observe), run once per step. */
	readonly observers: Observers;
	/** Warnings this net gave (once, or repeated while a problem lasts). */
	readonly warnings: Warnings;
	/** Net-wide counters (non-finite values...), see net.counters(). */
	readonly counters: Map<string, number>;
	/** Decoders for records the core does not know (events...): effects go to `staged`; false if unknown. */
	readonly extraRecords: ((op: number, r: import("../codec").Reader, tick: number, staged: (() => void)[]) => boolean)[];
}
