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

/**
 * SET: a whole value of component `wire` of handle `handle` (`value`, or the
 * mutation store's when UNRELIABLE), framed unless its codec's size is fixed
 * (see wire/frames.ts), so a client that does not declare it skips it.
 */
function writeSet(
	w: Writer,
	registry: Registry,
	store: MutationStore | undefined,
	handle: number,
	wire: number,
	value: unknown,
	ctx: CodecContext,
) {
	writeU8(w, Op.Set);
	writeVarUint(w, wire);
	const info = registry.byWire[wire - 1];
	const frame = beginFrame(w, info.size);
	if (value === UNRELIABLE) store!.write(w, handle, info.unreliableIndex - 1, ctx);
	else info.codec!.write(w, unstored(value), ctx);
	endFrame(w, frame);
}

/** SPAWN: declares a new handle. All spawns of a packet come first, so any state may refer to them. */
export function writeSpawn(w: Writer, handle: number) {
	writeU8(w, Op.Spawn);
	writeVarUint(w, handle);
}

/** The entity's whole replicated state (after its SPAWN). */
export function writeFullState(w: Writer, registry: Registry, store: MutationStore, t: TrackedEntity, ctx: CodecContext) {
	writeU8(w, Op.Entity);
	writeVarUint(w, t.handle);
	for (const [wire, value] of t.values) writeSet(w, registry, store, t.handle, wire, value, ctx);
	writeTagsAndPairs(w, t, ctx);
}

/**
 * With interest groups (core/groups.ts), records are written in parts so each
 * client gets only the groups it subscribes to: part 0 is everything outside
 * interest groups (tags and pairs included), part k the components of the
 * interest group of bit k. These write a part's ops without the entity header.
 */
function inPart(registry: Registry, wire: number, part: number): boolean {
	return registry.byWire[wire - 1].interest === part;
}

/** The Set ops of `t`'s values in `part` (whole values; no header). */
export function writeValuesPart(w: Writer, registry: Registry, store: MutationStore, t: TrackedEntity, ctx: CodecContext, part: number) {
	for (const [wire, value] of t.values) if (inPart(registry, wire, part)) writeSet(w, registry, store, t.handle, wire, value, ctx);
}

/** The entity's full state outside interest groups: header, values, tags, pairs (see writeFullState). */
export function writeFullStateBase(w: Writer, registry: Registry, store: MutationStore, t: TrackedEntity, ctx: CodecContext) {
	writeU8(w, Op.Entity);
	writeVarUint(w, t.handle);
	writeValuesPart(w, registry, store, t, ctx, 0);
	writeTagsAndPairs(w, t, ctx);
}

function writeTagsAndPairs(w: Writer, t: TrackedEntity, ctx: CodecContext) {
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

/** The ops of change `c` in `part` (no header; tags and pairs belong to part 0). */
export function writeChangePart(w: Writer, registry: Registry, store: MutationStore, c: EntityChange, ctx: CodecContext, part: number) {
	const t = c.tracked;
	for (const wire of c.inserted) if (inPart(registry, wire, part)) writeSet(w, registry, store, t.handle, wire, t.values.get(wire), ctx);
	for (const wire of c.changed) {
		if (!inPart(registry, wire, part)) continue;
		writeValueChange(w, registry, c, wire, ctx);
	}
	for (const wire of c.removed) {
		if (!inPart(registry, wire, part)) continue;
		writeU8(w, Op.Remove);
		writeVarUint(w, wire);
	}
	if (part === 0) writeChangeTagsAndPairs(w, c, ctx);
}

/** A changed reliable value: a Patch against the previous value when the codec has deltas, else a Set; framed like a Set. */
function writeValueChange(w: Writer, registry: Registry, c: EntityChange, wire: number, ctx: CodecContext) {
	const info = registry.byWire[wire - 1];
	const codec = info.codec!;
	writeU8(w, codec.writeDelta ? Op.Patch : Op.Set);
	writeVarUint(w, wire);
	const frame = beginFrame(w, info.size);
	if (codec.writeDelta) codec.writeDelta(w, unstored(c.previous.get(wire)), unstored(c.tracked.values.get(wire)), ctx);
	else codec.write(w, unstored(c.tracked.values.get(wire)), ctx);
	endFrame(w, frame);
}

function writeChangeTagsAndPairs(w: Writer, c: EntityChange, ctx: CodecContext) {
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

/** The reliable part of a change to an entity the receiver already has. */
export function writeChange(w: Writer, registry: Registry, store: MutationStore, c: EntityChange, ctx: CodecContext) {
	const t = c.tracked;
	writeU8(w, Op.Entity);
	writeVarUint(w, t.handle);
	for (const wire of c.inserted) writeSet(w, registry, store, t.handle, wire, t.values.get(wire), ctx);
	for (const wire of c.changed) writeValueChange(w, registry, c, wire, ctx);
	for (const wire of c.removed) {
		writeU8(w, Op.Remove);
		writeVarUint(w, wire);
	}
	writeChangeTagsAndPairs(w, c, ctx);
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
export function writeReferences(
	w: Writer,
	registry: Registry,
	source: TrackedEntity,
	wires: Set<number>,
	ctx: CodecContext,
	allow?: (wire: number) => boolean,
) {
	writeU8(w, Op.Entity);
	writeVarUint(w, source.handle);
	for (const wire of wires) {
		if (!source.values.has(wire) || (allow !== undefined && !allow(wire))) continue;
		writeSet(w, registry, undefined, source.handle, wire, source.values.get(wire), ctx); // reliable values only
	}
}
