/** Cleanup phase (server): event and violation entities live for one step. */
import { ServerEvents } from "../../src/server/events";

export function cleanupEvents(events: ServerEvents) {
	return () => events.cleanup();
}
