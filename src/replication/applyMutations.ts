/**
 * Client: decodes one unreliable mutation packet against the baselines the
 * server used (a packet this client received and acknowledged, or the
 * entity's reliable spawn state), then applies each entity's values if the
 * packet is newer than the last one applied to that entity. A packet that
 * cannot be decoded completely is dropped whole and not acknowledged, so the
 * server resends its values.
 */
import { Entity } from "@rbxts/jecs";
import { CodecError, Reader, readVarUint } from "../codec";
import { ClientContext } from "./clientContext";

/** Received packets kept as possible baselines (the server stays well inside this window). */
export const RECEIVED_WINDOW = 128;
const EMPTY: unknown[] = [];

export function applyMutations(ctx: ClientContext, r: Reader): boolean {
	const seq = readVarUint(r);
	const tick = readVarUint(r);
	if (seq === 0) throw new CodecError("mutation seq 0");
	if (ctx.received.has(seq)) return true; // a duplicate: already applied
	const infos = ctx.serverUnreliable;
	const u = infos.size();
	const pow = 2 ** u;
	const decoded = new Map<Entity, unknown[]>();
	const order: Entity[] = [];
	while (r.p < r.n) {
		const back = readVarUint(r);
		if (back > seq) throw new CodecError(`baseline ${back} packets back from seq ${seq}`);
		// 0: values are whole (no baseline); otherwise the baseline is packet seq - back (0 = spawn state)
		const absolute = back === 0;
		const baseSeq = seq - back;
		const baseMap = absolute || baseSeq === 0 ? undefined : ctx.received.get(baseSeq);
		if (!absolute && baseSeq !== 0 && baseMap === undefined) throw new CodecError(`baseline packet ${baseSeq} is not known`);
		let handle = 0;
		for (;;) {
			const head = readVarUint(r);
			if (head === 0) break;
			let delta = head;
			let mask = 1;
			if (u > 1) {
				mask = head % pow;
				delta = (head - mask) / pow;
				if (mask === 0 || delta === 0) throw new CodecError("empty mutation record");
			}
			handle += delta;
			const e = ctx.entities.get(handle);
			if (e === undefined) throw new CodecError(`mutation for unknown handle ${handle}`);
			const base = absolute ? EMPTY : baseSeq === 0 ? ctx.spawnState.get(e) : baseMap!.get(e);
			if (base === undefined) throw new CodecError(`no baseline for handle ${handle} at ${baseSeq}`);
			const values = table.clone(base);
			let bit = 1;
			for (let i = 0; i < u; i++) {
				if (mask % (bit * 2) >= bit) {
					const codec = infos[i].codec!;
					const bv = base[i];
					values[i] = bv !== undefined && codec.readDelta ? codec.readDelta(r, bv, ctx.codecContext) : codec.read(r, ctx.codecContext);
				}
				bit *= 2;
			}
			if (!decoded.has(e)) order.push(e);
			decoded.set(e, values);
		}
	}
	// fully decoded: keep as a baseline, apply what is newer
	ctx.received.set(seq, decoded);
	if (seq > ctx.newestSeq) {
		for (let old = math.max(ctx.newestSeq - RECEIVED_WINDOW + 1, 1); old <= seq - RECEIVED_WINDOW; old++) ctx.received.delete(old);
	}
	const world = ctx.world;
	ctx.applying = true;
	for (const e of order) {
		const reset = ctx.resetTick.get(e);
		if (reset !== undefined && tick < reset) continue;
		const latest = ctx.latestSeq.get(e);
		if (latest !== undefined && latest > seq) continue;
		ctx.latestSeq.set(e, seq);
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
