/**
 * Spec helper: a simulated game where the server and every client load their
 * own copy of Skyrocket and jecs, create a world, register the same
 * components, and run `net.step` in RunService.Heartbeat, as a game would.
 */
import Harness, { LinkOptions, Peer, Simulation, SimulationOptions } from "@rbxts/skyrocket-test";
import type * as SkyrocketModule from "../../src";
import type * as JecsModule from "@rbxts/jecs";
import type { ClientNet } from "../../src/net/client";
import type { ServerNet } from "../../src/net/server";

export type Sky = typeof SkyrocketModule;
export type Jecs = typeof JecsModule;
type World = JecsModule.World;

export const SKYROCKET_PATH = "ReplicatedStorage/Skyrocket/src";
export const JECS_PATH = "ReplicatedStorage/rbxts_include/node_modules/@rbxts/jecs/src/jecs";

/** One peer's view: its modules, world, net and component ids. */
export interface Side<N, C> {
	readonly peer: Peer;
	readonly sky: Sky;
	readonly jecs: Jecs;
	readonly world: World;
	readonly net: N;
	readonly c: C;
	/** Set to run game systems inside net.step on this peer. */
	game?: (dt: number) => void;
}

export interface NetSimOptions<C> {
	sim?: SimulationOptions;
	/** Creates the component ids (jecs.component()/tag()) before the world exists. */
	define: (jecs: Jecs) => C;
	/** Names components in a new world and registers them on the net (both sides). */
	register: (net: ServerNet | ClientNet, c: C, world: World, sky: Sky, jecs: Jecs) => void;
	/** Client configuration (e.g. pingInterval: math.huge to keep clock pings out of byte counts). */
	clientConfig?: import("../../src/core/config").ClientConfig;
	/** Server configuration (guards, names...). */
	serverConfig?: import("../../src/core/config").ServerConfig;
	/** Extra server setup after registration. */
	server?: (side: Side<ServerNet, C>) => void;
}

export interface NetSim<C> {
	readonly sim: Simulation;
	readonly server: Side<ServerNet, C>;
	readonly clients: Side<ClientNet, C>[];
	readonly addClient: (link?: LinkOptions) => Side<ClientNet, C>;
	/** Boots a client net on a peer that joined without one (e.g. after it misbehaved by hand). */
	readonly attach: (peer: Peer) => Side<ClientNet, C>;
}

function boot<N, C>(peer: Peer, options: NetSimOptions<C>, isServer: boolean): Side<N, C> {
	const sky = peer.require<Sky>(SKYROCKET_PATH);
	const jecs = peer.require<Jecs>(JECS_PATH);
	const c = options.define(jecs);
	const world = jecs.world();
	const net = (isServer ? sky.server(world, options.serverConfig) : sky.client(world, options.clientConfig)) as unknown as N;
	options.register(net as unknown as ServerNet | ClientNet, c, world, sky, jecs);
	const side: Side<N, C> = { peer, sky, jecs, world, net, c };
	const runService = peer.game.GetService("RunService");
	runService.Heartbeat.Connect((dt) => {
		(net as unknown as ServerNet).step(dt, side.game);
	});
	return side;
}

export function netSim<C>(options: NetSimOptions<C>): NetSim<C> {
	// clients join one by one below, each booting its own net
	const sim = Harness.simulate({ ...options.sim, clients: 0 });
	const server = boot<ServerNet, C>(sim.server, options, true);
	options.server?.(server);
	const clients: Side<ClientNet, C>[] = [];
	const initial = options.sim?.clients ?? 0;
	const addClient = (link?: LinkOptions) => {
		const peer = sim.addClient(link ?? options.sim?.link);
		const side = boot<ClientNet, C>(peer, options, false);
		clients.push(side);
		return side;
	};
	for (let i = 0; i < initial; i++) addClient();
	const attach = (peer: Peer) => {
		const side = boot<ClientNet, C>(peer, options, false);
		clients.push(side);
		return side;
	};
	return {
		sim,
		server,
		clients,
		addClient,
		attach,
	};
}
