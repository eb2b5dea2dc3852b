/** Cleanup phase (server): forgets this step's changes and advances the tick. */
import { ServerContext } from "../../src/replication/serverContext";

export function finishStep(ctx: ServerContext) {
	return () => {
		ctx.changes = [];
		ctx.tick += 1;
	};
}
