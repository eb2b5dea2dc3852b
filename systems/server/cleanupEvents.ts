/**
 * Cleanup phase (server): event and violation entities live for one step.
 * Reads: this step's event entities. Writes: deletes them.
 */
import { ServerEvents } from "../../src/server/events";

export function cleanupEvents(events: ServerEvents) {
	return () => events.cleanup();
}
