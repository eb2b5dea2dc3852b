/**
 * The demo game, as a user would write it: the components and events both
 * sides declare, the server's systems (moving NPCs, handling shots) and the
 * client's (firing shots, counting hits). Each peer runs it with its own copy
 * of Skyrocket and jecs (see ./index.ts).
 */
import type * as SkyrocketModule from "../../src";
import type * as JecsModule from "@rbxts/jecs";
import type {
	ClientEventHandle,
	ClientGroup,
	ClientNet,
	ClientProperty,
	ServerEventHandle,
	ServerGlobalProperty,
	ServerGroup,
	ServerNet,
	ServerPlayerProperty,
} from "../../src";

export type Sky = typeof SkyrocketModule;
export type Jecs = typeof JecsModule;
type World = JecsModule.World;
type Entity<T = unknown> = JecsModule.Entity<T>;

export const SKYROCKET_PATH = "ReplicatedStorage/Skyrocket/src";
export const JECS_PATH = "ReplicatedStorage/rbxts_include/node_modules/@rbxts/jecs/src/jecs";

export interface Transform {
	position: Vector3;
	yaw: number;
}

export interface HitInfo {
	target: number | undefined;
	damage: number;
}

/** The leading player, a global property. */
export interface Leader {
	name: string;
	hits: number;
}

/** What both sides declare: components, properties, groups, then events. */
export interface Declared<N> {
	readonly world: World;
	readonly net: N;
	readonly Transform: Entity<Transform>;
	readonly Health: Entity<number>;
	readonly Npc: Entity;
	/** Each player's own hits (a per-player NetProperty). */
	readonly Hits: N extends ServerNet ? ServerPlayerProperty<number> : ClientProperty<number>;
	/** Who leads (a global NetProperty: a struct, sent as a field-mask delta). */
	readonly Leader: N extends ServerNet ? ServerGlobalProperty<Leader> : ClientProperty<Leader>;
	/** Health as an opt-in group: a client receives NPCs' health only while subscribed. */
	readonly Vitals: N extends ServerNet ? ServerGroup : ClientGroup;
	readonly Shoot: N extends ServerNet ? ServerEventHandle<number | undefined> : ClientEventHandle<number | undefined>;
	readonly Hit: N extends ServerNet ? ServerEventHandle<HitInfo> : ClientEventHandle<HitInfo>;
}

export function declare<N extends ServerNet | ClientNet>(sky: Sky, jecs: Jecs, world: World, net: N): Declared<N> {
	const k = sky.codec;
	const Transform = world.component<Transform>();
	const Health = world.component<number>();
	const Npc = world.entity();
	world.set(Transform, jecs.Name, "Transform");
	world.set(Health, jecs.Name, "Health");
	world.set(Npc, jecs.Name, "Npc");
	net.replicate(Transform, {
		codec: k.struct({ position: k.vector3({ precision: 1 / 64 }), yaw: k.angle({ bits: 10 }) }),
		channel: "unreliable",
	});
	net.replicate(Health, k.u16);
	net.replicateTag(Npc);
	const Hits = net.property("Hits", k.u32);
	const Leader = net.property("Leader", k.struct({ name: k.str(32), hits: k.u32 }), { scope: "global" });
	const Vitals = net.group("Vitals", [Health], { interest: "opt-in" });
	const Shoot = net.event("Shoot", { codec: k.entity(), from: "client" });
	const Hit = net.event("Hit", { codec: k.struct({ target: k.entity(), damage: k.u8 }), from: "server", reliable: false });
	return { world, net, Transform, Health, Npc, Hits, Leader, Vitals, Shoot, Hit } as unknown as Declared<N>;
}

/** Where NPC `i` stands at time `t`: walking a circle of its own. */
export function npcTransform(i: number, t: number): Transform {
	const ring = 20 + (i % 25) * 4;
	const speed = 0.15 + (i % 7) * 0.02;
	const angle = ((i * 2.399963) % (2 * math.pi)) + t * speed;
	return { position: new Vector3(math.cos(angle) * ring, 0, math.sin(angle) * ring), yaw: angle + math.pi / 2 };
}

export const MAX_HEALTH = 100;

/**
 * The server's game: spawns `count` NPCs, moves each one 7.5 times a second
 * (an eighth of them every frame) until `moveUntil`, and turns every Shoot
 * into `damage` (default 10) and a Hit broadcast (unreliable: an effect, fine
 * to lose). Deterministic: its only clock is `clock` (the net's time), so a
 * recorded session replays exactly (see ./replay.ts).
 */
export function serverGame(g: Declared<ServerNet>, count: number, moveUntil: number, clock: () => number, damage = 10) {
	const { world } = g;
	const npcs: Entity[] = [];
	for (let i = 0; i < count; i++) {
		const e = world.entity();
		world.add(e, g.Npc);
		world.set(e, g.Transform, npcTransform(i, 0));
		world.set(e, g.Health, MAX_HEALTH);
		npcs.push(e);
	}
	let frame = 0;
	let shots = 0;
	const system = () => {
		frame += 1;
		const t = clock();
		if (t < moveUntil) {
			for (let i = frame % 8; i < count; i += 8) world.set(npcs[i], g.Transform, npcTransform(i, t));
		}
		for (const [, target, shooter] of g.Shoot.incoming()) {
			if (target === undefined || !world.contains(target as Entity) || !world.has(target as Entity, g.Npc)) continue;
			shots += 1;
			g.Hits.update(shooter, (hits) => (hits ?? 0) + 1);
			const mine = g.Hits.get(shooter)!;
			if (mine > (g.Leader.get()?.hits ?? 0)) g.Leader.set({ name: shooter.Name, hits: mine });
			const health = world.get(target as Entity, g.Health)!;
			world.set(target as Entity, g.Health, health > damage ? health - damage : MAX_HEALTH);
			g.Hit.broadcast({ target, damage });
		}
	};
	return { npcs, system, shots: () => shots };
}

/**
 * A client's game: subscribes to the NPCs' health (the Vitals group), fires a
 * Shoot at a random NPC it can see four times a second until `shootUntil`,
 * counts the Hits the server sends back, and shows its own hit count and the
 * leader as a UI would: by observing the properties.
 */
export function clientGame(g: Declared<ClientNet>, seed: number, shootUntil: number, clock: () => number) {
	const random = new Random(seed);
	let frame = 0;
	let fired = 0;
	let hits = 0;
	let shown = 0;
	let leader = "nobody";
	g.Vitals.subscribe();
	g.Hits.observe((value) => (shown = value ?? 0));
	g.Leader.observe((value) => (leader = value !== undefined ? `${value.name} (${value.hits})` : "nobody"));
	const system = () => {
		frame += 1;
		for (const [, hit] of g.Hit.incoming()) if (hit.target !== undefined) hits += 1;
		if (frame % 15 !== 0 || clock() >= shootUntil) return;
		const handles = g.net.context.entities.size();
		if (handles === 0) return;
		const target = g.net.entityOf(random.NextInteger(1, handles));
		if (target === undefined) return;
		g.Shoot.send(target);
		fired += 1;
	};
	return { system, fired: () => fired, hits: () => hits, shown: () => shown, leader: () => leader };
}
