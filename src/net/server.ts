/**
 * The server side of a net: owns the truth (the jecs world) and replicates it
 * to every client. Create it with `server(world, config)`, mark components
 * replicated, and call `net.step(dt, gameSystems)` every frame.
 *
 * Longer than the ~300-line guide because it is the server's whole public
 * surface in one class: each method is a documented entry point that checks
 * its arguments and hands off to src/server or the schedule (no logic of its
 * own to split out); splitting it would scatter the API a user reads.
 */
import { Entity, World } from "@rbxts/jecs";
import { SERVER_PHASES, ServerPhase } from "../schedule/phases";
import { NetBase } from "./netBase";
import { createServerTransport } from "../transport/remoteTransport";
import { ServerTransport } from "../transport/transport";
import { newServerContext, ServerContext } from "../server/context";
import { ConnectionState } from "../server/connection";
import { VisibilityRule } from "../server/visibility";
import { idLabel, ReplicatedInfo } from "../core/registry";
import { ServerConfig, resolveServerConfig } from "../core/config";
import type { Tick } from "../../components/tick";
import type { RecordHandler } from "../../systems/server/receivePackets";
import { serverSchedule } from "../schedule/serverSchedule";
import { ServerEvents } from "../server/events";
import { ServerEventHandle, ServerRequestHandle } from "../server/eventHandles";
import { EventOptions, RequestOptions } from "../core/eventOptions";
import { declareEvent, EventDirection, EventInfo } from "../core/eventRegistry";
import { resolveGuardConfig } from "../core/guardConfig";
import { Focus, Interest, InterestConfig } from "../server/interest";
import { ViolationKind } from "../../components/events";
import { pingHandler } from "../server/clock";
import { InputBatch, PredictionOptions, registerPredictionWire } from "../core/prediction";
import { ServerPrediction } from "../server/prediction";
import { Rollback, RollbackOptions } from "../server/rollback";
import * as codecs from "../codec";
import { Visibility } from "../../components/replication";
import { NetStatsData } from "../../components/stats";
import { watchPublicComponents } from "../server/watchPublicComponents";
import { releaseServer } from "../server/release";
import { refuseLateUnreliable } from "../server/schema";
import { TransactionData } from "../../components/transaction";
import { ServerTransactions } from "../server/transactions";
import { resolveTransactionConfig } from "../core/transactionConfig";
import { AtomicScope } from "../server/atomic";
import { GroupMemberRef, GroupOptions, SUBSCRIBE_EVENT, subscriptionCodec, SubscriptionMessage, SUBSCRIPTION_EVENT } from "../core/groups";
import { declareProperty, PropertyOptions } from "../core/property";
import { ServerGlobalProperty, ServerHolders, ServerPlayerProperty } from "../server/properties";
import { ServerGroup, ServerSubscriptions } from "../server/subscriptions";

/** Entries of a map (debugSizes). */
function sizeOf(map: ReadonlyMap<unknown, unknown>): number {
	let n = 0;
	for (const _ of map) n += 1;
	return n;
}

export class ServerNet extends NetBase<ServerPhase> {
	/** Shared state of the net's systems. @internal (tools and specs of this repository) */
	readonly context: ServerContext;
	/** Record decoders for client packets, extended by events and requests. @internal */
	readonly recordHandlers: RecordHandler[] = [];
	/** Events, requests, guards and their counters. @internal */
	readonly events: ServerEvents;
	/** Client transactions. @internal */
	readonly transactions: ServerTransactions;
	private readonly atomicScope: AtomicScope;

	constructor(world: World, config?: ServerConfig, transport?: ServerTransport) {
		super(world, SERVER_PHASES);
		const resolved = resolveServerConfig(config);
		const ctx = newServerContext(world, resolved, transport ?? createServerTransport(resolved.name), this.counted, (hooks, clock) =>
			this.newObservers(hooks, clock),
		);
		this.context = ctx;
		refuseLateUnreliable(ctx);
		watchPublicComponents(ctx);
		const guard = resolveGuardConfig(config?.guard);
		const events = new ServerEvents(world, ctx, guard);
		this.events = events;
		const transactions = new ServerTransactions(world, ctx, events, guard, resolveTransactionConfig(config?.transactions));
		this.transactions = transactions;
		this.recordHandlers.push(events.handler);
		this.recordHandlers.push(pingHandler(ctx, events));
		this.recordHandlers.push(transactions.handler);
		this.atomicScope = new AtomicScope(world, ctx.registry);
		serverSchedule(this.pipeline, {
			world,
			ctx,
			events,
			transactions,
			atomic: this.atomicScope,
			recordHandlers: this.recordHandlers,
			game: this.runGame,
		});
		this.addDebugSize("connections", () => ctx.connections.size());
		this.addDebugSize("players", () => sizeOf(ctx.byPlayer));
		this.addDebugSize("group members", () => {
			let n = 0;
			for (const g of ctx.groups) n += g.members.size();
			return n;
		});
		// warnings about a player live on their connection, freed with it
		this.addDebugSize("warnings about players", () => {
			let n = 0;
			for (const conn of ctx.connections) n += conn.warnings.size();
			return n;
		});
	}

