/**
 * The server's schema as a client keeps it: each wire id and event as the
 * server announced it (read and resolved in schema.ts).
 */

/** One replicated id as the server announced it. */
export interface SchemaEntry {
	readonly name: string;
	readonly kind: number;
	readonly unreliable: boolean;
	readonly codec: string;
	/** Fixed size of its values, or 0 (framed). */
	readonly size: number;
}

/** One event or request as the server announced it. */
export interface EventEntry {
	readonly name: string;
	readonly request: boolean;
	/** Whether the server sends it (from "server" or "both"). */
	readonly toClients: boolean;
	readonly codec: string;
	readonly response: string;
	readonly size: number;
}

/** The server's schema as received so far. */
export interface ServerSchema {
	readonly components: SchemaEntry[];
	readonly events: EventEntry[];
}
