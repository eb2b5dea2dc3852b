import { ServerContext } from "../../src/replication/serverContext";
export declare function collectChanges(ctx: ServerContext): () => void;