	protected registry() {
		return this.context.registry;
	}

	protected observers() {
		return this.context.observers;
	}

	protected eventRegistry() {
		return this.context.events;
	}

	protected groupRegistry() {
		return this.context.netGroups;
	}

	protected readonly observePhase = ServerPhase.Collect;
	private holderEntities?: ServerHolders;
	private subscriptionState?: ServerSubscriptions;

	/** Property holders, made with the first property. */
	private holders(): ServerHolders {
		if (this.holderEntities === undefined) {
			const holders = new ServerHolders(this.world, this.holderTags, (e, rule) => this.setVisibility(e, rule));
			this.context.onLeave.push(holders.leave);
			this.addDebugSize("property holders", () => holders.size());
			this.holderEntities = holders;
		}
		return this.holderEntities;
	}

	protected advance(dt: number) {
		this.context.time += dt;
	}

	protected registered(info: ReplicatedInfo) {
		if (info.unreliable) this.context.mutations.add(info);
		for (const hook of this.context.onRegister) hook(info);
	}

	/**
	 * Declares a network event (declare it the same way on the client).
	 * Incoming events become entities with `handle.Incoming` and `Sender`,
	 * alive for one step; send with `handle.sendTo / broadcast`.
	 */
	event<T, F extends EventDirection = EventDirection>(name: string, options: EventOptions<T, F>): ServerEventHandle<T, F> {
		const info = declareEvent(this.world, this.events.registry, {
			name,
			codec: options.codec as EventInfo["codec"],
			from: options.from,
			reliable: options.reliable,
			check: options.check,
			rate: options.rate ?? this.events.guard.eventRate,
		});
		this.checkEvent(info);
		return new ServerEventHandle<T, F>(this.events, info);
	}

	/**
	 * Declares a request clients send and the server answers from a system:
	 * query `handle.Incoming` with Sender, then `handle.respond(entity, answer)`.
	 */
	request<Q, R>(name: string, options: RequestOptions<Q, R>): ServerRequestHandle<Q, R> {
		const info = declareEvent(this.world, this.events.registry, {
			name,
			codec: options.request as EventInfo["codec"],
			from: "client",
			reliable: options.reliable,
			check: options.check,
			rate: options.rate ?? this.events.guard.eventRate,
			response: options.response as EventInfo["codec"],
		});
		this.checkEvent(info);
		return new ServerRequestHandle<Q, R>(this.events, info);
	}

	/**
	 * Declares a NetProperty (declare it the same way on the client): a value per
	 * player ("player" scope, the default: `Coins.set(player, 10)`, only that
	 * player receives it) or one for everyone ("global": `Weather.set("rain")`).
	 * It is a replicated component underneath: table values send only what
	 * changed (struct fields, map keys, array elements).
	 */
	property<T>(name: string, codec: codecs.Codec<T>, options: PropertyOptions & { scope: "global" }): ServerGlobalProperty<T>;
	property<T>(name: string, codec: codecs.Codec<T>, options?: PropertyOptions & { scope?: "player" }): ServerPlayerProperty<T>;
	property<T>(name: string, codec: codecs.Codec<T>, options: PropertyOptions = {}): ServerPlayerProperty<T> | ServerGlobalProperty<T> {
		const { component, scope } = declareProperty(this, this.holderTags, name, codec, options);
		this.propertyNames.add(name);
		const info = this.context.registry.byId.get(component)!;
		const args = [name, this.world, this.holders(), info, this.observers(), component] as const;
		return scope === "global" ? new ServerGlobalProperty<T>(...args) : new ServerPlayerProperty<T>(...args);
	}

