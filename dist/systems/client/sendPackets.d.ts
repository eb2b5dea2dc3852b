import { ClientContext } from "../../src/replication/clientContext";
import { ClientEvents } from "../../src/events/clientEvents";
export declare function sendPackets(ctx: ClientContext, events: ClientEvents, pingInterval: number): () => void;
