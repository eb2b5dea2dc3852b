/**
 * Send phase (server): hands each client's packets of this step to the
 * transport (one remote call per packet) and counts them.
 */
import { ServerContext } from "../../src/replication/serverContext";

export function sendPackets(ctx: ServerContext, reliable: Map<Player, buffer[]>, unreliable: Map<Player, buffer[]>) {
	return () => {
		const transport = ctx.transport;
		for (const [player, list] of reliable) {
			const conn = ctx.byPlayer.get(player);
			for (const data of list) {
				transport.sendReliable(player, data);
				if (conn) {
					conn.stats.packetsSent += 1;
					conn.stats.bytesSent += buffer.len(data);
				}
			}
		}
		for (const [player, list] of unreliable) {
			const conn = ctx.byPlayer.get(player);
			for (const data of list) {
				transport.sendUnreliable(player, data);
				if (conn) {
					conn.stats.packetsSent += 1;
					conn.stats.bytesSent += buffer.len(data);
				}
			}
		}
		reliable.clear();
		unreliable.clear();
	};
}
