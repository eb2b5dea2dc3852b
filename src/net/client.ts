/**
 * The client side of a net: mirrors what the server replicates into the
 * client's own jecs world and keeps the map between server handles and local
 * entities. Register the same components as the server (same names, same
 * codecs), then call `net.step(dt, gameSystems)` every frame.
 */
import { Entity, World } from "@rbxts/jecs";
import { Codec } from "../codec";
import { Phase } from "../schedule/phases";
import { Pipeline, Placement, System } from "../schedule/pipeline";
import { createClientTransport } from "../transport/remoteTransport";
import { ClientTransport } from "../transport/transport";
import { ClientContext } from "../replication/clientContext";
import { Registry, ReplicateOptions, ReplicatedInfo } from "./registry";
import { ClientConfig, resolveClientConfig } from "./config";
import { receivePackets } from "../../systems/client/receivePackets";
import { sendAcks } from "../../systems/client/sendAcks";
import { enforceAuthority } from "../../systems/client/enforceAuthority";
import { newNetStats, NetStatsData } from "../../components/stats";

export class ClientNet {
	/** Shared state of the net's systems (advanced use). */
	readonly context: ClientContext;
	readonly pipeline = new Pipeline();
	/** Runs before acks are sent each step (events and requests flush here). */
	readonly beforeSend: (() => void)[] = [];
	private game?: (dt: number) => void;
	private readonly authority: ReturnType<typeof enforceAuthority>;

	constructor(
		readonly world: World,
		config?: ClientConfig,
		transport?: ClientTransport,
	) {
		const resolved = resolveClientConfig(config);
		const ctx: ClientContext = {
			world,
			registry: new Registry(world),
			config: resolved,
			transport: transport ?? createClientTransport(resolved.name),
			time: 0,
			helloSent: false,
			wire: undefined,
			serverUnreliable: [],
			waiting: [],
			entities: new Map(),
			handles: new Map(),
			reliableTick: -1,
			serverTick: -1,
			authoritative: new Map(),
			tampered: new Map(),
			applying: false,
			spawnState: new Map(),
			resetTick: new Map(),
			received: new Map(),
			latestSeq: new Map(),
			newestSeq: 0,
			ackOwed: false,
			lastAckTime: -math.huge,
			pendingPairs: new Map(),
			codecContext: {
				toHandle: (e) => ctx.handles.get(e as Entity) ?? 0,
				fromHandle: (h) => ctx.entities.get(h),
			},
			stats: newNetStats(),
			extraRecords: [],
		};
		this.context = ctx;
		this.authority = enforceAuthority(ctx);
		const p = this.pipeline;
		p.add(Phase.Receive, "receivePackets", receivePackets(ctx));
		p.add(Phase.Receive, "enforceAuthority", this.authority.system);
		p.add(Phase.Game, "game", (dt) => this.game?.(dt));
		p.add(Phase.Send, "sendAcks", sendAcks(ctx, () => {
			for (const f of this.beforeSend) f();
		}));
	}

	private registered(info: ReplicatedInfo) {
		this.authority.listen(info);
	}

	/** Registers a replicated component (same name and codec as on the server). */
	replicate<T>(component: Entity<T>, options: ReplicateOptions<T> | Codec<T>): this {
		this.registered(this.context.registry.component(component, options));
		return this;
	}

	/** Registers a replicated tag. */
	replicateTag(tag: Entity, name?: string): this {
		this.registered(this.context.registry.tag(tag, name));
		return this;
	}

	/** Registers a replicated relation (e.g. jecs.ChildOf). */
	replicateRelation(relation: Entity, name?: string): this {
		this.registered(this.context.registry.relation(relation, name));
		return this;
	}

	/** Runs one net step: receive and apply, then `systems` (your game systems), then send. */
	step(dt: number, systems?: (dt: number) => void) {
		this.context.time += dt;
		this.game = systems;
		this.pipeline.run(dt);
		this.game = undefined;
	}

	/** The local entity for a server handle (see ServerNet.handleOf). */
	fromServer(handle: number): Entity | undefined {
		return this.context.entities.get(handle);
	}

	/** The server handle of a local entity that came from the server. */
	toServer(entity: Entity): number | undefined {
		return this.context.handles.get(entity);
	}

	/** Whether the first update from the server has been applied. */
	isSynced(): boolean {
		return this.context.reliableTick >= 0;
	}

	/** Newest server tick applied. */
	getServerTick(): number {
		return this.context.serverTick;
	}

	/** Traffic counters of this client's link. */
	stats(): NetStatsData {
		return this.context.stats;
	}

	use(system: System, placement: Placement, name = "user system"): this {
		this.pipeline.use(name, system, placement);
		return this;
	}

	describePipeline(): string[] {
		return this.pipeline.describe();
	}

	destroy() {
		this.context.transport.destroy();
	}
}

/** Creates the client side of a net for `world`. */
export function client(world: World, config?: ClientConfig): ClientNet {
	return new ClientNet(world, config);
}
