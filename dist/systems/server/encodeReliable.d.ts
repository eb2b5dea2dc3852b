import { ServerContext } from "../../src/replication/serverContext";
export declare function encodeReliable(ctx: ServerContext): () => void;
