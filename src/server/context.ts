/**
 * Everything the server's net systems share. Systems are closures over this
 * object; it is built once per net by `server()`.
 */
import { Entity, World } from "@rbxts/jecs";
import { CodecContext } from "../codec";
import { ReplicatedInfo, Registry } from "../core/registry";
import { ResolvedServerConfig } from "../core/config";
import { ServerTransport } from "../transport/transport";
import { HandleAllocator } from "./handles";
import { ConnectionState } from "./connection";
import { MutationStore } from "./mutationStore";
import { Knowers, ReplicationGroup } from "./group";
import { EntityChange, TrackedEntity } from "./tracked";
import { EventRegistry } from "../core/eventRegistry";
import type { Interest } from "./interest";
import { Hooks } from "../core/hooks";
import type { Observers } from "../core/observers";
import { Warnings } from "../core/report";
import { GroupRegistry } from "../core/groups";

export interface ServerContext {
	readonly world: World;
	readonly registry: Registry;
	/** Declared events and requests (sent in the schema). */
	readonly events: EventRegistry;
	readonly config: ResolvedServerConfig;
	readonly transport: ServerTransport;
	/** How many entities have a Priority component (0: skip reading it). */
	prioritized: number;
	/** Global bandwidth budget balance (bytes). */
	globalTokens: number;
	/** Net steps so far; stamped on every packet. */
	tick: number;
	/** Seconds since the net started (sum of step dts). */
	time: number;
	readonly handles: HandleAllocator;
	readonly tracked: Map<Entity, TrackedEntity>;
	readonly byHandle: Map<number, TrackedEntity>;
	/**
	 * Handles whose unreliable values changed: `mutated` fills from the jecs
	 * hooks as the game writes; collect moves it to `mutatedNow` for this step's encoders.
	 */
	mutated: number[];
	mutatedNow: number[];
	/** Handle -> entity, flat (hot paths). */
	readonly entityOf: number[];
	/** Unreliable component values, flat per handle (see mutationStore.ts). */
	readonly mutations: MutationStore;
	/** Replication groups of ready clients (see group.ts); dead ones are dropped at the end of each step. */
	readonly groups: ReplicationGroup<ConnectionState>[];
	/** Which groups know each handle (see Knowers). */
	readonly knowers: Knowers;
	/** This step's changes, in the order entities were first touched. */
	readonly changes: EntityChange[];
	/** Change records and touched-id sets of past steps, reused so a tick allocates none per entity. */
	readonly changePool: EntityChange[];
	readonly touchedPool: Set<ReplicatedInfo>[];
	/** Listener output: entities touched since the last collect, in order. */
	dirtyOrder: Entity[];
	readonly dirty: Map<Entity, Set<ReplicatedInfo>>;
	/** Entities whose visibility rule changed. */
	readonly visibilityDirty: Set<Entity>;
	/** Area of interest, when enabled (net.setInterest). */
	interest?: Interest;
	/** Entities with a filter rule (re-evaluated every step). */
	readonly filtered: Set<Entity>;
	readonly connections: ConnectionState[];
	readonly byPlayer: Map<Player, ConnectionState>;
	/** Handle translation for entity-reference codecs. */
	readonly codecContext: CodecContext;
	/**
	 * While a client's payload is decoded: that client. Its entity references
	 * resolve only to entities it sees now; `unseenRef` keeps the first handle
	 * that did not (0: none).
	 */
	viewer?: ConnectionState;
	unseenRef: number;
	/** Net-wide counters (kicks, non-finite values...), see net.counters(). */
	readonly counters: Map<string, number>;
	/** Entity references: target -> source entity -> wire ids of reliable components pointing at it. */
	readonly refsTo: Map<Entity, Map<Entity, Set<number>>>;
	/** Source entity -> wire id -> targets its value references. */
	readonly refsFrom: Map<Entity, Map<number, Entity[]>>;
	/** Set for one step by the profiler: told the bytes of each unreliable value written, per recipient. */
	mutationTally?: (wireId: number, bytes: number, copies: number) => void;
	/** Object groups (net.group / net.subscribe); interest groups filter what each connection receives. */
	readonly netGroups: GroupRegistry;
	/** Called when a player leaves, after their connection is freed (property holders, interest, prediction, warnings, tools forget the player). */
	readonly onLeave: ((player: Player) => void)[];
	/** Called when a component/tag/relation is registered (systems install listeners). */
	readonly onRegister: ((info: ReplicatedInfo) => void)[];
	/** Every jecs hook of this net (disconnected by destroy). */
	readonly hooks: Hooks;
	/** How many replicated ids and events clients were told about (later ones are announced, see schema.ts). */
	readonly announced: { components: number; events: number };
	/** Callbacks of code outside the ECS (net.observe, handle.observe), run once per step. */
	readonly observers: Observers;
	/** Warnings given once by this net (per player ones live on each connection). */
	readonly warnings: Warnings;
}

/** A server net's shared state, empty (the net fills it as players join and the game runs). */
export function newServerContext(
	world: World,
	config: ResolvedServerConfig,
	transport: ServerTransport,
	counters: Map<string, number>,
	newObservers: (hooks: Hooks, now: () => number) => Observers,
): ServerContext {
	const registry = new Registry(world);
	const hooks = new Hooks(world);
	const ctx: ServerContext = {
		world,
		registry,
		netGroups: new GroupRegistry(registry),
		onLeave: [],
		events: new EventRegistry(),
		config,
		transport,
		tick: 0,
		time: 0,
		globalTokens: 0,
		prioritized: 0,
		handles: new HandleAllocator(config.handleQuarantine),
		tracked: new Map(),
		byHandle: new Map(),
		entityOf: [],
		mutated: [],
		mutatedNow: [],
		mutations: new MutationStore(),
		groups: [],
		knowers: new Knowers(),
		changes: [],
		changePool: [],
		touchedPool: [],
		dirtyOrder: [],
		dirty: new Map(),
		visibilityDirty: new Set(),
		filtered: new Set(),
		connections: [],
		byPlayer: new Map(),
		codecContext: {
			toHandle: (e) => ctx.tracked.get(e as Entity)?.handle ?? 0,
			fromHandle: (h) => {
				const t = ctx.byHandle.get(h);
				const viewer = ctx.viewer;
				// a client's payload may name only what that client sees now (see events.ts)
				if (viewer !== undefined && (t === undefined || !viewer.known.has(t.entity))) {
					if (ctx.unseenRef === 0) ctx.unseenRef = h;
					return undefined;
				}
				return t?.entity;
			},
		},
		viewer: undefined,
		unseenRef: 0,
		counters,
		refsTo: new Map(),
		refsFrom: new Map(),
		onRegister: [],
		hooks,
		announced: { components: 0, events: 0 },
		warnings: new Warnings(),
		observers: newObservers(hooks, () => ctx.time),
	};
	return ctx;
}
