/**
 * Encoders of reliable replication records (see wire/protocol.ts). Pure:
 * they only write bytes; deciding who receives them is the systems' job.
 */
import { CodecContext, Writer, writeU8, writeVarUint } from "../codec";
import { Registry } from "../core/registry";
import { Op } from "../wire/protocol";
import { beginFrame, endFrame } from "../wire/frames";
import { EntityChange, TrackedEntity, UNRELIABLE, unstored } from "./tracked";
import type { MutationStore } from "./mutationStore";

/** SPAWN: declares a new handle. All spawns of a packet come first, so any state may refer to them. */
export function writeSpawn(w: Writer, handle: number) {
	writeU8(w, Op.Spawn);
	writeVarUint(w, handle);
}

/** The entity's whole replicated state (after its SPAWN). */
export function writeFullState(w: Writer, registry: Registry, store: MutationStore, t: TrackedEntity, ctx: CodecContext) {
	writeU8(w, Op.Entity);
	writeVarUint(w, t.handle);
	for (const [wire, value] of t.values) {
		writeU8(w, Op.Set);
		writeVarUint(w, wire);
		const info = registry.byWire[wire - 1];
		const frame = beginFrame(w, info.size);
		if (value === UNRELIABLE) store.write(w, t.handle, info.unreliableIndex - 1, ctx);
		else info.codec!.write(w, unstored(value), ctx);
		endFrame(w, frame);
	}
	for (const wire of t.tags) {
		writeU8(w, Op.Tag);
		writeVarUint(w, wire);
	}
	for (const [, pair] of t.pairs) {
		const target = ctx.toHandle(pair[1]);
		if (target === 0) continue;
		writeU8(w, Op.Pair);
		writeVarUint(w, pair[0]);
		writeVarUint(w, target);
	}
}

/** The reliable part of a change to an entity the receiver already has. */
export function writeChange(w: Writer, registry: Registry, store: MutationStore, c: EntityChange, ctx: CodecContext) {
	const t = c.tracked;
	writeU8(w, Op.Entity);
	writeVarUint(w, t.handle);
	for (const wire of c.inserted) {
		writeU8(w, Op.Set);
		writeVarUint(w, wire);
		const info = registry.byWire[wire - 1];
		const frame = beginFrame(w, info.size);
		if (info.unreliable) store.write(w, t.handle, info.unreliableIndex - 1, ctx);
		else info.codec!.write(w, unstored(t.values.get(wire)), ctx);
		endFrame(w, frame);
	}
	for (const wire of c.changed) {
		const info = registry.byWire[wire - 1];
		const codec = info.codec!;
		if (codec.writeDelta) {
			writeU8(w, Op.Patch);
			writeVarUint(w, wire);
			const frame = beginFrame(w, info.size);
			codec.writeDelta(w, unstored(c.previous.get(wire)), unstored(t.values.get(wire)), ctx);
			endFrame(w, frame);
		} else {
			writeU8(w, Op.Set);
			writeVarUint(w, wire);
			const frame = beginFrame(w, info.size);
			codec.write(w, unstored(t.values.get(wire)), ctx);
			endFrame(w, frame);
		}
	}
	for (const wire of c.removed) {
		writeU8(w, Op.Remove);
		writeVarUint(w, wire);
	}
	for (const wire of c.tagsAdded) {
		writeU8(w, Op.Tag);
		writeVarUint(w, wire);
	}
	for (const wire of c.tagsRemoved) {
		writeU8(w, Op.Untag);
		writeVarUint(w, wire);
	}
	for (const [wire, target] of c.pairsAdded) {
		const h = ctx.toHandle(target);
		if (h === 0) continue;
		writeU8(w, Op.Pair);
		writeVarUint(w, wire);
		writeVarUint(w, h);
	}
	for (const [wire, target] of c.pairsRemoved) {
		const h = ctx.toHandle(target);
		if (h === 0) continue;
		writeU8(w, Op.Unpair);
		writeVarUint(w, wire);
		writeVarUint(w, h);
	}
}

export function writeDespawn(w: Writer, handle: number) {
	writeU8(w, Op.Despawn);
	writeVarUint(w, handle);
}

/** HIDE: the entity left the receiver's view but still exists (relations to it wait for its return). */
export function writeHide(w: Writer, handle: number) {
	writeU8(w, Op.Hide);
	writeVarUint(w, handle);
}

/** Re-sends reliable components whose entity references point at `target` (which just appeared). */
export function writeReferences(w: Writer, registry: Registry, source: TrackedEntity, wires: Set<number>, ctx: CodecContext) {
	writeU8(w, Op.Entity);
	writeVarUint(w, source.handle);
	for (const wire of wires) {
		if (!source.values.has(wire)) continue;
		writeU8(w, Op.Set);
		writeVarUint(w, wire);
		const info = registry.byWire[wire - 1];
		const frame = beginFrame(w, info.size);
		info.codec!.write(w, unstored(source.values.get(wire)), ctx);
		endFrame(w, frame);
	}
}