	/**
	 * Declares an object group (declare it the same way on the client): members
	 * (replicated components or properties) observed as one
	 * (`group.observe(entity, fn)`), and with `interest` "opt-in" / "opt-out"
	 * sent only to the clients subscribed to it.
	 */
	group(name: string, members: readonly GroupMemberRef[], options?: GroupOptions): ServerGroup {
		const info = this.declareGroup(name, members, options);
		if (info.bit > 0) this.subscriptions();
		return new ServerGroup(info, this.context, this.observers(), () => this.subscriptionState);
	}

	/**
	 * A group of the replicated components whose wire names match `patterns`,
	 * resolved now (Lua patterns over whole names; `*` is any run of characters,
	 * `(HP|MaxHP)` lists alternatives; see README "Object groups"). Errors list
	 * the names when nothing matches. Named by the pattern unless `options.name`.
	 */
	subscribe(patterns: string | readonly string[], options?: GroupOptions): ServerGroup {
		const members = this.membersMatching(patterns);
		const name = options?.name ?? (typeIs(patterns, "string") ? patterns : patterns.join(" "));
		return this.group(name, members, options);
	}

	/** The subscription events and their system, declared with the first interest group. */
	private subscriptions(): ServerSubscriptions {
		if (this.subscriptionState === undefined) {
			const requests = this.event<SubscriptionMessage>(SUBSCRIBE_EVENT, { codec: subscriptionCodec, from: "client" });
			const replies = this.event<SubscriptionMessage>(SUBSCRIPTION_EVENT, { codec: subscriptionCodec, from: "server" });
			const state = new ServerSubscriptions(this.context, this.context.netGroups.byName, requests, replies);
			this.pipeline.add(ServerPhase.Events, "applySubscriptions", state.system);
			this.subscriptionState = state;
		}
		return this.subscriptionState;
	}

	/**
	 * Declares client-side prediction for `options.component` (declare it the
	 * same way on the client). Bind a player to the entity their inputs drive
	 * with `prediction.bind(player, entity)`; the server applies their inputs
	 * with `options.apply` each step, in order. See time/prediction.ts.
	 */
	prediction<I extends defined, T>(name: string, options: PredictionOptions<I, T>): ServerPrediction<I, T> {
		const info = this.context.registry.byId.get(options.component);
		if (info === undefined)
			error(
				`Skyrocket: net.prediction("${name}") drives ${idLabel(this.world, options.component)}, which this net does not replicate: call net.replicate(${idLabel(this.world, options.component)}, ...) before net.prediction()`,
				2,
			);
		const { ack, controller, inputs } = registerPredictionWire(this, name, options.input);
		const prediction = new ServerPrediction<I, T>(
			this.world,
			options,
			info.codec as codecs.Codec<T>,
			ack,
			controller,
			inputs as ServerEventHandle<InputBatch<I>>,
			options.dt ?? 1 / this.context.config.tickRate,
			(e, reason) => this.events.drop(e, "validation", reason),
			this.context.counters,
		);
		this.pipeline.add(ServerPhase.Events, `predict ${name}`, prediction.system);
		this.context.onLeave.push((player) => prediction.forget(player));
		for (const [what, size] of prediction.sizes()) this.addDebugSize(`prediction ${name} ${what}`, size);
		return prediction;
	}

	/**
	 * Keeps the last `ticks` ticks of `components` so you can rewind the world
	 * to the tick a client saw (lag compensation) and restore the present.
	 */
	rollback(options: RollbackOptions): Rollback {
		// recorded after finishStep: the state at the end of the tick just finished, as clients receive it
		const ctx = this.context;
		const bound = { rtt: (p: Player) => this.rtt(p), tickRate: ctx.config.tickRate, counters: ctx.counters };
		const rollback = new Rollback(this.world, options.components, options.ticks ?? 64, () => ctx.tick - 1, bound, options);
		this.pipeline.add(ServerPhase.Cleanup, "recordRollback", rollback.record);
		return rollback;
	}

	/** Drops an incoming event entity from a middleware: it is despawned, counted and reported as a Violation. */
	drop(eventEntity: Entity, reason: string, kind: ViolationKind = "filtered") {
		this.events.drop(eventEntity, kind, reason);
	}

