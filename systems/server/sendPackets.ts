/**
 * Send phase (server). Reads: each client's reliable queue and unreliable
 * packets, budgets. Writes: remote calls, NetStats counters, budget tokens,
 * BudgetWarning event entities.
 *
 * Hands each client's packets to the transport (one remote call per packet)
 * within its bandwidth budget. Reliable packets go first and in order; when
 * the budget is spent they wait (never dropped). Unreliable packets were
 * already sized to the budget by the encoder. When every player in the game
 * is to receive the very same buffers (one replication group, no per-player
 * extras this step), each buffer goes in one call to all (FireAllClients).
 * A player kept over budget for `warnAfter` seconds gets a BudgetWarning
 * event entity and a counter. A player whose reliable backlog grows past the
 * cap (guard.maxBacklog) is kicked with a message saying why, counted and
 * reported as a "backlog" Violation: the server never queues without bound.
 */
import { packetCost } from "../../src/server/budget";
import { ServerContext } from "../../src/server/context";
import { ConnectionState } from "../../src/server/connection";
import { ServerEvents } from "../../src/server/events";
import { bump } from "../../src/core/report";
import { BudgetWarning } from "../../components/interest";

export function sendPackets(ctx: ServerContext, events: ServerEvents) {
	let rotate = 0;

	/** Counts `packets` packets of `bytes` bytes (budget `cost`) sent to `conn` against its budget and counters. */
	const charge = (conn: ConnectionState, packets: number, bytes: number, cost: number) => {
		conn.stats.packetsSent += packets;
		conn.stats.bytesSent += bytes;
		conn.budget.tokens -= cost;
		ctx.globalTokens -= cost;
	};

	const send = (conn: ConnectionState, data: buffer, reliable: boolean) => {
		if (reliable) ctx.transport.sendReliable(conn.player, data);
		else ctx.transport.sendUnreliable(conn.player, data);
		charge(conn, 1, buffer.len(data), packetCost(data));
	};

	/**
	 * Every connection gets exactly the same packets this step (the same
	 * buffer objects) and may send them: one call per packet for everyone.
	 * Returns false (nothing sent) when that is not the case.
	 */
	const broadcastAll = (budgeted: boolean): boolean => {
		const transport = ctx.transport;
		const conns = ctx.connections;
		const n = conns.size();
		if (transport.broadcast === undefined || n < 2 || ctx.config.budgetGlobal > 0) return false;
		const first = conns[0];
		if (!first.ready || first.reliableQueue.size() > 1) return false;
		const reliable = first.reliableQueue[0];
		const unreliable = first.unreliableOut;
		for (let i = 0; i < n; i++) {
			const conn = conns[i];
			if (!conn.ready || conn.group !== first.group) return false;
			if (budgeted && conn.budget.tokens <= 0 && reliable !== undefined) return false;
			const queue = conn.reliableQueue;
			if (queue.size() !== (reliable === undefined ? 0 : 1) || queue[0] !== reliable) return false;
			const out = conn.unreliableOut;
			if (out.size() !== unreliable.size()) return false;
			for (let k = 0; k < out.size(); k++) if (out[k] !== unreliable[k]) return false;
		}
		if (reliable !== undefined && !transport.broadcast(reliable, true)) return false;
		for (const data of unreliable) transport.broadcast(data, false);
		// every player was sent the same: the packets, bytes and cost are counted once and charged to each
		let packets = unreliable.size();
		let bytes = 0;
		let cost = 0;
		for (const data of unreliable) {
			bytes += buffer.len(data);
			cost += packetCost(data);
		}
		if (reliable !== undefined) {
			packets += 1;
			bytes += buffer.len(reliable);
			cost += packetCost(reliable);
		}
		for (let i = 0; i < n; i++) {
			const conn = conns[i];
			if (reliable !== undefined) conn.reliableQueue.pop();
			charge(conn, packets, bytes, cost);
			if (i > 0) conn.unreliableOut.clear();
		}
		first.unreliableOut.clear();
		return true;
	};

	/** Sustained deferral warns once per episode. */
	const watchBudget = (conn: ConnectionState) => {
		const b = conn.budget;
		const queue = conn.reliableQueue;
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
				conn.warnings.once(
					"budget",
					`Skyrocket: ${conn.player.Name} has been over the ${ctx.config.budgetPerPlayer} B/s bandwidth budget for ${math.floor(seconds)} s; updates are delayed`,
				);
			}
		} else {
			b.deferredSince = -1;
			b.warned = false;
		}
	};

	const maxBacklog = events.guard.maxBacklog;
	/** Kicks a player whose waiting reliable bytes exceed the cap (and frees them at once). */
	const capBacklog = (conn: ConnectionState) => {
		const queue = conn.reliableQueue;
		let bytes = 0;
		for (const data of queue) bytes += buffer.len(data);
		if (bytes <= maxBacklog) return;
		queue.clear();
		const detail = `${math.floor(bytes / 1024)} KiB of reliable data waited for bandwidth (cap ${math.floor(maxBacklog / 1024)} KiB)`;
		events.violation(conn, "backlog", detail);
		bump(ctx.counters, "kicked: backlog");
		conn.player.Kick(`Skyrocket: disconnected, the connection fell too far behind: ${detail}`);
	};

	return () => {
		const budgeted = ctx.config.budgetPerPlayer > 0;
		const global = ctx.config.budgetGlobal > 0;
		const conns = ctx.connections;
		const n = conns.size();
		rotate = n > 0 ? (rotate + 1) % n : 0;
		if (broadcastAll(budgeted)) {
			for (const conn of conns) watchBudget(conn);
			return;
		}
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
			watchBudget(conn);
			if (queue.size() > 1) capBacklog(conn);
		}
	};
}
