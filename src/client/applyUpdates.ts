/**
 * Client: decodes one reliable update packet completely, then applies it.
 * If any record is malformed the packet is dropped whole (never half-applied).
 * Entities spawned by the packet are declared first (see records.ts), so
 * state and relations inside it may refer to one another.
 */
import jecs, { Entity } from "@rbxts/jecs";
import { CodecError, Reader, readU8, readVarUint } from "../codec";
import { closeFrame, openFrame, skipSized } from "../wire/frames";
import { ReplicatedInfo } from "../core/registry";
import { countDrop } from "../core/report";
import { checkFailure } from "../core/checks";
import { Op, WireKind } from "../wire/protocol";
import { ClientContext } from "./context";
import { laneBaselines } from "./applyMutations";
import { stored, unstored } from "../core/stored";
import { FromServer, ServerHandle } from "../../components/replication";

const enum Action {
	Set,
	Remove,
	Tag,
	Untag,
	Pair,
	Unpair,
	Despawn,
	Hide,
}

/** A decoded record: what to do, to which entity, with which info / value / target. */
type Record = [Action, Entity, ReplicatedInfo | undefined, unknown, number];

/** Hands a record the core does not know to the extra decoders (events...); throws if none knows it. */
export function readExtraRecord(ctx: ClientContext, op: number, r: Reader, tick: number, staged: (() => void)[]) {
	for (const handler of ctx.extraRecords) if (handler(op, r, tick, staged)) return;
	throw new CodecError(`unknown record ${op}`);
}

/** The wire id's fixed value size (0: framed), and its local info (undefined: not declared here, skipped). */
function entryOf(ctx: ClientContext, wireId: number): [number, ReplicatedInfo | undefined] {
	const size = ctx.wireSizes[wireId - 1];
	if (size === undefined) throw new CodecError(`unknown wire id ${wireId}`);
	return [size, ctx.wire![wireId - 1]];
}

export function applyUpdates(ctx: ClientContext, r: Reader, tick: number): boolean {
	const world = ctx.world;
	const staged = new Map<number, Entity>();
	const records: Record[] = [];
	const effects: (() => void)[] = [];
	let current: Entity | undefined;
	let currentHandle = 0;
	const entityOf = (handle: number) => ctx.entities.get(handle) ?? staged.get(handle);
	const codecCtx = {
		toHandle: (e: number) => ctx.handles.get(e as Entity) ?? 0,
		fromHandle: (h: number) => entityOf(h),
	};
	const need = () => {
		if (current === undefined) throw new CodecError("record before any entity");
		return current;
	};
	const [ok, err] = pcall(() => {
		while (r.p < r.n) {
			const op = readU8(r);
			if (op === Op.Spawn) {
				const h = readVarUint(r);
				if (entityOf(h) !== undefined) throw new CodecError(`spawn of handle ${h} that exists`);
				staged.set(h, world.entity());
			} else if (op === Op.Entity) {
				currentHandle = readVarUint(r);
				current = entityOf(currentHandle);
				if (current === undefined) throw new CodecError(`unknown entity handle ${currentHandle}`);
			} else if (op === Op.Despawn || op === Op.Hide) {
				const h = readVarUint(r);
				const e = entityOf(h);
				if (e === undefined) throw new CodecError(`despawn of unknown handle ${h}`);
				records.push([op === Op.Despawn ? Action.Despawn : Action.Hide, e, undefined, undefined, h]);
			} else if (op === Op.Set || op === Op.Patch) {
				const e = need();
				const [size, info] = entryOf(ctx, readVarUint(r));
				if (info === undefined) {
					skipSized(r, size); // a component this client does not declare
					continue;
				}
				const codec = info.codec;
				if (codec === undefined) throw new CodecError(`${info.name} carries no value`);
				let value: unknown;
				const frame = openFrame(r, size);
				if (op === Op.Patch) {
					const base = ctx.authoritative.get(e)?.get(info.wireId);
					if (base === undefined || codec.readDelta === undefined) throw new CodecError(`patch of ${info.name} without a base`);
					value = codec.readDelta(r, unstored(base), codecCtx);
				} else {
					value = codec.read(r, codecCtx);
				}
				closeFrame(r, frame);
				const why = info.check && checkFailure(info.check, value);
				if (why !== undefined) throw new CodecError(`${info.name} failed its check: ${why}`);
				records.push([Action.Set, e, info, value, 0]);
			} else if (op === Op.Remove || op === Op.Tag || op === Op.Untag) {
				const e = need();
				const [, info] = entryOf(ctx, readVarUint(r));
				if (info === undefined) continue;
				const action = op === Op.Remove ? Action.Remove : op === Op.Tag ? Action.Tag : Action.Untag;
				records.push([action, e, info, undefined, 0]);
			} else if (op === Op.Pair || op === Op.Unpair) {
				const e = need();
				const [, info] = entryOf(ctx, readVarUint(r));
				const target = readVarUint(r);
				if (info === undefined) continue;
				if (info.kind !== WireKind.Relation) throw new CodecError(`${info.name} is not a relation`);
				records.push([op === Op.Pair ? Action.Pair : Action.Unpair, e, info, undefined, target]);
			} else {
				readExtraRecord(ctx, op, r, tick, effects);
			}
		}
	});
	if (!ok) {
		for (const [, e] of staged) world.delete(e);
		const reason = err instanceof CodecError ? err.reason : tostring(err);
		countDrop(ctx.stats, "malformed update");
		warn(`Skyrocket: dropped a malformed update packet from the server: ${reason}`);
		return false;
	}

	ctx.applying = true;
	for (const [h, e] of staged) {
		ctx.entities.set(h, e);
		ctx.handles.set(e, h);
		world.set(e, ServerHandle, h);
		world.add(e, FromServer);
		// relations that waited for this entity
		const waiting = ctx.pendingPairs.get(h);
		if (waiting) {
			ctx.pendingPairs.delete(h);
			for (const [source, relation] of waiting) {
				if (world.contains(source) && ctx.handles.has(source)) world.add(source, jecs.pair(relation, e));
			}
		}
	}
	for (const [action, e, info, value, extra] of records) {
		if (action === Action.Despawn || action === Action.Hide) {
			removeEntity(ctx, e, extra, action === Action.Hide);
			continue;
		}
		if (!world.contains(e)) continue;
		const id = info!.id;
		if (action === Action.Set) {
			let auth = ctx.authoritative.get(e);
			if (auth === undefined) {
				auth = new Map();
				ctx.authoritative.set(e, auth);
			}
			auth.set(info!.wireId, stored(value));
			world.set(e, id as Entity<unknown>, value);
			for (const hook of ctx.onValue) hook(e, info!, value, tick);
			if (info!.unreliable) {
				// the reliable value restarts the entity's mutation stream
				const idx = ctx.serverUnreliable.indexOf(info!);
				const lanes = laneBaselines(ctx);
				if (lanes !== undefined) {
					// baselines as step counts (see laneBaselines): the decoded value always loads
					const state: unknown[] = [];
					lanes.load(value, state, 0);
					ctx.spawnState.set(e, state);
				} else {
					let state = ctx.spawnState.get(e);
					if (state === undefined) {
						state = [];
						ctx.spawnState.set(e, state);
					}
					state[idx] = value;
				}
				ctx.resetTick.set(e, tick);
				ctx.latestTick.delete(e);
			}
		} else if (action === Action.Remove) {
			ctx.authoritative.get(e)?.delete(info!.wireId);
			world.remove(e, id);
			if (info!.unreliable) {
				if (laneBaselines(ctx) !== undefined) ctx.spawnState.delete(e);
				else {
					const state = ctx.spawnState.get(e);
					if (state) state[ctx.serverUnreliable.indexOf(info!)] = undefined;
				}
				ctx.resetTick.set(e, tick);
			}
		} else if (action === Action.Tag) {
			authOf(ctx, e).set(info!.wireId, true);
			world.add(e, id);
		} else if (action === Action.Untag) {
			ctx.authoritative.get(e)?.delete(info!.wireId);
			world.remove(e, id);
		} else if (action === Action.Pair) {
			let held = ctx.pairs.get(e);
			if (held === undefined) {
				held = [];
				ctx.pairs.set(e, held);
			}
			held.push([id, extra]);
			const target = ctx.entities.get(extra);
			if (target !== undefined && world.contains(target)) {
				world.add(e, jecs.pair(id, target));
			} else {
				let list = ctx.pendingPairs.get(extra);
				if (list === undefined) {
					list = [];
					ctx.pendingPairs.set(extra, list);
				}
				list.push([e, id]);
			}
		} else if (action === Action.Unpair) {
			const held = ctx.pairs.get(e);
			if (held)
				ctx.pairs.set(
					e,
					held.filter(([rel, t]) => !(rel === id && t === extra)),
				);
			const target = ctx.entities.get(extra);
			if (target !== undefined) world.remove(e, jecs.pair(id, target));
			const list = ctx.pendingPairs.get(extra);
			if (list)
				ctx.pendingPairs.set(
					extra,
					list.filter(([s, rel]) => !(s === e && rel === id)),
				);
		}
	}
	ctx.applying = false;
	for (const apply of effects) apply();
	return true;
}

