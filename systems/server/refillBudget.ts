/**
 * Prioritize phase (server): refills each player's bandwidth bucket (and the global one) for this step.
 * Reads: the budget config, dt. Writes: each player's bandwidth tokens and the global ones.
 */
import { bucketCap } from "../../src/server/budget";
import { ServerContext } from "../../src/server/context";

export function refillBudget(ctx: ServerContext) {
	return (dt: number) => {
		const perPlayer = ctx.config.budgetPerPlayer;
		if (perPlayer > 0) {
			const cap = bucketCap(perPlayer, dt);
			for (const conn of ctx.connections) {
				const b = conn.budget;
				b.tokens = math.min(b.tokens + perPlayer * dt, cap);
			}
		}
		const global = ctx.config.budgetGlobal;
		if (global > 0) ctx.globalTokens = math.min(ctx.globalTokens + global * dt, bucketCap(global, dt));
	};
}
