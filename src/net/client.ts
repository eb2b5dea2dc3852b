/**
 * The client side of a net: mirrors what the server replicates into the
 * client's own jecs world and keeps the map between server handles and local
 * entities. Register the same components as the server (same names, same
 * codecs), then call `net.step(dt, gameSystems)` every frame.
 *
 * Longer than the ~300-line guide for the same reason as server.ts: it is the
 * client's whole public surface, documented methods that delegate to
 * src/client and the schedule.
 */
import { Entity, World } from "@rbxts/jecs";
import { CLIENT_PHASES, ClientPhase } from "../schedule/phases";
import { clientSchedule } from "../schedule/clientSchedule";
import type { Tick } from "../../components/tick";
import { NetBase } from "./netBase";
import { createClientTransport } from "../transport/remoteTransport";
import { ClientTransport } from "../transport/transport";
import { ClientContext } from "../client/context";
import { idLabel, Registry, ReplicatedInfo } from "../core/registry";
import { ClientConfig, resolveClientConfig } from "../core/config";
import { ClientEvents } from "../client/events";
import { ClientEventHandle, ClientRequestHandle } from "../client/eventHandles";
import { EventOptions, RequestOptions } from "../core/eventOptions";
import { declareEvent, EventDirection, EventInfo, EventRegistry } from "../core/eventRegistry";
import { enforceAuthority } from "../../systems/client/enforceAuthority";
import { newNetStats, NetStatsData } from "../../components/stats";
import { ClientClock } from "../client/clock";
import { InterpolateOptions, Interpolator } from "../client/interpolation";
import { InputBatch, namedComponent, PredictionOptions, registerPredictionWire } from "../core/prediction";
import { ClientPrediction } from "../client/prediction";
import { refuseSkippedRegistrations, resolveSchema } from "../client/schema";
import { Hooks } from "../core/hooks";
import { Warnings } from "../core/report";
import { releaseClient } from "../client/release";
import { ClientTransaction, ClientTransactions, TransactionOptions } from "../client/transactions";
import { Codec } from "../codec";
import {
	GroupMemberRef,
	GroupOptions,
	GroupRegistry,
	SUBSCRIBE_EVENT,
	subscriptionCodec,
	SubscriptionMessage,
	SUBSCRIPTION_EVENT,
} from "../core/groups";
import { declareProperty, PropertyOptions, PropertyScope } from "../core/property";
import { ClientHolders, ClientProperty } from "../client/properties";
import { ClientGroup, ClientSubscriptions } from "../client/subscriptions";

export class ClientNet extends NetBase<ClientPhase> {
	/** Shared state of the net's systems. @internal (tools and specs of this repository) */
	readonly context: ClientContext;
	/** Events and requests of this client. @internal */
	readonly events: ClientEvents;
	/** The estimate of the server's clock and of the round-trip time. @internal */
	readonly clock: ClientClock;
	private readonly authority: ReturnType<typeof enforceAuthority>;
	/** Transactions sent and waiting for the server's verdict. @internal */
	readonly transactions: ClientTransactions;
	private expiring = false;
	private readonly groups: GroupRegistry;
	private holderEntities?: ClientHolders;
	private subscriptionState?: ClientSubscriptions;
	/** Scope of each property, by component (groups of properties observe their holder). */
	private readonly propertyScopes = new Map<Entity, PropertyScope>();
	protected readonly observePhase = ClientPhase.Receive;

