/**
 * Collect phase: turns the jecs listener events of this step into a list of
 * entity changes. A value counts as changed only if its canonical (quantized)
 * form differs from the last one replicated, so setting an equal value sends
 * nothing. Values a codec cannot encode are reported (naming the component
 * and entity) and skipped whole: nothing partial is sent.
 *
 * Reads: jecs hooks on replicated ids, Visibility. Writes: the step's change list, the mutation store.
 */
import jecs, { Entity } from "@rbxts/jecs";
import { ReplicatedInfo } from "../../src/core/registry";
import { reportError } from "../../src/core/report";
import { checkFailure } from "../../src/core/checks";
import { ServerContext } from "../../src/server/context";
import { References } from "../../src/server/references";
import { UnreliableSets } from "../../src/server/unreliableSets";
import { EntityChange, releaseChange, stored, takeChange, TrackedEntity, UNRELIABLE, unstored } from "../../src/server/tracked";
import { WireKind } from "../../src/wire/protocol";
import { Visibility } from "../../components/replication";

export function collectChanges(ctx: ServerContext) {
	const world = ctx.world;
	const registry = ctx.registry;
	const store = ctx.mutations;

	const touch = (e: Entity, info: ReplicatedInfo) => {
		let set = ctx.dirty.get(e);
		if (set === undefined) {
			set = ctx.touchedPool.pop() ?? new Set();
			ctx.dirty.set(e, set);
			ctx.dirtyOrder.push(e);
		}
		set.add(info);
	};

	const sets = new UnreliableSets(ctx, touch);

	// listeners only record which (entity, id) were touched; work happens in collect
	ctx.onRegister.push((info) => {
		const id = info.id as Entity<unknown>;
		const hooks = ctx.hooks;
		hooks.added(id, (e) => touch(e, info));
		if (info.kind === WireKind.Component && info.unreliable) hooks.changed(id, (e, _, value) => sets.changed(info, e, value));
		else if (info.kind === WireKind.Component) hooks.changed(id, (e) => touch(e, info));
		hooks.removed(id, (e) => touch(e, info));
		// entities holding it already (set before it was registered) replicate it too
		const held = info.kind === WireKind.Relation ? jecs.pair(id, jecs.Wildcard) : id;
		for (const [e] of world.query(held)) touch(e, info);
	});

	const validate = (info: ReplicatedInfo, e: Entity, value: unknown): boolean => {
		const err = info.codec!.validate(value);
		if (err !== undefined) {
			reportError(`Skyrocket: cannot replicate ${info.name} of entity ${e}: ${err}. The change was not sent.`);
			return false;
		}
		const why = info.check && checkFailure(info.check, value);
		if (why !== undefined) {
			reportError(`Skyrocket: ${info.name} of entity ${e} failed its check: ${why}. The change was not sent.`);
			return false;
		}
		return true;
	};

	const track = (e: Entity): TrackedEntity => {
		const handle = ctx.handles.alloc(ctx.time);
		const tracked: TrackedEntity = {
			entity: e,
			handle,
			values: new Map(),
			tags: new Set(),
			pairs: new Map(),
			// a rule set before the entity was first replicated applies from its spawn
			rule: world.get(e, Visibility),
		};
		ctx.tracked.set(e, tracked);
		ctx.byHandle.set(handle, tracked);
		ctx.entityOf[handle] = e;
		return tracked;
	};

	const refs = new References(ctx);

	const despawn = (tracked: TrackedEntity) => {
		refs.forget(tracked.entity);
		ctx.tracked.delete(tracked.entity);
		ctx.byHandle.delete(tracked.handle);
		ctx.entityOf[tracked.handle] = undefined as never;
		store.free(tracked.handle);
		ctx.handles.release(tracked.handle, ctx.time);
	};

	/** Brings one id of `tracked` up to date, recording what changed. */
	const refresh = (tracked: TrackedEntity, info: ReplicatedInfo, change: EntityChange) => {
		const e = tracked.entity;
		const wire = info.wireId;
		if (info.kind === WireKind.Component && info.unreliable) {
			// flat lanes in the mutation store: quantized, compared and kept without allocating
			const h = tracked.handle;
			const i = info.unreliableIndex - 1;
			const had = tracked.values.has(wire);
			// (a value's presence is looked up only when it reads as nil)
			const raw = world.get(e, info.id as Entity<unknown>);
			if (raw !== undefined || world.has(e, info.id)) {
				const why = info.check && checkFailure(info.check, raw);
				if (why !== undefined) {
					reportError(`Skyrocket: ${info.name} of entity ${e} failed its check: ${why}. The change was not sent.`);
					return;
				}
				const result = store.set(h, i, raw);
				if (result === "same") return;
				if (result !== "changed") {
					reportError(`Skyrocket: cannot replicate ${info.name} of entity ${e}: ${result}. The change was not sent.`);
					return;
				}
				if (had) {
					sets.changedHere(h);
				} else {
					tracked.values.set(wire, UNRELIABLE);
					change.inserted.push(wire);
					change.mutReset = true;
				}
			} else if (had) {
				tracked.values.delete(wire);
				store.remove(h, i);
				change.removed.push(wire);
				change.mutReset = true;
			}
		} else if (info.kind === WireKind.Component) {
			const had = tracked.values.has(wire);
			const raw = world.get(e, info.id as Entity<unknown>);
			if (raw !== undefined || world.has(e, info.id)) {
				if (!validate(info, e, raw)) return;
				const value = raw === undefined ? undefined : info.codec!.canonical(raw as defined);
				if (had) {
					const old = unstored(tracked.values.get(wire));
					if (old === value || (old !== undefined && value !== undefined && info.codec!.equals(old as defined, value as defined)))
						return;
					tracked.values.set(wire, stored(value));
					refs.track(info, e, value);
					change.changed.push(wire);
					change.previous.set(wire, stored(old));
				} else {
					tracked.values.set(wire, stored(value));
					refs.track(info, e, value);
					change.inserted.push(wire);
				}
			} else if (had) {
				tracked.values.delete(wire);
				if (info.codec!.refs) refs.set(e, wire, undefined);
				change.removed.push(wire);
			}
		} else if (info.kind === WireKind.Tag) {
			const has = world.has(e, info.id);
			if (has && !tracked.tags.has(wire)) {
				tracked.tags.add(wire);
				change.tagsAdded.push(wire);
			} else if (!has && tracked.tags.has(wire)) {
				tracked.tags.delete(wire);
				change.tagsRemoved.push(wire);
			}
		} else {
			// relation: compare the current targets with the replicated pairs
			const current = new Map<string, Entity>();
			let i = 0;
			for (;;) {
				const target = world.target(e, info.id, i);
				if (target === undefined) break;
				current.set(`${wire}:${target}`, target);
				i += 1;
			}
			for (const [key, target] of current) {
				if (!tracked.pairs.has(key)) {
					tracked.pairs.set(key, [wire, target]);
					change.pairsAdded.push([wire, target]);
				}
			}
			for (const [key, pair] of tracked.pairs) {
				if (pair[0] === wire && !current.has(key)) {
					tracked.pairs.delete(key);
					change.pairsRemoved.push(pair);
				}
			}
		}
	};

	const isEmpty = (t: TrackedEntity) => t.values.isEmpty() && t.tags.isEmpty() && t.pairs.isEmpty();

	/** Records what changed on `e` (touched: the ids its listeners saw) in this step's changes. */
	const collect = (e: Entity, touched: Set<ReplicatedInfo>) => {
		const changes = ctx.changes;
		let tracked = ctx.tracked.get(e);
		if (!world.contains(e)) {
			if (tracked) {
				const c = takeChange(ctx.changePool, tracked);
				c.despawned = true;
				changes.push(c);
				despawn(tracked);
			}
			return;
		}
		let change: EntityChange;
		if (tracked === undefined) {
			tracked = track(e);
			change = takeChange(ctx.changePool, tracked);
			change.spawned = true;
			// a new entity sends its whole replicated state, not just what was touched
			for (const info of registry.list) refresh(tracked, info, change);
			if (isEmpty(tracked)) {
				despawn(tracked);
				releaseChange(ctx.changePool, change);
				return;
			}
		} else {
			change = takeChange(ctx.changePool, tracked);
			for (const info of touched) refresh(tracked, info, change);
			// only a removal can leave a replicated entity with nothing to replicate
			const removedSome = change.removed.size() > 0 || change.tagsRemoved.size() > 0 || change.pairsRemoved.size() > 0;
			if (removedSome && isEmpty(tracked)) {
				change.despawned = true;
				despawn(tracked);
			}
		}
		changes.push(change);
	};

	// the listeners fill one order list while collect empties the other
	let spareOrder: Entity[] = [];
	let spareMutated: number[] = [];
	return () => {
		const order = ctx.dirtyOrder;
		ctx.dirtyOrder = spareOrder;
		for (let i = 0; i < order.size(); i++) {
			const e = order[i];
			const touched = ctx.dirty.get(e)!;
			ctx.dirty.delete(e);
			collect(e, touched);
			touched.clear();
			ctx.touchedPool.push(touched);
		}
		order.clear();
		spareOrder = order;
		// the step's unreliable changes: a value set and set back in one step sends nothing
		const mutated = ctx.mutated;
		ctx.mutated = spareMutated;
		const now = ctx.mutatedNow;
		now.clear();
		sets.settleAll(mutated, now);
		mutated.clear();
		spareMutated = mutated;
		sets.nextPass();
	};
}
