import { ConnectionState } from "../../src/replication/connection";
import { ServerContext } from "../../src/replication/serverContext";
import { ComponentTally } from "../../src/tools/tally";
export declare function measureReliableBytes(ctx: ServerContext, tally: ComponentTally, seqBeforeEncode: Map<ConnectionState, number>): () => void;
