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
import type { Peer } from "../../test/harness/Harness";
import { defineComponents, GameComponents, Jecs, JECS_PATH, StateName, Transform } from "../game";
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

export interface RemoteContenderOptions {
	readonly name: string;
	readonly description: string;
	/** Sends this tick's changes: `dirty` lists each changed entity once. */
	send(remote: RemoteEvent, world: World, c: GameComponents, dirty: Entity[]): void;
	/** The client's OnClientEvent handler (decode and apply into client.world). */
	receive(client: RemoteClient): (...args: unknown[]) => void;
	/** The yaw a client should end with for the server's `yaw` (default: exactly it). */
	readonly expectYaw?: (yaw: number) => number;
	/** The position a client should end with (default: exactly it). */
	readonly expectPosition?: (position: Vector3) => Vector3;
	readonly notes?: string[];
}

const REMOTE_NAME = "BenchState";

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
			for (const id of [c.Transform, c.Health, c.State] as Entity<unknown>[]) {
				world.added(id, mark);
				world.changed(id, mark);
			}

			const remote = new server.globals.Instance("RemoteEvent");
			remote.Name = REMOTE_NAME;
			remote.Parent = server.game.GetService("ReplicatedStorage");

			const clients: RemoteClient[] = [];
			const expectYaw = options.expectYaw;
			const expectPosition = options.expectPosition;

			return {
				world,
				c,
				notes: options.notes ?? [],
				connectClients() {
					const ok = sim.runUntil(
						() => sim.clients.every((p) => p.game.GetService("ReplicatedStorage").FindFirstChild(REMOTE_NAME) !== undefined),
						10,
					);
					if (!ok) error(`${options.name}: the remote did not replicate to every client`);
					for (const peer of sim.clients) {
						const cj = peer.require<Jecs>(JECS_PATH);
						const cworld = cj.world();
						const client: RemoteClient = { peer, world: cworld, c: defineComponents(cj, cworld), map: new Map() };
						clients.push(client);
						const handler = options.receive(client);
						const mine = peer.game.GetService("ReplicatedStorage").FindFirstChild(REMOTE_NAME) as RemoteEvent;
						mine.OnClientEvent.Connect((...args: unknown[]) => {
							const t0 = harness.cpuClock();
							handler(...args);
							timing.client += harness.cpuClock() - t0;
						});
					}
				},
				serverTick() {
					if (dirty.size() === 0) return;
					const list = dirty;
					dirty = [];
					dirtySet.clear();
					options.send(remote, world, c, list);
				},
				synced(count) {
					return clients.every((cl) => cl.map.size() >= count);
				},
				mismatch(index, e) {
					const cl = clients[index];
					const mine = cl.map.get(e);
					if (mine === undefined) return "missing";
					const t = world.get(e, c.Transform)!;
					const got = cl.world.get(mine, cl.c.Transform);
					if (got === undefined) return "no Transform";
					const position = expectPosition ? expectPosition(t.position) : t.position;
					if (got.position !== position) return `position ${got.position} ~= ${position}`;
					const yaw = expectYaw ? expectYaw(t.yaw) : t.yaw;
					if (got.yaw !== yaw) return `yaw ${got.yaw} ~= ${yaw}`;
					const health = world.get(e, c.Health);
					if (cl.world.get(mine, cl.c.Health) !== health) return `health ${cl.world.get(mine, cl.c.Health)} ~= ${health}`;
					const state = world.get(e, c.State);
					if (cl.world.get(mine, cl.c.State) !== state) return `state ${cl.world.get(mine, cl.c.State)} ~= ${state}`;
					return undefined;
				},
			};
		},
	};
}

export type { Transform };
