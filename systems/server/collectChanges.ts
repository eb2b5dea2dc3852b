/**
 * Collect phase: turns the jecs listener events of this step into a list of
 * entity changes. A value counts as changed only if its canonical (quantized)
 * form differs from the last one replicated, so setting an equal value sends
 * nothing. Values a codec cannot encode are reported (naming the component
 * and entity) and skipped whole: nothing partial is sent.
 */
import jecs, { Entity } from "@rbxts/jecs";
import { ReplicatedInfo } from "../../src/core/registry";
import { reportError } from "../../src/core/report";
import { checkFailure } from "../../src/core/checks";
import { ServerContext } from "../../src/server/context";
import { EntityChange, releaseChange, stored, takeChange, TrackedEntity, UNRELIABLE, unstored } from "../../src/server/tracked";
import { newWriter, resetWriter } from "../../src/codec";
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

	/** Per handle: the pass in which it joined ctx.mutated (once per step), and which unreliable components the game set. */
	const mutatedIn: number[] = [];
	const setMask: number[] = [];
	/** The values the game set, by handle x component count + index, until collect quantizes them. */
	const setValues: unknown[] = [];
	let pass = 1;

	/**
	 * A tracked entity's unreliable value changed: only remembered here (the
	 * hook hands over the value); collect quantizes it into the mutation
	 * store, with no per-entity record.
	 */
	const unreliableChanged = (info: ReplicatedInfo, e: Entity, value: unknown) => {
		const t = ctx.tracked.get(e);
		const i = info.unreliableIndex - 1;
		if (t === undefined || !store.has(t.handle, i)) {
			touch(e, info); // not replicated yet (or inserted): collect handles it whole
			return;
		}
		const h = t.handle;
		const bit = 2 ** i;
		if (mutatedIn[h] !== pass) {
			mutatedIn[h] = pass;
			setMask[h] = bit;
			ctx.mutated.push(h);
		} else if (setMask[h] % (bit * 2) < bit) setMask[h] += bit;
		setValues[h * store.infos.size() + i] = value;
	};

	/** Quantizes what the game set on `h` into the store; true when a value changed. */
	const settleSets = (h: number): boolean => {
		const e = ctx.entityOf[h];
		if (e === undefined) return false; // despawned since
		const n = store.infos.size();
		if (n === 1 && store.infos[0].check === undefined) {
			// the common layout: one unreliable component, no check
			if (setMask[h] === 0) return false; // changed through collect's own path: already in the store
			const value = setValues[h];
			setValues[h] = undefined;
			if ((store.present[h] ?? 0) % 2 === 0) return false; // removed since
			const result = store.setSingle(h, value);
			if (result === "changed") return true;
			if (result !== "same") reportError(`Skyrocket: cannot replicate ${store.infos[0].name} of entity ${e}: ${result}. The change was not sent.`);
			return false;
		}
		const mask = setMask[h];
		let changed = false;
		let bit = 1;
		for (let i = 0; i < n; i++) {
			if (mask % (bit * 2) >= bit) {
				const info = store.infos[i];
				const slot = h * n + i;
				const value = setValues[slot];
				setValues[slot] = undefined;
				if (!store.has(h, i)) continue; // removed since
				const why = info.check && checkFailure(info.check, value);
				if (why !== undefined) {
					reportError(`Skyrocket: ${info.name} of entity ${e} failed its check: ${why}. The change was not sent.`);
				} else {
					const result = store.set(h, i, value);
					if (result === "changed") changed = true;
					else if (result !== "same") reportError(`Skyrocket: cannot replicate ${info.name} of entity ${e}: ${result}. The change was not sent.`);
				}
			}
			bit *= 2;
		}
		return changed;
	};

	// listeners only record which (entity, id) were touched; work happens in collect
	ctx.onRegister.push((info) => {
		const id = info.id as Entity<unknown>;
		const hooks = ctx.hooks;
		hooks.added(id, (e) => touch(e, info));
		if (info.kind === WireKind.Component && info.unreliable) hooks.changed(id, (e, _, value) => unreliableChanged(info, e, value));
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

	const spawn = (e: Entity): TrackedEntity => {
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

	// entity references held by reliable components, so they can be re-sent when a target appears
	const scratch = newWriter(64);
	let found: Entity[] = [];
	const recorder = {
		toHandle: (target: number) => {
			found.push(target as Entity);
			return 0;
		},
		fromHandle: () => undefined,
	};
	const setRefs = (e: Entity, wire: number, targets: Entity[] | undefined) => {
		let from = ctx.refsFrom.get(e);
		const old = from?.get(wire);
		if (old) {
			for (const target of old) {
				const sources = ctx.refsTo.get(target);
				const wires = sources?.get(e);
				if (wires) {
					wires.delete(wire);
					if (wires.isEmpty()) sources!.delete(e);
					if (sources!.isEmpty()) ctx.refsTo.delete(target);
				}
			}
			from!.delete(wire);
		}
		if (targets === undefined || targets.size() === 0) {
			if (from && from.isEmpty()) ctx.refsFrom.delete(e);
			return;
		}
		if (from === undefined) {
			from = new Map();
			ctx.refsFrom.set(e, from);
		}
		from.set(wire, targets);
		for (const target of targets) {
			let sources = ctx.refsTo.get(target);
			if (sources === undefined) {
				sources = new Map();
				ctx.refsTo.set(target, sources);
			}
			let wires = sources.get(e);
			if (wires === undefined) {
				wires = new Set();
				sources.set(e, wires);
			}
			wires.add(wire);
		}
	};
	const trackRefs = (info: ReplicatedInfo, e: Entity, value: unknown) => {
		if (!info.codec!.refs || info.unreliable) return;
		found = [];
		resetWriter(scratch);
		info.codec!.write(scratch, value, recorder);
		setRefs(e, info.wireId, found);
	};

	const despawn = (tracked: TrackedEntity) => {
		const from = ctx.refsFrom.get(tracked.entity);
		if (from) for (const [wire] of from) setRefs(tracked.entity, wire, undefined);
		ctx.refsTo.delete(tracked.entity);
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
			if (world.has(e, info.id)) {
				const raw = world.get(e, info.id as Entity<unknown>);
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
					if (mutatedIn[h] !== pass) {
						mutatedIn[h] = pass;
						setMask[h] = 0;
						ctx.mutated.push(h);
					}
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
			if (world.has(e, info.id)) {
				const raw = world.get(e, info.id as Entity<unknown>);
				if (!validate(info, e, raw)) return;
				const value = raw === undefined ? undefined : info.codec!.canonical(raw as defined);
				if (had) {
					const old = unstored(tracked.values.get(wire));
					if (old === value || (old !== undefined && value !== undefined && info.codec!.equals(old as defined, value as defined))) return;
					tracked.values.set(wire, stored(value));
					trackRefs(info, e, value);
					change.changed.push(wire);
					change.previous.set(wire, stored(old));
				} else {
					tracked.values.set(wire, stored(value));
					trackRefs(info, e, value);
					change.inserted.push(wire);
				}
			} else if (had) {
				tracked.values.delete(wire);
				if (info.codec!.refs) setRefs(e, wire, undefined);
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
			tracked = spawn(e);
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
			if (isEmpty(tracked)) {
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
		for (const e of order) {
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
		for (const h of mutated) {
			const changed = settleSets(h);
			if (store.settle(h) && (changed || setMask[h] === 0)) now.push(h);
		}
		mutated.clear();
		spareMutated = mutated;
		pass += 1;
		store.beginPass();

	};
}
