/**
 * What the hand-written contenders (naive, batched-table, buffer-full) share,
 * written the way a game usually does it:
 * - the server marks an entity dirty from jecs added/changed listeners on the
 *   replicated components; each Heartbeat it sends every dirty entity's full
 *   state (Transform, Health, State) on one RemoteEvent (reliable, ordered),
 *   with FireAllClients, and forgets the dirty set;
 * - each client maps the server's entity id to its own entity (created on
 *   first sight) and sets the three components in its own jecs world inside
 *   OnClientEvent.
 * The server's tick is timed by the driver; the client's OnClientEvent
 * handler is timed here.
 */
import type { Entity, World } from "@rbxts/jecs";
import { elapsedSince } from "../clock";
import type { Peer } from "@rbxts/skyrocket-test";
import { defineComponents, GameComponents, Jecs, JECS_PATH, StateName } from "../game";
import type { Contender, ContenderContext, ContenderInstance } from "./types";

/** One client of a hand-written contender. */
export interface RemoteClient {
	readonly peer: Peer;
	readonly world: World;
	readonly c: GameComponents;
	/** Server entity id -> this client's entity. */
	readonly map: Map<number, Entity>;
}

/** Sets an entity's replicated state in a client's world, creating the entity on first sight. */
export function applyEntity(client: RemoteClient, id: number, position: Vector3, yaw: number, health: number, state: StateName) {
	let e = client.map.get(id);
	if (e === undefined) {
		e = client.world.entity();
		client.map.set(id, e);
	}
	const world = client.world;
	const c = client.c;
	world.set(e, c.Transform, { position, yaw });
	world.set(e, c.Health, health);
	world.set(e, c.State, state);
}

/** One entity as a table (batched-table's element; also the initial snapshot of every hand-written contender but buffer-full). */
export interface EntityTable {
	id: number;
	position: Vector3;
	yaw: number;
	health: number;
	state: StateName;
}

/** FireAllClients({ { id, position, yaw, health, state }, ... }) for the `dirty` entities. */
export function sendTableBatch(remote: RemoteEvent, world: World, c: GameComponents, dirty: Entity[]) {
	const batch = new Array<EntityTable>(dirty.size());
	for (const e of dirty) {
		const t = world.get(e, c.Transform)!;
		batch.push({ id: e, position: t.position, yaw: t.yaw, health: world.get(e, c.Health)!, state: world.get(e, c.State)! });
	}
	remote.FireAllClients(batch);
}

export function applyTableBatch(client: RemoteClient, batch: EntityTable[]) {
	for (const d of batch) applyEntity(client, d.id, d.position, d.yaw, d.health, d.state);
}

export interface RemoteContenderOptions {
	readonly name: string;
	readonly description: string;
	/** Sends this tick's changes: `dirty` lists each changed entity once. */
	readonly send?: (remote: RemoteEvent, world: World, c: GameComponents, dirty: Entity[]) => void;
	/**
	 * Instead of `send`: this tick's changes per component, [Transform, Health, State],
	 * each listing the entities whose component changed (what a per-component sender needs).
	 */
	readonly sendSplit?: (remote: RemoteEvent, world: World, c: GameComponents, dirty: [Entity[], Entity[], Entity[]]) => void;
	/** The client's OnClientEvent handler (decode and apply into client.world). */
	readonly receive: (client: RemoteClient) => (...args: unknown[]) => void;
	/** The yaw a client should end with for the server's `yaw` (default: exactly it). */
	readonly expectYaw?: (yaw: number) => number;
	/** The position a client should end with (default: exactly it). */
	readonly expectPosition?: (position: Vector3) => Vector3;
	readonly notes?: string[];
	/**
	 * Send the initial state (every entity, before the measured ticks) as one
	 * batched-table call instead of with send(): for naive, whose one call per
	 * entity would spend most of the run on the unmeasured initial sync.
	 */
	readonly snapshotAsBatch?: boolean;
}

const REMOTE_NAME = "BenchState";
const SNAPSHOT_NAME = "BenchSnapshot";

