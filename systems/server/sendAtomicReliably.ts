/**
 * Collect phase, after collectChanges (server). Reads: the entities changed
 * inside `net.atomic` (AtomicScope), this step's changes. Writes: their
 * change records: each unreliable component they hold goes whole on the
 * reliable stream (`inserted`), restarting their mutation stream (`mutReset`),
 * so this step's reliable packet carries every change of the group.
 * Does nothing in a step without atomic groups.
 */
import { Entity } from "@rbxts/jecs";
import { AtomicScope } from "../../src/server/atomic";
import { ServerContext } from "../../src/server/context";
import { EntityChange, takeChange, UNRELIABLE } from "../../src/server/tracked";

export function sendAtomicReliably(ctx: ServerContext, scope: AtomicScope) {
	const byEntity = new Map<Entity, EntityChange>();
	return () => {
		const entities = scope.entities;
		if (entities.size() === 0) return;
		byEntity.clear();
		const changes = ctx.changes;
		for (let i = 0; i < changes.size(); i++) byEntity.set(changes[i].tracked.entity, changes[i]);
		const infos = ctx.mutations.infos;
		for (const e of entities) {
			const tracked = ctx.tracked.get(e);
			if (tracked === undefined) continue; // not replicated (or gone): nothing to carry
			let change = byEntity.get(e);
			if (change === undefined) {
				change = takeChange(ctx.changePool, tracked);
				ctx.changes.push(change);
			}
			// a spawn carries its whole state already; a despawn carries none
			if (change.spawned || change.despawned) continue;
			for (const info of infos) {
				const wire = info.wireId;
				if (tracked.values.get(wire) === UNRELIABLE && !change.inserted.includes(wire)) change.inserted.push(wire);
			}
			change.mutReset = true;
		}
		entities.clear();
	};
}
