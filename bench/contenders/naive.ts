/**
 * naive: one RemoteEvent call per changed entity per tick, carrying a table
 * of its fields: FireAllClients(id, { position, yaw, health, state }).
 */
import type { StateName } from "../game";
import { applyEntity, remoteContender } from "./remoteCommon";

interface EntityData {
	position: Vector3;
	yaw: number;
	health: number;
	state: StateName;
}

export const naive = remoteContender({
	name: "naive",
	description: "one RemoteEvent call per changed entity per tick: FireAllClients(id, { position, yaw, health, state })",
	notes: ["naive: the initial state (before warm-up, not measured) goes as one batched-table call, to keep the run short"],
	snapshotAsBatch: true,
	send: (remote, world, c, dirty) => {
		for (const e of dirty) {
			const t = world.get(e, c.Transform)!;
			const data: EntityData = { position: t.position, yaw: t.yaw, health: world.get(e, c.Health)!, state: world.get(e, c.State)! };
			remote.FireAllClients(e, data);
		}
	},
	receive: (client) => {
		return (...args: unknown[]) => {
			const id = args[0] as number;
			const data = args[1] as EntityData;
			applyEntity(client, id, data.position, data.yaw, data.health, data.state);
		};
	},
});
