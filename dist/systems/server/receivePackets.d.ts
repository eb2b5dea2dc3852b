/**
 * Receive phase (server): connects and disconnects players, then handles each
 * packet the transport queued. The firewall comes first: a player over their
 * byte or packet budget, or a packet over the size limit, is dropped before
 * any decoding, so hostile traffic costs almost nothing. Decoding is strict
 * and all-or-nothing: every record of a packet is decoded before any takes
 * effect; a malformed packet is dropped whole, counted per player and reason,
 * and reported as a Violation; it never throws into the game.
 */
import { World } from "@rbxts/jecs";
import { Reader } from "../../src/codec";
import { ConnectionState } from "../../src/replication/connection";
import { ServerContext } from "../../src/replication/serverContext";
import { ServerEvents } from "../../src/events/serverEvents";
/** Decodes one record the core does not know; pushes its effect to `staged`; false if unknown. */
export type RecordHandler = (conn: ConnectionState, op: number, r: Reader, reliable: boolean, staged: (() => void)[]) => boolean;
export declare function receivePackets(ctx: ServerContext, world: World, events: ServerEvents, extraRecords: RecordHandler[]): () => void;
