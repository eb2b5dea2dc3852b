/**
 * Guard phase: runs each event's @rbxts/t check on decoded payloads; events
 * that fail are dropped, counted and reported as Violations. (Decoding has
 * already enforced the schema: types, lengths and ranges.)
 */
import { ServerContext } from "../../src/replication/serverContext";
import { ServerEvents } from "../../src/events/serverEvents";
export declare function validateEvents(ctx: ServerContext, events: ServerEvents): () => void;
