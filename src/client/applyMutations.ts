/**
 * Client: decodes one unreliable mutation packet against the baselines the
 * server used (values of a past tick that this client received and
 * acknowledged, or the entity's reliable spawn state), then applies each
 * entity's values if they are newer than what that entity shows. A packet
 * that cannot be decoded completely is dropped whole and not acknowledged, so
 * the server resends its values.
 */
import { Entity } from "@rbxts/jecs";
import { CodecError, Reader, readVarUint, StructCodec } from "../codec";
import { ClientContext } from "./context";

/** Ticks of received values kept as possible baselines (the server stays well inside this window). */
export const RECEIVED_WINDOW = 128;
/** Packet seqs remembered for acknowledgement. */
const SEQ_WINDOW = 64;
const EMPTY: unknown[] = [];

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
	const decoded = new Map<Entity, unknown[]>();
	const order: Entity[] = [];
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
			const e = ctx.entities.get(handle);
			if (e === undefined) throw new CodecError(`mutation for unknown handle ${handle}`);
			const base = absolute ? EMPTY : spawn ? ctx.spawnState.get(e) : baseMap!.get(e);
			if (base === undefined) throw new CodecError(`no baseline for handle ${handle} at ${spawn ? "spawn" : baseTick}`);
			const values = table.clone(base);
			if (single !== undefined) {
				values[0] = absolute || base[0] === undefined ? single.read(r, ctx.codecContext) : single.readMasked(r, base[0], mask, ctx.codecContext);
				if (!decoded.has(e)) order.push(e);
				decoded.set(e, values);
				continue;
			}
			let bit = 1;
			for (let i = 0; i < u; i++) {
				if (mask % (bit * 2) >= bit) {
					const codec = infos[i].codec!;
					const bv = base[i];
					values[i] = !absolute && bv !== undefined && codec.readDelta ? codec.readDelta(r, bv, ctx.codecContext) : codec.read(r, ctx.codecContext);
				}
				bit *= 2;
			}
			if (!decoded.has(e)) order.push(e);
			decoded.set(e, values);
		}
	}
	// fully decoded: keep as baselines (by tick) and acknowledge the packet
	let byTick = ctx.received.get(tick);
	if (byTick === undefined) {
		byTick = new Map();
		ctx.received.set(tick, byTick);
	}
	for (const [e, values] of decoded) byTick.set(e, values);
	if (tick > ctx.newestTick) {
		for (let old = math.max(ctx.newestTick - RECEIVED_WINDOW + 1, 0); old <= tick - RECEIVED_WINDOW; old++) ctx.received.delete(old);
		ctx.newestTick = tick;
	}
	ctx.receivedSeqs.add(seq);
	ctx.receivedSeqs.delete(seq - SEQ_WINDOW);
	const world = ctx.world;
	ctx.applying = true;
	for (const e of order) {
		const reset = ctx.resetTick.get(e);
		if (reset !== undefined && tick < reset) continue;
		const latest = ctx.latestTick.get(e);
		if (latest !== undefined && latest > tick) continue;
		ctx.latestTick.set(e, tick);
		const values = decoded.get(e)!;
		let auth = ctx.authoritative.get(e);
		if (auth === undefined) {
			auth = new Map();
			ctx.authoritative.set(e, auth);
		}
		for (let i = 0; i < u; i++) {
			const v = values[i];
			if (v === undefined) continue;
			const info = infos[i];
			if (auth.get(info.wireId) === v) continue;
			auth.set(info.wireId, v);
			if (world.contains(e)) {
				world.set(e, info.id as Entity<unknown>, v);
				for (const hook of ctx.onValue) hook(e, info, v, tick);
			}
		}
	}
	ctx.applying = false;
	if (seq > ctx.newestSeq) ctx.newestSeq = seq;
	ctx.ackOwed = true;
	return true;
}
