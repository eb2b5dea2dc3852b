/**
 * Skyrocket's headless Roblox harness, as seen from specs and tools that run
 * in its runner peer. Each simulation is a server and N clients, each with its
 * own DataModel, module cache and globals, stepped on a simulated 60 Hz clock
 * over links with latency, jitter, loss and a bandwidth cap.
 */

import type { LinkOptions } from "./LinkOptions";
export type { LinkOptions };

export interface SimulationOptions {
	/** Seed of the run (links, Random.new(), GenerateGUID). Same seed, same run. */
	seed?: number;
	/** Clients to join at start (the simulation steps until they have loaded). Default: the runner's `--clients`, else 0. */
	clients?: number;
	/** Default link conditions for every client, over the runner's (`--latency`, `--loss`...). */
	link?: LinkOptions;
	/** Frames per second of the simulated clock (default 60). */
	tickRate?: number;
	/** RunService:IsStudio() result (default false). */
	studio?: boolean;
	/** Print every peer's output to the console (errors are printed unless quiet). */
	echo?: boolean;
	/** Do not print peer errors (they are still recorded in peer.errors). */
	quiet?: boolean;
	/** Start Scripts/LocalScripts found in the place (default true). */
	startScripts?: boolean;
	/** Wait for the initial clients to load (default true). */
	waitForClients?: boolean;
}

/** Bytes and calls counted by the wire cost model. */
export interface TrafficCounter {
	bytesOut: number;
	callsOut: number;
	bytesIn: number;
	callsIn: number;
}

export interface PeerStats extends TrafficCounter {
	/** Unreliable calls lost on the link (sender side). */
	lost: number;
	/** Unreliable calls dropped for exceeding the 900-byte payload limit. */
	oversize: number;
	/** Remote events dropped because nothing listened (queue of 256 full). */
	queueDrops: number;
	/** Calls dropped because the other side cannot see the remote. */
	unroutable: number;
	/** Instance replication bytes (server), counted apart from remotes. */
	replicationBytes: number;
	/** Per remote (full name). */
	remotes: Map<string, TrafficCounter>;
	/** Per whole simulated second (0, 1, 2, ...). */
	seconds: Map<number, TrafficCounter>;
}

/**
 * A peer's own Roblox globals. A spec's code runs in the runner peer, so the
 * `task`, `game`, `Instance`, `time` it names are the runner's, even inside
 * `peer.run`: reach a peer's clock, scheduler and DataModel through these.
 */
export interface PeerGlobals {
	readonly game: DataModel;
	readonly task: typeof task;
	readonly Instance: typeof Instance;
	/** Seconds since this peer started, on the simulated clock. */
	readonly time: typeof time;
	readonly tick: typeof tick;
	/** os.clock is the simulated clock here; Harness.cpuClock() is the real one. */
	readonly os: typeof os;
	readonly wait: typeof wait;
	readonly print: typeof print;
	readonly warn: typeof warn;
	/** This peer's own _G. */
	readonly _G: Record<string, unknown>;
}

/** The mouse buttons a harness client can press. */
export type MouseButton = Enum.UserInputType.MouseButton1 | Enum.UserInputType.MouseButton2 | Enum.UserInputType.MouseButton3;

export interface Peer {
	readonly name: string;
	readonly isServer: boolean;
	readonly isClient: boolean;
	/** This peer's DataModel. */
	readonly game: DataModel;
	/** Client: whether it has joined and loaded. */
	readonly loaded: boolean;
	/** Client: whether it is still connected. */
	readonly connected: boolean;
	/** Client: the kick message, if it was kicked. */
	readonly kickMessage?: string;
	/** Client: the server's Player object for this client. */
	readonly serverPlayer: Player;
	/** Client: its own Player (Players.LocalPlayer). */
	readonly localPlayer?: Player;
	/** Errors thrown by this peer's threads, in order. */
	readonly errors: string[];
	/** Warnings (warn()) in order. */
	readonly warnings: string[];
	/** Every printed line in order. */
	readonly output: string[];
	/** Traffic counters. */
	readonly stats: PeerStats;
	/** This peer's Roblox globals (see PeerGlobals). */
	readonly globals: PeerGlobals;
	/** Real CPU seconds spent in this peer's frames. */
	readonly cpuTime: number;
	/**
	 * Requires a ModuleScript in this peer's own module cache. `path` is
	 * "Service/Child/..." (e.g. "ReplicatedStorage/Skyrocket/src") or an instance.
	 */
	require<T = unknown>(path: string | ModuleScript): T;
	/** Runs `fn` on a thread of this peer, stepping the simulation while it yields. */
	run<T>(fn: () => T): T;
	/**
	 * Client: a key press, down then up at once: UserInputService.InputBegan,
	 * then InputEnded (a held key is released first).
	 */
	pressKey(keyCode: Enum.KeyCode): void;
	/**
	 * Client: holds a key down: InputBegan fires, and UserInputService:IsKeyDown
	 * is true (GetKeysPressed lists it) until `releaseKey`. Holding a held key does nothing.
	 */
	holdKey(keyCode: Enum.KeyCode): void;
	/** Client: releases a held key: InputEnded fires, IsKeyDown turns false. A key not held is left alone. */
	releaseKey(keyCode: Enum.KeyCode): void;
	/**
	 * Client: moves the mouse to `position`, in screen pixels: InputChanged fires
	 * (MouseMovement, with Position and Delta), then the Player's Mouse.Move;
	 * GetMouseLocation, GetMouseDelta, Mouse.X and Mouse.Y follow. `hit` is what
	 * Mouse.Hit reports from now on: the harness casts no rays.
	 */
	moveMouse(position: Vector2, hit?: CFrame): void;
	/**
	 * Client: holds a mouse button down (default MouseButton1) where the mouse
	 * is: InputBegan, Mouse.Button1Down / Button2Down; IsMouseButtonPressed is true until released.
	 */
	holdMouseButton(button?: MouseButton): void;
	/** Client: releases a held mouse button: InputEnded, Mouse.Button1Up / Button2Up. */
	releaseMouseButton(button?: MouseButton): void;
	/** Client: a click, down then up at once (default MouseButton1). */
	clickMouse(button?: MouseButton): void;
}

