/**
 * Client: decodes one unreliable mutation packet against the baselines the
 * server used (values of a past tick that this client received and
 * acknowledged, or the entity's reliable spawn state), then applies each
 * entity's values if they are newer than what that entity shows. A packet
 * that cannot be decoded completely is dropped whole and not acknowledged, so
 * the server resends its values.
 *
 * Hot path: decoded records go into reused parallel arrays (no table per
 * record but the values array each baseline needs); with one unreliable
 * component its value is decoded straight from the baseline's.
 */
import { Entity } from "@rbxts/jecs";
import { CodecError, Lanes, Reader, readVarUint, StructCodec } from "../codec";
import { ClientContext } from "./context";

/**
 * The lane form the client keeps baselines in, when the server replicates one
 * unreliable component whose lanes can be read (an integer-lane struct, e.g.
 * a quantized position and an angle): baselines are then plain step counts,
 * and a delta is added to them instead of re-quantizing the base value.
 */
export function laneBaselines(ctx: ClientContext): Lanes | undefined {
	const infos = ctx.serverUnreliable;
	if (infos.size() !== 1) return undefined;
	const lanes = infos[0].codec!.lanes;
	return lanes !== undefined && lanes.readChanged !== undefined && lanes.readWhole !== undefined ? lanes : undefined;
}

/** Ticks of received values kept as possible baselines (the server stays well inside this window). */
export const RECEIVED_WINDOW = 128;
/** Packet seqs remembered for acknowledgement. */
const SEQ_WINDOW = 64;
const EMPTY: unknown[] = [];

/**
 * Drops the values of tick `old` (out of the window: the server no longer uses
 * them as baselines). Its map is kept for a new tick and, with lane baselines,
 * its arrays for new records: nothing else holds them (values applied to the
 * world are built from them, never them).
 */
function retire(ctx: ClientContext, old: number, laneArrays: boolean) {
	const byTick = ctx.received.get(old);
	if (byTick === undefined) return;
	ctx.received.delete(old);
	if (laneArrays) for (const [, values] of byTick) ctx.spareLanes.push(values);
	byTick.clear();
	ctx.spareTicks.push(byTick);
}

