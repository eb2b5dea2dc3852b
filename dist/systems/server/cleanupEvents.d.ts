/** Cleanup phase (server): event and violation entities live for one step. */
import { ServerEvents } from "../../src/events/serverEvents";
export declare function cleanupEvents(events: ServerEvents): () => void;
