/** Cleanup phase (server): forgets this step's changes and advances the tick. */
import { ServerContext } from "../../src/replication/serverContext";
export declare function finishStep(ctx: ServerContext): () => void;
