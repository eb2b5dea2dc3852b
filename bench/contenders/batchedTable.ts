/**
 * batched-table: one RemoteEvent call per tick carrying an array of the
 * changed entities' tables: FireAllClients({ { id, position, yaw, health, state }, ... }).
 */
import type { StateName } from "../game";
import { applyEntity, remoteContender } from "./remoteCommon";

interface EntityData {
	id: number;
	position: Vector3;
	yaw: number;
	health: number;
	state: StateName;
}

export const batchedTable = remoteContender({
	name: "batched-table",
	description: "one RemoteEvent call per tick: FireAllClients({ { id, position, yaw, health, state }, ... })",
	send(remote, world, c, dirty) {
		const batch = new Array<EntityData>(dirty.size());
		for (const e of dirty) {
			const t = world.get(e, c.Transform)!;
			batch.push({ id: e, position: t.position, yaw: t.yaw, health: world.get(e, c.Health)!, state: world.get(e, c.State)! });
		}
		remote.FireAllClients(batch);
	},
	receive(client) {
		return (...args: unknown[]) => {
			for (const d of args[0] as EntityData[]) applyEntity(client, d.id, d.position, d.yaw, d.health, d.state);
		};
	},
});
