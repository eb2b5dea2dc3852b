/**
 * batched-table: one RemoteEvent call per tick carrying an array of the
 * changed entities' tables: FireAllClients({ { id, position, yaw, health, state }, ... }).
 */
import { applyTableBatch, EntityTable, remoteContender, sendTableBatch } from "./remoteCommon";

export const batchedTable = remoteContender({
	name: "batched-table",
	description: "one RemoteEvent call per tick: FireAllClients({ { id, position, yaw, health, state }, ... })",
	send: sendTableBatch,
	receive: (client) => {
		return (...args: unknown[]) => applyTableBatch(client, args[0] as EntityTable[]);
	},
});
