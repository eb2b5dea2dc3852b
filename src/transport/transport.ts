/**
 * The transport contract: the only code that touches RemoteEvents implements
 * it. Sending enqueues nothing: each call is one remote call. Receiving only
 * queues; the receive system drains the queue inside the net step.
 */

/** One packet that arrived, with its sender on the server. */
export interface Incoming {
	player?: Player;
	data: unknown;
	reliable: boolean;
}

export interface ServerTransport {
	sendReliable(player: Player, data: buffer): void;
	sendUnreliable(player: Player, data: buffer): void;
	/**
	 * Sends `data` to every player in the game in one remote call (FireAllClients),
	 * if every player in the game is one the net knows (no join or leave waiting
	 * to be drained); returns false, sending nothing, otherwise. Optional: without
	 * it (e.g. behind a tool's wrapper), the net sends to each player.
	 */
	broadcast?(data: buffer, reliable: boolean): boolean;
	/** Returns the packets received since the last call (and forgets them). */
	drain(): Incoming[];
	/** Players that connected / disconnected since the last call. */
	drainJoins(): Player[];
	drainLeaves(): Player[];
	destroy(): void;
}

export interface ClientTransport {
	/** Whether the server's remotes have been found (they replicate after join). */
	ready(): boolean;
	sendReliable(data: buffer): void;
	sendUnreliable(data: buffer): void;
	drain(): Incoming[];
	destroy(): void;
}
