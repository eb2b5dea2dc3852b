/**
 * Cleanup phase (server): forgets this step's changes and advances the tick.
 * Reads: the step's change list. Writes: clears it, the server tick.
 */
import { ServerContext } from "../../src/server/context";
import { releaseChange } from "../../src/server/tracked";

export function finishStep(ctx: ServerContext) {
	return () => {
		const changes = ctx.changes;
		for (let i = 0; i < changes.size(); i++) releaseChange(ctx.changePool, changes[i]);
		changes.clear();
		ctx.tick += 1;
	};
}
