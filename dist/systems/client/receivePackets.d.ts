import { ClientContext } from "../../src/replication/clientContext";
export declare function receivePackets(ctx: ClientContext): () => void;