	/**
	 * Fails a client transaction before it commits, from a system placed
	 * before ServerPhase.Transaction: none of its events reaches a later
	 * system and the client's promise rejects with `reason` (its optimistic
	 * changes roll back). `tx` is the Transaction value or one of its event
	 * entities. The same as `tx.fail(reason)`.
	 */
	failTransaction(tx: TransactionData | Entity, reason: string) {
		this.transactions.fail(tx, reason);
	}

	/**
	 * Makes the world changes `fn` makes apply on every client in one client
	 * step, even across reliable and unreliable components: the unreliable
	 * values it changes go whole on this step's reliable packet (which is
	 * applied whole) instead of the separate unreliable packets. Reliable
	 * changes, spawns, despawns and reliable events of one step are atomic
	 * already. Outside `fn` it costs no listener (its system returns at once
	 * in a step without atomic groups); inside it, each changed unreliable
	 * value is sent whole once more, reliably. Rethrows what `fn` throws (the changes
	 * it made before stay made, and still travel together).
	 */
	atomic(fn: () => void) {
		this.atomicScope.run(fn);
	}

	/**
	 * Chooses who receives `entity` (default everyone); see `Visible`. The same
	 * as writing the `Visibility` component (`world.set(entity, Visibility,
	 * rule)`); removing that component makes the entity visible to everyone.
	 */
	setVisibility(entity: Entity, rule: VisibilityRule) {
		this.world.set(entity, Visibility, rule);
	}

	/**
	 * Turns on area of interest: entities with `config.position` reach a player
	 * only near their focus (see InterestConfig; radii in studs). Entities
	 * without a position, tagged AlwaysRelevant, or owned by the player (Owner)
	 * always reach them.
	 */
	setInterest<P>(config: InterestConfig<P>) {
		if (this.context.interest) error("Skyrocket: area of interest is already set for this net", 2);
		if (!(config.enterRadius > 0)) error(`Skyrocket: enterRadius must be positive, got ${config.enterRadius}`, 2);
		const interest = new Interest(
			this.world,
			config as InterestConfig,
			this.context.hooks,
			this.context.visibilityDirty,
			this.context.counters,
		);
		this.context.interest = interest;
		this.context.onLeave.push((player) => interest.forgetPlayer(player));
		this.addDebugSize("interest focus", () => interest.sizes()[0]);
		this.addDebugSize("interest views", () => interest.sizes()[1]);
	}

	/**
	 * Sets what a player's view is centred on: a position, an entity (its
	 * position component), or undefined for the default (their character's
	 * PrimaryPart).
	 */
	setFocus(player: Player, focus: Focus) {
		if (!this.context.interest) error("Skyrocket: call setInterest before setFocus", 2);
		this.context.interest.setFocus(player, focus);
	}

	/** The wire handle of a replicated entity (what clients map to their own entity with entityOf). */
	handleOf(entity: Entity): number | undefined {
		return this.context.tracked.get(entity)?.handle;
	}

	/** The replicated entity a wire handle stands for (e.g. one a client named in an event). */
	entityOf(handle: number): Entity | undefined {
		return this.context.byHandle.get(handle)?.entity;
	}

	/** Connected players (in join order). */
	players(): Player[] {
		return this.context.connections.map((c) => c.player);
	}

	/** A player's connection state, if connected. @internal */
	connection(player: Player): ConnectionState | undefined {
		return this.context.byPlayer.get(player);
	}

	/** A player's traffic counters. */
	stats(player: Player): NetStatsData | undefined {
		return this.context.byPlayer.get(player)?.stats;
	}

	/** Seconds since the net started (the clock clients estimate with their time()). */
	time(): number {
		return this.context.time;
	}

	/** The tick of the step running, or of the next one between steps (the number stamped on its packets). */
	tick(): Tick {
		return this.context.tick as Tick;
	}

	/** A player's round-trip time estimate in seconds (from acknowledgements; 0 before the first). */
	rtt(player: Player): number {
		return this.context.byPlayer.get(player)?.stats.rtt ?? 0;
	}

	/**
	 * Ends this net: removes its remotes, disconnects every jecs hook it
	 * installed, despawns its connection and event entities, unmarks its
	 * replicated components and forgets every entity, player and baseline. A
	 * destroyed net costs nothing; its step() does nothing.
	 */
	destroy() {
		if (!this.beginDestroy()) return;
		releaseServer(this.context, this.events);
	}
}

/** Creates the server side of a net for `world`. */
export function server(world: World, config?: ServerConfig): ServerNet {
	return new ServerNet(world, config);
}
