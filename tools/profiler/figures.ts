/** What the profiler reports: its options and the figures of a window (ProfilerSnapshot). */
import type { RecordingStatus } from "../recorder/status";

export interface ProfilerOptions {
	/** Seconds per window (default 1): figures are per second, averaged over a window. */
	window?: number;
	/**
	 * Bytes per second per player that count as 100% of the budget. Default:
	 * the server's own bandwidth budget (`bandwidth.perPlayer`; a client
	 * learns it from the server's first packet) when it has one, else 50,000
	 * (about what Roblox sends a player before data queues). Budget use is one
	 * figure on both sides: estimated wire bytes per second on the link from
	 * the server to the client over this budget, as measured on each side
	 * (the server counts what it sends, a client what it receives: they
	 * differ by what the link lost).
	 */
	budget?: number;
	/** Measure bytes per replicated component (server only; default true). */
	components?: boolean;
}

/** Traffic in one direction, per second over the window (or totals, in `total`). */
export interface TrafficFigures {
	/** Payload bytes (what Skyrocket encoded). */
	bytes: number;
	/** Remote calls (packets). */
	calls: number;
	/** Estimated bytes on the wire: payload plus Roblox's per-call overhead (README, wire cost model). */
	wire: number;
}

/** One link: a player (on the server) or the server (on a client). */
export interface PlayerFigures {
	/** The player's name; "server" on a client. */
	readonly name: string;
	readonly player?: Player;
	/** Sent to this peer, per second. */
	readonly out: TrafficFigures;
	/** Received from this peer, per second. */
	readonly in: TrafficFigures;
	/** Events (and requests) sent to / received from this peer, per second. */
	readonly eventsOut: number;
	readonly eventsIn: number;
	/**
	 * Round-trip time in seconds: Skyrocket's estimate from acknowledgements
	 * (server); on a client, the shared clock's estimate (Roblox's
	 * Player:GetNetworkPing() until the first clock sample).
	 */
	readonly rtt: number;
	/** Incoming packets and events dropped (firewall, malformed, guards) in this window, and since connecting. */
	readonly dropped: number;
	readonly droppedTotal: number;
	/** Incoming events dropped by rate or flood limits in this window, and since connecting. */
	readonly rateLimited: number;
	readonly rateLimitedTotal: number;
	/** Incoming events rejected by validation or middleware since connecting. */
	readonly rejectedTotal: number;
	/** Unreliable packets never acknowledged, since connecting (server). */
	readonly mutationsLostTotal: number;
	/** Unreliable entity updates that waited for bandwidth in this window (server, with a bandwidth budget). */
	readonly deferred: number;
	/** Bandwidth use: wire bytes per second sent to the player (client: received) over the budget. */
	readonly budget: number;
	/** Replicated entities this peer has (server: that player's view; client: its mirror). */
	readonly entities: number;
	/** Traffic since the profiler started, totals. */
	readonly total: { readonly out: TrafficFigures; readonly in: TrafficFigures };
}

/** One remote (Skyrocket's reliable RemoteEvent or its UnreliableRemoteEvent), all links summed. */
export interface RemoteFigures {
	readonly name: "Reliable" | "Unreliable";
	readonly out: TrafficFigures;
	readonly in: TrafficFigures;
	readonly total: { readonly out: TrafficFigures; readonly in: TrafficFigures };
}

/** One event or request, all links summed, per second (drop counts are for the window). */
export interface EventFigures {
	readonly name: string;
	readonly sent: number;
	/** Decoded from the wire, including those guards or middleware dropped after. */
	readonly received: number;
	/** Received and let through: received minus rate-limited and rejected. */
	readonly accepted: number;
	/** Payload bytes of the event records (sent and received as the net counts them). */
	readonly bytes: number;
	readonly rateLimited: number;
	readonly rejected: number;
}

/** One replicated component, tag or relation (server), all players summed, per second. */
export interface ComponentFigures {
	readonly name: string;
	readonly kind: "component" | "tag" | "relation";
	readonly channel: "reliable" | "unreliable";
	/** Values (records) written per second. */
	readonly values: number;
	/** Bytes of those values per second. */
	readonly bytes: number;
}

export interface ProfilerSnapshot {
	readonly side: "server" | "client";
	/** Windows completed so far (0: none yet, figures are empty). */
	readonly index: number;
	/** Net time (seconds) at the end of the window, and the window's length. */
	readonly time: number;
	readonly window: number;
	/** The budget figure in bytes per second per player. */
	readonly budget: number;
	readonly players: readonly PlayerFigures[];
	readonly remotes: readonly RemoteFigures[];
	readonly events: readonly EventFigures[];
	readonly components: readonly ComponentFigures[];
	/** The worst-case size report in one line (net.describeWire()): the largest unreliable worst case and what can exceed the limit. */
	readonly wire: string;
	/** All links summed, per second. */
	readonly totals: { readonly out: TrafficFigures; readonly in: TrafficFigures; readonly events: number };
	/** The net's recorder (record()), when one was started: whether it records, and what it keeps. */
	readonly recording?: RecordingStatus;
}
