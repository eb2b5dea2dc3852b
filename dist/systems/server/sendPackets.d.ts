import { ServerContext } from "../../src/replication/serverContext";
import { ServerEvents } from "../../src/events/serverEvents";
export declare function sendPackets(ctx: ServerContext, events: ServerEvents, unreliable: Map<Player, buffer[]>): () => void;