export function remoteContender(options: RemoteContenderOptions): Contender {
	return {
		name: options.name,
		description: options.description,
		create(ctx: ContenderContext): ContenderInstance {
			const { sim, harness, timing } = ctx;
			const server = sim.server;
			const jecs = server.require<Jecs>(JECS_PATH);
			const world = jecs.world();
			const c = defineComponents(jecs, world);

			const dirtySet = new Set<Entity>();
			let dirty: Entity[] = [];
			const mark = (e: Entity) => {
				if (!dirtySet.has(e)) {
					dirtySet.add(e);
					dirty.push(e);
				}
			};
			// per component too, for sendSplit
			const split: [Entity[], Entity[], Entity[]] = [[], [], []];
			const splitSets = [new Set<Entity>(), new Set<Entity>(), new Set<Entity>()];
			const splitting = options.sendSplit !== undefined;
			([c.Transform, c.Health, c.State] as Entity<unknown>[]).forEach((id, k) => {
				const markOne = (e: Entity) => {
					mark(e);
					if (splitting && !splitSets[k].has(e)) {
						splitSets[k].add(e);
						split[k].push(e);
					}
				};
				world.added(id, markOne);
				world.changed(id, markOne);
			});

			const replicatedStorage = server.game.GetService("ReplicatedStorage");
			const remote = new server.globals.Instance("RemoteEvent");
			remote.Name = REMOTE_NAME;
			remote.Parent = replicatedStorage;
			const snapshot = new server.globals.Instance("RemoteEvent");
			snapshot.Name = SNAPSHOT_NAME;
			snapshot.Parent = replicatedStorage;
			let snapshotSent = options.snapshotAsBatch !== true;
			// what send() fires through: the remote, with the time spent inside FireAllClients counted apart
			const timedRemote = {
				FireAllClients(...args: unknown[]) {
					const t0 = harness.cpuClock();
					remote.FireAllClients(...args);
					timing.remote += elapsedSince(harness, t0);
				},
			} as unknown as RemoteEvent;

			const clients: RemoteClient[] = [];
			const expectYaw = options.expectYaw;
			const expectPosition = options.expectPosition;

			return {
				world,
				c,
				notes: options.notes ?? [],
				connectClients() {
					const ok = sim.runUntil(
						() =>
							sim.clients.every((p) => {
								const rs = p.game.GetService("ReplicatedStorage");
								return rs.FindFirstChild(REMOTE_NAME) !== undefined && rs.FindFirstChild(SNAPSHOT_NAME) !== undefined;
							}),
						10,
					);
					if (!ok) error(`${options.name}: the remote did not replicate to every client`);
					for (const peer of sim.clients) {
						const cj = peer.require<Jecs>(JECS_PATH);
						const cworld = cj.world();
						const client: RemoteClient = { peer, world: cworld, c: defineComponents(cj, cworld), map: new Map() };
						clients.push(client);
						const handler = options.receive(client);
						const rs = peer.game.GetService("ReplicatedStorage");
						(rs.FindFirstChild(REMOTE_NAME) as RemoteEvent).OnClientEvent.Connect((...args: unknown[]) => {
							const t0 = harness.cpuClock();
							handler(...args);
							timing.client += elapsedSince(harness, t0);
						});
						(rs.FindFirstChild(SNAPSHOT_NAME) as RemoteEvent).OnClientEvent.Connect((batch: unknown) => {
							const t0 = harness.cpuClock();
							applyTableBatch(client, batch as EntityTable[]);
							timing.client += elapsedSince(harness, t0);
						});
					}
				},
				serverTick() {
					if (dirty.size() === 0) return;
					const list = dirty;
					dirty = [];
					dirtySet.clear();
					if (!snapshotSent) {
						snapshotSent = true;
						sendTableBatch(snapshot, world, c, list);
						for (let k = 0; k < 3; k++) {
							split[k].clear();
							splitSets[k].clear();
						}
						return;
					}
					if (options.sendSplit !== undefined) {
						options.sendSplit(timedRemote, world, c, split);
						for (let k = 0; k < 3; k++) {
							split[k].clear();
							splitSets[k].clear();
						}
					} else options.send!(timedRemote, world, c, list);
				},
				synced(count) {
					return clients.every((cl) => cl.map.size() >= count);
				},
				expected(e) {
					const t = world.get(e, c.Transform)!;
					return {
						transform: {
							position: expectPosition ? expectPosition(t.position) : t.position,
							yaw: expectYaw ? expectYaw(t.yaw) : t.yaw,
						},
						health: world.get(e, c.Health)!,
						state: world.get(e, c.State)!,
					};
				},
				mismatch(index, e, expected) {
					const cl = clients[index];
					const mine = cl.map.get(e);
					if (mine === undefined) return "missing";
					const [got, health, state] = cl.world.get(mine, cl.c.Transform, cl.c.Health, cl.c.State);
					if (got === undefined) return "no Transform";
					const want = expected.transform;
					if (got.position !== want.position) return `position ${got.position} ~= ${want.position}`;
					if (got.yaw !== want.yaw) return `yaw ${got.yaw} ~= ${want.yaw}`;
					if (health !== expected.health) return `health ${health} ~= ${expected.health}`;
					if (state !== expected.state) return `state ${state} ~= ${expected.state}`;
					return undefined;
				},
			};
		},
	};
}