	constructor(world: World, config?: ClientConfig, transport?: ClientTransport) {
		super(world, CLIENT_PHASES);
		const resolved = resolveClientConfig(config);
		const hooks = new Hooks(world);
		const ctx: ClientContext = {
			world,
			registry: new Registry(world),
			events: new EventRegistry(),
			config: resolved,
			transport: transport ?? createClientTransport(resolved.name),
			time: 0,
			helloSent: false,
			helloAt: -math.huge,
			answered: false,
			reliableSeq: 0,
			unreliableSeq: 0,
			wire: undefined,
			wireSizes: [],
			eventSizes: [],
			skipped: new Set(),
			serverBudget: 0,
			serverUnreliable: [],
			waiting: [],
			entities: new Map(),
			handles: new Map(),
			reliableTick: -1,
			serverTick: -1,
			authoritative: new Map(),
			tampered: new Map(),
			applying: false,
			owned: new Map(),
			spawnState: new Map(),
			resetTick: new Map(),
			received: new Map(),
			spareLanes: [],
			spareTicks: [],
			receivedSeqs: new Set(),
			latestTick: new Map(),
			newestSeq: 0,
			newestTick: 0,
			ackOwed: false,
			lastAckTime: -math.huge,
			pendingPairs: new Map(),
			pairs: new Map(),
			deleted: [],
			deletions: 0,
			decodedEntities: [],
			decodedValues: [],
			codecContext: {
				toHandle: (e) => ctx.handles.get(e as Entity) ?? 0,
				fromHandle: (h) => ctx.entities.get(h),
			},
			stats: newNetStats(),
			hooks,
			warnings: new Warnings(),
			observers: this.newObservers(hooks, () => ctx.time),
			counters: this.counted,
			extraRecords: [],
			onValue: [],
		};
		this.context = ctx;
		this.groups = new GroupRegistry(ctx.registry);
		const events = new ClientEvents(world, ctx);
		this.events = events;
		ctx.extraRecords.push(events.handler);
		this.transactions = new ClientTransactions(ctx, events);
		ctx.extraRecords.push(this.transactions.handler);
		this.clock = new ClientClock(() => ctx.time, 1 / resolved.tickRate);
		const clock = this.clock;
		ctx.extraRecords.push((op, r) => {
			const handled = clock.handler(op, r);
			if (handled) ctx.stats.rtt = clock.rtt;
			return handled;
		});
		this.authority = enforceAuthority(ctx);
		refuseSkippedRegistrations(ctx);
		clientSchedule(this.pipeline, {
			ctx,
			events,
			authority: this.authority.system,
			game: this.runGame,
			pingInterval: resolved.pingInterval,
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
		return this.groups;
	}

	protected advance(dt: number) {
		this.context.time += dt;
	}

	protected registered(info: ReplicatedInfo) {
		this.authority.listen(info);
	}

	/** Clients do not rate-limit what the server sends them. */
	private declare(
		name: string,
		from: EventInfo["from"],
		codec: EventInfo["codec"],
		reliable: boolean | undefined,
		response?: EventInfo["response"],
	) {
		const info = declareEvent(this.world, this.events.registry, { name, codec, from, reliable, rate: { rate: 0, burst: 0 }, response });
		// declared after the schema arrived: take the server's id for it now (events are not state: nothing was lost but past events)
		if (this.context.schema !== undefined) resolveSchema(this.context);
		return info;
	}

	/** Declares a network event (the same way as on the server). */
	event<T, F extends EventDirection = EventDirection>(name: string, options: EventOptions<T, F>): ClientEventHandle<T, F> {
		const info = this.declare(name, options.from, options.codec as EventInfo["codec"], options.reliable);
		this.checkEvent(info);
		return new ClientEventHandle<T, F>(this.events, info);
	}

	/** Declares a request (the same way as on the server); call `handle.invoke(value)`. */
	request<Q, R>(name: string, options: RequestOptions<Q, R>): ClientRequestHandle<Q, R> {
		const info = this.declare(
			name,
			"client",
			options.request as EventInfo["codec"],
			options.reliable,
			options.response as EventInfo["codec"],
		);
		this.checkEvent(info);
		return new ClientRequestHandle<Q, R>(
			this.events,
			info,
			options.timeout ?? this.context.config.requestTimeout,
			options.retries ?? 0,
		);
	}

	/**
	 * Sends the events `fn` sends as one unit: the server commits them all
	 * (they reach its systems in the same step, tagged Transaction) or none.
	 * Replicated components `fn` changes locally are optimistic: they hold
	 * until the verdict. The promise resolves when the server commits; it
	 * rejects with the reason when any event fails a guard, a check, a rate
	 * limit or a server policy, and then none of it happened: the server's
	 * systems saw none of the events and the local changes roll back.
	 * Requests cannot join a transaction. A callback that throws sends
	 * nothing (the promise rejects). Without a verdict in `timeout` seconds the
	 * promise rejects (the outcome is then unknown; the server's values tell).
	 *
	 * ```ts
	 * net.transaction(() => {
	 * 	BuyItem.send(itemId);
	 * 	Equip.send(slot);
	 * 	world.set(me, Coins, coins - price); // optimistic: rolled back if the server refuses
	 * }).catch((reason) => warn(reason));
	 * ```
	 */
	transaction(fn: (tx: ClientTransaction) => void, options?: TransactionOptions): Promise<void> {
		if (!this.expiring) {
			// added on first use: a client that never transacts runs no extra system
			this.expiring = true;
			const transactions = this.transactions;
			this.pipeline.add(ClientPhase.Send, "expireTransactions", () => transactions.expire());
		}
		return this.transactions.run(fn, options);
	}

	/**
	 * Declares a NetProperty, the same way as on the server: `get()` reads the
	 * value the server sent (this player's own for "player" scope), `observe`
	 * reports each change once per step.
	 */
	property<T>(name: string, codec: Codec<T>, options: PropertyOptions = {}): ClientProperty<T> {
		const { component, scope } = declareProperty(this, this.holderTags, name, codec, options);
		this.propertyNames.add(name);
		this.propertyScopes.set(component, scope);
		this.holderEntities ??= new ClientHolders(this.world, this.context, this.holderTags);
		const info = this.context.registry.byId.get(component)!;
		return new ClientProperty<T>(name, scope, this.world, this.holderEntities, info, this.observers(), component, this.context);
	}

	/**
	 * Declares an object group, the same way as on the server: members observed
	 * as one (`group.observe(entity, fn)`), and with `interest` subscribed at run
	 * time (`group.subscribe()` / `unsubscribe()`).
	 */
	group(name: string, members: readonly GroupMemberRef[], options?: GroupOptions): ClientGroup {
		const info = this.declareGroup(name, members, options);
		if (info.bit > 0) this.subscriptions();
		// a group of properties of one scope observes their holder
		let scope: PropertyScope | undefined;
		let oneScope = true;
		for (const m of info.members) {
			const s = this.propertyScopes.get(m.id);
			if (s === undefined || (scope !== undefined && s !== scope)) oneScope = false;
			scope = s;
		}
		const holders = this.holderEntities;
		const holder = oneScope && scope !== undefined && holders ? () => holders.holder(scope!) : undefined;
		return new ClientGroup(info, this.observers(), () => this.subscriptionState, holder);
	}

	/** A group of the components whose wire names match `patterns`, resolved now (the same as on the server). */
	subscribe(patterns: string | readonly string[], options?: GroupOptions): ClientGroup {
		const members = this.membersMatching(patterns);
		const name = options?.name ?? (typeIs(patterns, "string") ? patterns : patterns.join(" "));
		return this.group(name, members, options);
	}

	/** The subscription events and their system, declared with the first interest group. */
	private subscriptions(): ClientSubscriptions {
		if (this.subscriptionState === undefined) {
			const requests = this.event<SubscriptionMessage>(SUBSCRIBE_EVENT, { codec: subscriptionCodec, from: "client" });
			const replies = this.event<SubscriptionMessage>(SUBSCRIPTION_EVENT, { codec: subscriptionCodec, from: "server" });
			const state = new ClientSubscriptions(this.world, this.context, this.groups.byName, requests, replies);
			this.pipeline.add(ClientPhase.Receive, "applySubscriptions", state.system);
			this.subscriptionState = state;
		}
		return this.subscriptionState;
	}

	/**
	 * Marks a replicated component interpolated: each step the client writes
	 * the value at (server time - delay) into the returned interpolator's
	 * `Rendered` component (read that in render systems; the replicated
	 * component keeps the newest server value).
	 */
	interpolate<T extends defined>(component: Entity<T>, options: InterpolateOptions<T> = {}): Interpolator<T> {
		const info = this.context.registry.byId.get(component);
		if (info === undefined)
			error(
				`Skyrocket: net.interpolate() was given ${idLabel(this.world, component)}, which this net does not replicate: call net.replicate(${idLabel(this.world, component)}, ...) before net.interpolate()`,
				2,
			);
		const interpolator = new Interpolator<T>(this.world, this.context, this.clock, info, options);
		this.pipeline.add(ClientPhase.Interpolate, `interpolate ${info.name}`, interpolator.system);
		return interpolator;
	}

	/**
	 * Declares client-side prediction (the same way as on the server): once the
	 * server binds this player to an entity, `prediction.setInput(value)` is
	 * applied at once each step and reconciled with the server's state.
	 */
	prediction<I extends defined, T>(name: string, options: PredictionOptions<I, T>): ClientPrediction<I, T> {
		const registry = this.context.registry;
		const info = registry.byId.get(options.component);
		if (info === undefined)
			error(
				`Skyrocket: net.prediction("${name}") drives ${idLabel(this.world, options.component)}, which this net does not replicate: call net.replicate(${idLabel(this.world, options.component)}, ...) before net.prediction()`,
				2,
			);
		const { ack, controller, inputs } = registerPredictionWire(this, name, options.input);
		const rendered = namedComponent<T>(this.world, `Skyrocket.${name}.Rendered`);
		const prediction = new ClientPrediction<I, T>(
			this.world,
			this.context,
			options,
			info,
			registry.byId.get(ack)!,
			registry.byId.get(controller)!,
			inputs as ClientEventHandle<InputBatch<I>>,
			options.dt ?? 1 / this.context.config.tickRate,
			rendered,
		);
		this.pipeline.add(ClientPhase.Reconcile, `reconcile ${name}`, prediction.reconcile);
		this.pipeline.add(ClientPhase.Predict, `predict ${name}`, prediction.predict);
		return prediction;
	}

	/** The local entity for a server handle (what the server's handleOf gives). */
	entityOf(handle: number): Entity | undefined {
		return this.context.entities.get(handle);
	}

	/** The server handle of a local entity that came from the server (what the server's entityOf reads). */
	handleOf(entity: Entity): number | undefined {
		return this.context.handles.get(entity);
	}

	/** Whether the first update from the server has been applied. */
	isSynced(): boolean {
		return this.context.reliableTick >= 0;
	}

	/** The newest server tick whose packet this client applied. */
	latestTick(): Tick {
		return this.context.serverTick as Tick;
	}

	/** The server's clock now (seconds since its net started), as estimated here. */
	time(): number {
		return this.clock.serverTime();
	}

	/**
	 * The server's tick() now, as estimated here: the tick of the server step
	 * running, or of the next one between steps (a packet stamped T came from
	 * step T; after it the server's tick() is T + 1).
	 */
	tick(): Tick {
		const c = this.clock;
		return (math.floor(c.lastServerTick + (c.serverTime() - c.lastServerTime) * this.context.config.tickRate + 1e-9) + 1) as Tick;
	}

	/** Round-trip time estimate in seconds (median of recent samples; 0 before the first). */
	rtt(): number {
		return this.clock.rtt;
	}

	/** Traffic counters of this client's link. */
	stats(): NetStatsData {
		return this.context.stats;
	}

	/**
	 * Ends this net: stops listening to the server's remotes, disconnects
	 * every jecs hook it installed, despawns this step's event entities,
	 * unmarks its replicated components and forgets the server's handles,
	 * baselines and pending requests (their promises reject). The replicated
	 * entities stay in the world as plain entities. A destroyed net costs
	 * nothing; its step() does nothing.
	 */
	destroy() {
		if (!this.beginDestroy()) return;
		releaseClient(this.context, this.events);
	}
}

/** Creates the client side of a net for `world`. */
export function client(world: World, config?: ClientConfig): ClientNet {
	return new ClientNet(world, config);
}
