/**
 * Send phase (server): hands each client's packets to the transport (one
 * remote call per packet) within its bandwidth budget. Reliable packets go
 * first and in order; when the budget is spent they wait (never dropped).
 * Unreliable packets were already sized to the budget by the encoder. A
 * player kept over budget for `warnAfter` seconds gets a BudgetWarning event
 * entity and a counter.
 */
import { packetCost } from "../../src/server/budget";
import { ServerContext } from "../../src/server/context";
import { ConnectionState } from "../../src/server/connection";
import { ServerEvents } from "../../src/server/events";
import { warnOnce } from "../../src/core/report";
import { BudgetWarning } from "../../components/interest";

export function sendPackets(ctx: ServerContext, events: ServerEvents) {
	let rotate = 0;
	const send = (conn: ConnectionState, data: buffer, reliable: boolean) => {
		if (reliable) ctx.transport.sendReliable(conn.player, data);
		else ctx.transport.sendUnreliable(conn.player, data);
		const cost = packetCost(data);
		conn.stats.packetsSent += 1;
		conn.stats.bytesSent += buffer.len(data);
		conn.budget.tokens -= cost;
		ctx.globalTokens -= cost;
	};
	return () => {
		const budgeted = ctx.config.budgetPerPlayer > 0;
		const global = ctx.config.budgetGlobal > 0;
		const conns = ctx.connections;
		const n = conns.size();
		rotate = n > 0 ? (rotate + 1) % n : 0;
		for (let k = 0; k < n; k++) {
			// start at a different player each step so a global budget is shared fairly
			const conn = conns[(k + rotate) % n];
			const queue = conn.reliableQueue;
			let sent = 0;
			while (sent < queue.size()) {
				if (budgeted && conn.budget.tokens <= 0) break;
				if (global && ctx.globalTokens <= 0) break;
				send(conn, queue[sent], true);
				sent += 1;
			}
			if (sent > 0) {
				for (let i = sent; i < queue.size(); i++) queue[i - sent] = queue[i];
				for (let i = 0; i < sent; i++) queue.pop();
			}
			const list = conn.unreliableOut;
			for (const data of list) send(conn, data, false);
			list.clear();
			// sustained deferral warns once per episode
			const b = conn.budget;
			const deferred = queue.size() > 0 || conn.stats.deferred > b.lastDeferred;
			b.lastDeferred = conn.stats.deferred;
			if (deferred) {
				if (b.deferredSince < 0) b.deferredSince = ctx.time;
				const seconds = ctx.time - b.deferredSince;
				if (!b.warned && seconds >= ctx.config.budgetWarnAfter) {
					b.warned = true;
					conn.stats.budgetWarnings += 1;
					const e = ctx.world.entity();
					ctx.world.set(e, BudgetWarning, { player: conn.player, seconds, deferred: queue.size() });
					events.later.push(e);
					warnOnce(
						`budget:${conn.player.UserId}`,
						`Skyrocket: ${conn.player.Name} has been over the ${ctx.config.budgetPerPlayer} B/s bandwidth budget for ${math.floor(seconds)} s; updates are delayed`,
					);
				}
			} else {
				b.deferredSince = -1;
				b.warned = false;
			}
		}
	};
}
