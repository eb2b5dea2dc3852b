/**
 * Guard phase: per-player token buckets, one per event (its `rate` option,
 * default 30/s with bursts of 60) and one for all of a player's events (the
 * flood limit). Events over a limit are dropped, counted, and reported as
 * Violations; with the flood kick policy on, a player who keeps flooding is
 * kicked.
 */
import { ServerContext } from "../../src/replication/serverContext";
import { ServerEvents } from "../../src/events/serverEvents";
export declare function rateLimit(ctx: ServerContext, events: ServerEvents): () => void;