export function applyMutations(ctx: ClientContext, r: Reader): boolean {
	const seq = readVarUint(r);
	const tick = readVarUint(r);
	if (seq === 0) throw new CodecError("mutation seq 0");
	if (ctx.receivedSeqs.has(seq)) return true; // a duplicate: already applied
	const infos = ctx.serverUnreliable;
	const u = infos.size();
	// the record head's mask: components (several) or the fields of the one struct component
	const struct = u === 1 ? (infos[0].codec as StructCodec<unknown>) : undefined;
	const single = struct !== undefined && struct.readMasked !== undefined ? struct : undefined;
	const headBits = single !== undefined ? single.fieldCount : u === 1 ? 0 : u;
	const pow = 2 ** headBits;
	const entities = ctx.entities;
	const codecContext = ctx.codecContext;
	const decodedEntities = ctx.decodedEntities;
	const decodedValues = ctx.decodedValues;
	const lanes = laneBaselines(ctx);
	const spareLanes = ctx.spareLanes;
	decodedEntities.clear();
	decodedValues.clear();
	let count = 0;
	while (r.p < r.n) {
		// 0: values whole; 1: against the spawn state; k: against the values of tick - k + 1
		const group = readVarUint(r);
		const absolute = group === 0;
		const spawn = group === 1;
		const baseTick = tick - group + 1;
		if (!absolute && !spawn && baseTick < 0) throw new CodecError(`baseline tick ${baseTick}`);
		const baseMap = absolute || spawn ? undefined : ctx.received.get(baseTick);
		if (!absolute && !spawn && baseMap === undefined) throw new CodecError(`values of tick ${baseTick} are not known`);
		let handle = 0;
		for (;;) {
			const head = readVarUint(r);
			if (head === 0) break;
			let delta = head;
			let mask = 1;
			if (headBits > 0) {
				mask = head % pow;
				delta = (head - mask) / pow;
				if (delta === 0) throw new CodecError("mutation record without an entity");
			}
			handle += delta;
			const e = entities.get(handle);
			if (e === undefined) throw new CodecError(`mutation for unknown handle ${handle}`);
			const base = absolute ? EMPTY : spawn ? ctx.spawnState.get(e) : baseMap!.get(e);
			if (base === undefined) throw new CodecError(`no baseline for handle ${handle} at ${spawn ? "spawn" : baseTick}`);
			let values: unknown[];
			if (lanes !== undefined) {
				// baselines and records as step counts: the value is built once, to apply it; every lane is
				// written below, so an array of a tick that left the window serves
				values = spareLanes.pop() ?? [];
				if (absolute) lanes.readWhole!(r, values, 0);
				else lanes.readChanged!(r, base, 0, values, 0, mask);
			} else if (single !== undefined) {
				const b = base[0];
				values = [absolute || b === undefined ? single.read(r, codecContext) : single.readMasked(r, b, mask, codecContext)];
			} else {
				values = table.clone(base);
				let bit = 1;
				for (let i = 0; i < u; i++) {
					if (mask % (bit * 2) >= bit) {
						const codec = infos[i].codec!;
						const bv = base[i];
						values[i] =
							!absolute && bv !== undefined && codec.readDelta
								? codec.readDelta(r, bv, codecContext)
								: codec.read(r, codecContext);
					}
					bit *= 2;
				}
			}
			decodedEntities[count] = e;
			decodedValues[count] = values;
			count += 1;
		}
	}
	// fully decoded: keep as baselines (by tick) and acknowledge the packet
	let byTick = ctx.received.get(tick);
	if (byTick === undefined) {
		byTick = ctx.spareTicks.pop() ?? new Map();
		ctx.received.set(tick, byTick);
	}
	for (let k = 0; k < count; k++) byTick.set(decodedEntities[k], decodedValues[k]);
	if (tick > ctx.newestTick) {
		for (let old = math.max(ctx.newestTick - RECEIVED_WINDOW + 1, 0); old <= tick - RECEIVED_WINDOW; old++)
			retire(ctx, old, lanes !== undefined);
		ctx.newestTick = tick;
	}
	ctx.receivedSeqs.add(seq);
	ctx.receivedSeqs.delete(seq - SEQ_WINDOW);
	const world = ctx.world;
	const hooks = ctx.onValue;
	const hooked = hooks.size() > 0;
	// every replicated entity here is alive unless one was deleted since the last step (listed in ctx.deleted)
	// or while applying (a game hook): only then is each one looked up
	const deletions = ctx.deletions;
	const checkAlive = hooked || ctx.deleted.size() > 0;
	// resets are rare (a reliable redefinition of an unreliable component): look them up only when there are some
	const resets = ctx.resetTick.isEmpty() ? undefined : ctx.resetTick;
	ctx.applying = true;
	if (lanes !== undefined) {
		// the one component kept as lanes (the common layout): its value is built here, only to apply it
		const info = infos[0];
		const wire = info.wireId;
		const id = info.id as Entity<unknown>;
		const latestTick = ctx.latestTick;
		const authoritative = ctx.authoritative;
		for (let k = 0; k < count; k++) {
			const e = decodedEntities[k];
			if (resets !== undefined) {
				const reset = resets.get(e);
				if (reset !== undefined && tick < reset) continue;
			}
			const latest = latestTick.get(e);
			if (latest !== undefined && latest > tick) continue;
			latestTick.set(e, tick);
			const v = lanes.value(decodedValues[k], 0);
			let auth = authoritative.get(e);
			if (auth === undefined) {
				auth = new Map();
				authoritative.set(e, auth);
			}
			auth.set(wire, v);
			if ((!checkAlive && ctx.deletions === deletions) || world.contains(e)) {
				world.set(e, id, v);
				if (hooked) for (const hook of hooks) hook(e, info, v, tick);
			}
		}
	} else applyValues(ctx, tick, count, checkAlive, deletions, resets);
	ctx.applying = false;
	decodedValues.clear();
	if (seq > ctx.newestSeq) ctx.newestSeq = seq;
	ctx.ackOwed = true;
	return true;
}

/**
 * Applies decoded records in the general layout (values per component, each
 * set when it differs from the authoritative one); the liveness and reset
 * state are applyMutations' own.
 */
function applyValues(
	ctx: ClientContext,
	tick: number,
	count: number,
	checkAlive: boolean,
	deletions: number,
	resets: Map<Entity, number> | undefined,
) {
	const world = ctx.world;
	const infos = ctx.serverUnreliable;
	const u = infos.size();
	const hooks = ctx.onValue;
	const hooked = hooks.size() > 0;
	const decodedEntities = ctx.decodedEntities;
	const decodedValues = ctx.decodedValues;
	for (let k = 0; k < count; k++) {
		const e = decodedEntities[k];
		const reset = resets?.get(e);
		if (reset !== undefined && tick < reset) continue;
		const latest = ctx.latestTick.get(e);
		if (latest !== undefined && latest > tick) continue;
		ctx.latestTick.set(e, tick);
		const values = decodedValues[k];
		let auth = ctx.authoritative.get(e);
		if (auth === undefined) {
			auth = new Map();
			ctx.authoritative.set(e, auth);
		}
		const alive = (!checkAlive && ctx.deletions === deletions) || world.contains(e);
		for (let i = 0; i < u; i++) {
			const v = values[i];
			if (v === undefined) continue;
			const info = infos[i];
			if (auth.get(info.wireId) === v) continue;
			auth.set(info.wireId, v);
			if (alive) {
				world.set(e, info.id as Entity<unknown>, v);
				if (hooked) for (const hook of hooks) hook(e, info, v, tick);
			}
		}
	}
}
