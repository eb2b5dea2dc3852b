/**
 * skyrocket: Skyrocket with its defaults, registered as its README tells a
 * user to: Transform as a struct of a 1/64-stud vector3 and a 10-bit angle on
 * the unreliable channel; Health (u16) and State (literal) reliable. The
 * server runs `net.step(dt)` in Heartbeat (the game's random walk runs just
 * before it, outside the timed region); each client runs `net.step(dt)`,
 * which decodes and applies what arrived (timed).
 *
 * skyrocket-nobudget (only when asked for with --contenders): the same with
 * the per-player bandwidth budget off, like the other contenders, to see
 * Skyrocket's own cost when the budget is binding.
 */
import type { Entity } from "@rbxts/jecs";
import { elapsedSince } from "../clock";
import type * as SkyrocketModule from "../../src";
import type { ClientNet, ServerConfig, ServerNet, ServerPhase } from "../../src";
import type { Peer } from "@rbxts/skyrocket-test";
import { defineComponents, GameComponents, Jecs, JECS_PATH, STATES, StateName, Transform } from "../game";
import type { Contender, ContenderContext, ContenderInstance } from "./types";
import { startAttack } from "./hostile";

type Sky = typeof SkyrocketModule;

export const SKYROCKET_PATH = "ReplicatedStorage/Skyrocket/src";

/** The attack scenario's contenders also declare a client event, the one the hostile client floods. */
function register(net: ServerNet | ClientNet, c: GameComponents, sky: Sky, chat = false) {
	const transform = sky.codec.struct({
		position: sky.codec.vector3({ precision: 1 / 64 }),
		yaw: sky.codec.angle({ bits: 10 }),
	});
	net.replicate(c.Transform, { codec: transform, channel: "unreliable" });
	net.replicate(c.Health, sky.codec.u16);
	net.replicate(c.State, sky.codec.literal<StateName>(STATES));
	if (chat) net.event("Chat", { codec: sky.codec.u32, from: "client" });
}

/**
 * --profile only: inserts a marker system before every phase (and after the
 * last) that adds the CPU time since the previous marker to "<side> <phase>".
 */
function profilePhases(net: ServerNet | ClientNet, sky: Sky, side: string, ctx: ContenderContext) {
	const profile = ctx.profile;
	if (profile === undefined) return;
	const clock = () => ctx.harness.cpuClock();
	let current: string | undefined;
	let since = 0;
	const marker = (following: string | undefined) => () => {
		const now = clock();
		if (current !== undefined)
			profile.set(current, (profile.get(current) ?? 0) + math.max(0, now - since - ctx.harness.cpuClockOverhead()));
		current = following;
		since = clock();
	};
	const phases = side === "server" ? (sky.SERVER_PHASES as readonly string[]) : (sky.CLIENT_PHASES as readonly string[]);
	phases.forEach((phase, i) => {
		(net as ServerNet).use(marker(`${side} ${phase}`), { before: phase as ServerPhase }, "bench profile");
		if (i === phases.size() - 1) (net as ServerNet).use(marker(undefined), { after: phase as ServerPhase }, "bench profile");
	});
}

interface SkyClient {
	readonly peer: Peer;
	readonly net: ClientNet;
	readonly c: GameComponents;
}

const DESCRIPTION =
	"Skyrocket defaults: Transform = struct(vector3 1/64 stud, angle 10 bits) unreliable; Health u16 and State literal reliable";

/** What a variant adds: a client event (chat), and a hostile client, silent or flooding it (attack). */
interface Variant {
	chat?: boolean;
	attack?: "silent" | "flood";
}

