import { ServerContext } from "../../src/replication/serverContext";
/** Packets kept for acknowledgement; older ones count as lost. */
export declare const SENT_WINDOW = 128;
/**
 * A baseline older than this many packets is not used (the client keeps the
 * last 128 packets): the value is sent whole instead, in an "absolute" group.
 */
export declare const BASELINE_AGE_LIMIT = 64;
export declare function encodeMutations(ctx: ServerContext, out: Map<Player, buffer[]>): () => void;