/**
 * Removes an entity that was despawned on the server, or that left this
 * client's view (hidden). Relations that other entities hold to a hidden one
 * wait for its return; its children are detached first so ChildOf's cascade
 * does not delete entities the server still shows.
 */
function removeEntity(ctx: ClientContext, e: Entity, handle: number, hidden: boolean) {
	const world = ctx.world;
	if (world.contains(e)) {
		for (const info of ctx.registry.list) {
			if (info.kind !== WireKind.Relation) continue;
			const holders: Entity[] = [];
			for (const holder of world.each(jecs.pair(info.id, e))) holders.push(holder);
			for (const holder of holders) {
				if (info.id === jecs.ChildOf) world.remove(holder, jecs.pair(jecs.ChildOf, e));
				if (hidden && ctx.handles.has(holder)) {
					let list = ctx.pendingPairs.get(handle);
					if (list === undefined) list = [];
					list.push([holder, info.id]);
					ctx.pendingPairs.set(handle, list);
				}
			}
		}
	}
	const pending = hidden ? ctx.pendingPairs.get(handle) : undefined;
	forget(ctx, e, handle);
	if (pending) ctx.pendingPairs.set(handle, pending);
	if (world.contains(e)) world.delete(e);
}

/** Forgets everything the client kept about a despawned entity. */
export function forget(ctx: ClientContext, e: Entity, handle: number) {
	ctx.entities.delete(handle);
	ctx.handles.delete(e);
	ctx.authoritative.delete(e);
	ctx.tampered.delete(e);
	ctx.spawnState.delete(e);
	ctx.resetTick.delete(e);
	ctx.latestTick.delete(e);
	ctx.pendingPairs.delete(handle);
	ctx.pairs.delete(e);
}

/** The last server values of an entity (created on first use). */
function authOf(ctx: ClientContext, e: Entity): Map<number, unknown> {
	let auth = ctx.authoritative.get(e);
	if (auth === undefined) {
		auth = new Map();
		ctx.authoritative.set(e, auth);
	}
	return auth;
}