/** useAoi: apply the scenario's area of interest (default yes, when the scenario has one). */
function skyrocketContender(name: string, description: string, config?: ServerConfig, useAoi = true, variant: Variant = {}): Contender {
	return {
		name,
		description,
		create(ctx: ContenderContext): ContenderInstance {
			const { sim, harness, timing, spec } = ctx;
			const server = sim.server;
			const sky = server.require<Sky>(SKYROCKET_PATH);
			const jecs = server.require<Jecs>(JECS_PATH);
			const world = jecs.world();
			const c = defineComponents(jecs, world);
			const net = sky.server(world, config);
			register(net, c, sky, variant.chat === true);
			profilePhases(net, sky, "server", ctx);
			const transformCodec = net.context.registry.byName.get("Transform")!.codec!;
			const clients: SkyClient[] = [];
			const notes = [
				`${name}: Transform is quantized (1/64 stud, 10-bit yaw): clients are compared with the codec's canonical value of the server's Transform`,
			];
			// the per-player bandwidth budget, if this version of Skyrocket has one (read, never changed)
			const budget = (net.context.config as unknown as { budgetPerPlayer?: number }).budgetPerPlayer;
			if (budget !== undefined) {
				notes.push(
					budget > 0
						? `${name}: per-player bandwidth budget ${budget} B/s (what does not fit waits; the other contenders have no budget)`
						: `${name}: no per-player bandwidth budget`,
				);
			}
			const aoi = useAoi ? spec.aoi : undefined;
			if (aoi !== undefined) {
				net.setInterest({ position: c.Transform, enterRadius: aoi.radius, leaveRadius: aoi.radius * 1.15 });
				notes.push(
					`${name}: area of interest: enter ${aoi.radius} studs, leave ${string.format("%.0f", aoi.radius * 1.15)}; each client follows one NPC`,
				);
			} else if (spec.aoi !== undefined) {
				notes.push(`${name}: area of interest off: every client receives every entity`);
			}
			return {
				world,
				c,
				notes,
				mutationRemote: "ReplicatedStorage.SkyrocketNet.Unreliable",
				connectClients() {
					if (aoi !== undefined) {
						// each player's view follows one NPC, spread over the crowd
						const npcs: Entity[] = [];
						for (const [e] of world.query(c.Transform)) npcs.push(e);
						npcs.sort((a, b) => a < b);
						sim.clients.forEach((peer, i) => net.setFocus(peer.serverPlayer, npcs[(i * 7919) % npcs.size()]));
					}
					for (const peer of sim.clients) {
						const csky = peer.require<Sky>(SKYROCKET_PATH);
						const cj = peer.require<Jecs>(JECS_PATH);
						const cworld = cj.world();
						const cc = defineComponents(cj, cworld);
						const cnet = csky.client(cworld);
						register(cnet, cc, csky, variant.chat === true);
						profilePhases(cnet, csky, "client", ctx);
						clients.push({ peer, net: cnet, c: cc });
						peer.game.GetService("RunService").Heartbeat.Connect((dt) => {
							const t0 = harness.cpuClock();
							cnet.step(dt);
							timing.client += elapsedSince(harness, t0);
						});
					}
					if (variant.attack !== undefined)
						startAttack(sim, sky, net.events.registry.byName.get("Chat")!.id, variant.attack === "flood");
				},
				counters() {
					// NetStats totals over every player (fields this version has)
					const out = new Map<string, number>();
					for (const player of net.players()) {
						const st = net.stats(player) as unknown as Record<string, unknown> | undefined;
						if (st === undefined) continue;
						for (const key of ["entitiesSent", "deferred", "bytesSent", "packetsSent"]) {
							const v = st[key];
							if (typeIs(v, "number")) out.set(key, (out.get(key) ?? 0) + v);
						}
					}
					// replication groups at the end of the window (clients sharing one state share one encode)
					const groups = (net.context as unknown as { groups?: unknown[] }).groups;
					if (groups !== undefined) out.set("now:groups", groups.size());
					return out;
				},
				explain(counters, bytesPerClientPerSec) {
					const deferred = counters.get("deferred") ?? 0;
					if (budget === undefined || budget <= 0 || (deferred === 0 && bytesPerClientPerSec < 0.9 * budget)) return undefined;
					return (
						`${name}: its bandwidth budget (${budget} B/s per player) was binding: ${deferred} entity updates waited for bandwidth ` +
						`(counted per step waited), so its bytes/s are capped by the budget and clients saw some moves late ` +
						`(--contenders skyrocket-nobudget runs it without the budget)`
					);
				},
				serverTick(dt) {
					net.step(dt);
				},
				synced(count) {
					if (aoi === undefined) return clients.every((cl) => cl.net.context.entities.size() >= count);
					// with AOI: each client holds what the server says it may see
					return clients.every((cl) => {
						const conn = net.connection(cl.peer.serverPlayer);
						return conn !== undefined && conn.schemaSent && cl.net.context.entities.size() === conn.known.size();
					});
				},
				expected(e: Entity) {
					return {
						transform: transformCodec.canonical(world.get(e, c.Transform)!) as Transform,
						health: world.get(e, c.Health)!,
						state: world.get(e, c.State)!,
					};
				},
				mismatch(index, e: Entity, expected) {
					const cl = clients[index];
					if (cl === undefined) return undefined; // the attack scenario's hostile peer: nothing expected
					const handle = net.handleOf(e);
					if (handle === undefined) return "no handle on the server";
					const mine = cl.net.entityOf(handle);
					if (aoi !== undefined && !net.connection(cl.peer.serverPlayer)!.known.has(e)) {
						// out of this client's view: it must not have the entity
						return mine === undefined ? undefined : "held outside its area of interest";
					}
					if (mine === undefined) return "missing";
					const [got, health, state] = cl.net.world.get(mine, cl.c.Transform, cl.c.Health, cl.c.State);
					if (got === undefined) return "no Transform";
					const want = expected.transform;
					if (!transformCodec.equals(want, got)) return `Transform ${got.position} ${got.yaw} ~= ${want.position} ${want.yaw}`;
					if (health !== expected.health) return `health ${health} ~= ${expected.health}`;
					if (state !== expected.state) return `state ${state} ~= ${expected.state}`;
					return undefined;
				},
			};
		},
	};
}