export interface Simulation {
	readonly server: Peer;
	/** Connected clients in join order. */
	readonly clients: Peer[];
	/** Simulated seconds since the start. */
	readonly time: number;
	/** Frames stepped so far. */
	readonly frame: number;
	/** Seconds per frame. */
	readonly dt: number;
	/** Advances `frames` frames (default 1). */
	step(frames?: number): void;
	/** Advances `seconds` of simulated time. */
	run(seconds: number): void;
	/** Steps until `predicate()` holds or `timeout` seconds (default 10) pass; returns whether it held. */
	runUntil(predicate: () => boolean, timeout?: number): boolean;
	/**
	 * Steps until `predicate()` holds. If `timeout` seconds (default 10) pass
	 * first, fails the spec at this line with "timed out after <timeout> s
	 * waiting for: <label>", so `label` reads as the expectation:
	 * `sim.runUntil(() => everyoneSees(3), 10, "every client sees 3 cheers")`.
	 */
	runUntil(predicate: () => boolean, timeout: number | undefined, label: string): true;
	/** Joins a client (waits until it has loaded unless `{ wait: false }`). */
	addClient(link?: LinkOptions, options?: { wait?: boolean }): Peer;
	/** Disconnects a client, as if it left (or was kicked with `message`). */
	removeClient(client: Peer, message?: string): void;
	/** Changes a client's link conditions at run time. */
	setLink(client: Peer, options: LinkOptions): void;
	/** Disconnects everyone and stops the simulation. */
	destroy(): void;
}

export interface WireCostModel {
	readonly CALL_OVERHEAD: number;
	readonly CLIENT_TO_SERVER_OVERHEAD: number;
	readonly REMOTE_FUNCTION_OVERHEAD: number;
	readonly TYPE_TAG: number;
	readonly UNRELIABLE_PAYLOAD_LIMIT: number;
}

export interface HarnessApi {
	/** The run's base seed. */
	readonly seed: number;
	/** What the runner was told to use when a spec's `simulate` options leave it out (`skyrocket-test --clients 2 --loss 0.1`). */
	readonly defaults: { readonly clients?: number; readonly link?: Readonly<LinkOptions> };
	/** Starts a simulated game. */
	simulate(options?: SimulationOptions): Simulation;
	/** Destroys every simulation started and not destroyed yet: `afterEach(() => Harness.destroyAll())` frees each spec's games. */
	destroyAll(): void;
	/** Real CPU clock in seconds (os.clock inside peers is simulated). */
	cpuClock(): number;
	/** What one cpuClock() reading adds to an interval timed with two readings (seconds); subtract it per interval. */
	cpuClockOverhead(): number;
	/** Bytes the wire cost model charges for one remote call with these arguments. */
	remoteCallBytes(clientToServer: boolean, ...args: unknown[]): number;
	/** The wire cost model's constants. */
	readonly wireCost: WireCostModel;
	/** The bytes of a file, its path relative to the project folder (or absolute). Errors when it cannot be read. */
	readFile(path: string): buffer;
	/** Writes `data` to a file, its path relative to the project folder (folders are created). E.g. a recording to replay with `skyrocket-test replay`. */
	writeFile(path: string, data: buffer | string): void;
	/**
	 * A Player that no client controls, in the Players service of the runner
	 * (where specs run) as a connected player is: a stand-in for code that
	 * needs one, such as the players of a replayed session. Kick() does nothing.
	 */
	player(name?: string, userId?: number): Player;
}

/** The harness; undefined outside the harness (e.g. on real Roblox). */
declare const Harness: HarnessApi;
export = Harness;