export const skyrocket = skyrocketContender("skyrocket", DESCRIPTION);
/** Not in the default run: Skyrocket without its per-player bandwidth budget (bandwidth.perPlayer = 0). */
export const skyrocketNoBudget = skyrocketContender(
	"skyrocket-nobudget",
	DESCRIPTION.gsub("Skyrocket defaults", "Skyrocket defaults but bandwidth.perPlayer = 0")[0],
	{ bandwidth: { perPlayer: 0 } } as ServerConfig,
);

/** aoi scenario: area of interest on, no budget (bytes are what it sends). */
export const skyrocketAoi = skyrocketContender("skyrocket-aoi", "Skyrocket, area of interest on, bandwidth.perPlayer = 0", {
	bandwidth: { perPlayer: 0 },
} as ServerConfig);
/** aoi scenario: area of interest off, no budget. */
export const skyrocketNoAoi = skyrocketContender(
	"skyrocket-noaoi",
	"Skyrocket, area of interest off, bandwidth.perPlayer = 0",
	{ bandwidth: { perPlayer: 0 } } as ServerConfig,
	false,
);

/** attack scenario: Skyrocket's defaults, a client event declared, and one more client that says hello and stays silent (the baseline). */
export const skyrocketCalm = skyrocketContender(
	"skyrocket-calm",
	`${DESCRIPTION}; a client event declared; one more client says hello and stays silent (never acknowledges)`,
	undefined,
	true,
	{ chat: true, attack: "silent" },
);
/** attack scenario: the same, the extra client flooding that event at the firewall's maximum. */
export const skyrocketAttacked = skyrocketContender(
	"skyrocket-attacked",
	`${DESCRIPTION}; a client event declared; one more, hostile, client floods it at the firewall's maximum (4 x 16 KiB/s)`,
	undefined,
	true,
	{ chat: true, attack: "flood" },
);
