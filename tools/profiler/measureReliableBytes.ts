/**
 * Profiler, before the encode phase (server): attributes this step's reliable
 * replication bytes to components, tags and relations. Each record the
 * encoder will write (Set / Patch / Remove / Tag / Untag / Pair / Unpair and
 * the full state of entities entering a client's view) is sized with the same
 * codecs and counted once per client that receives it. Entity and packet
 * headers are overhead, not attributed. Runs only while a profiler measures
 * components; also notes each client's next mutation seq for
 * measureMutationBytes.
 */
import { Entity } from "@rbxts/jecs";
import { CodecContext, newWriter, resetWriter, varUintSize, Writer } from "../../src/codec";
import { ServerContext } from "../../src/server/context";
import { hasReliableChange, TrackedEntity, UNRELIABLE, unstored } from "../../src/server/tracked";
import { ComponentTally, tallyComponent } from "./tally";

export function measureReliableBytes(ctx: ServerContext, tally: ComponentTally) {
	const registry = ctx.registry;
	const scratch: Writer = newWriter(256);
	const codecContext: CodecContext = ctx.codecContext;
	// full-state sizes of entities entering someone's view this step: [wire, bytes] pairs
	const fullStates = new Map<Entity, [number, number][]>();
	const entering = new Set<Entity>();

	/** Bytes of a Set or Patch record whose value took `bytes` (op, wire id, frame length unless fixed-size, value). */
	const recordSize = (wire: number, bytes: number): number => {
		const info = registry.byWire[wire - 1];
		return 1 + varUintSize(wire) + (info.size === 0 ? varUintSize(bytes) : 0) + bytes;
	};

	const setSize = (wire: number, value: unknown, handle: number): number => {
		resetWriter(scratch);
		const info = registry.byWire[wire - 1];
		if (value === UNRELIABLE) ctx.mutations.write(scratch, handle, info.unreliableIndex - 1, codecContext);
		else info.codec!.write(scratch, unstored(value), codecContext);
		return recordSize(wire, scratch.p);
	};

	const fullState = (t: TrackedEntity): [number, number][] => {
		let sizes = fullStates.get(t.entity);
		if (sizes !== undefined) return sizes;
		sizes = [];
		for (const [wire, value] of t.values) sizes.push([wire, setSize(wire, value, t.handle)]);
		for (const wire of t.tags) sizes.push([wire, 1 + varUintSize(wire)]);
		for (const [, pair] of t.pairs) {
			const target = codecContext.toHandle(pair[1]);
			if (target !== 0) sizes.push([pair[0], 1 + varUintSize(pair[0]) + varUintSize(target)]);
		}
		fullStates.set(t.entity, sizes);
		return sizes;
	};

	return () => {
		for (const c of ctx.changes) {
			if (c.despawned || c.spawned || !hasReliableChange(c)) continue;
			const e = c.tracked.entity;
			let copies = 0;
			for (const conn of ctx.connections) if (conn.ready && conn.known.has(e)) copies += 1;
			if (copies === 0) continue;
			const t = c.tracked;
			for (const wire of c.inserted) tallyComponent(tally, wire, setSize(wire, t.values.get(wire), t.handle), copies);
			for (const wire of c.changed) {
				const codec = registry.byWire[wire - 1].codec!;
				if (codec.writeDelta) {
					resetWriter(scratch);
					codec.writeDelta(scratch, unstored(c.previous.get(wire)), unstored(t.values.get(wire)), codecContext);
					tallyComponent(tally, wire, recordSize(wire, scratch.p), copies);
				} else {
					tallyComponent(tally, wire, setSize(wire, t.values.get(wire), t.handle), copies);
				}
			}
			for (const wire of c.removed) tallyComponent(tally, wire, 1 + varUintSize(wire), copies);
			for (const wire of c.tagsAdded) tallyComponent(tally, wire, 1 + varUintSize(wire), copies);
			for (const wire of c.tagsRemoved) tallyComponent(tally, wire, 1 + varUintSize(wire), copies);
			for (const list of [c.pairsAdded, c.pairsRemoved]) {
				for (const [wire, target] of list) {
					const h = codecContext.toHandle(target);
					if (h !== 0) tallyComponent(tally, wire, 1 + varUintSize(wire) + varUintSize(h), copies);
				}
			}
		}
		fullStates.clear();
		for (const conn of ctx.connections) {
			if (!conn.ready || conn.entering.size() === 0) continue;
			entering.clear();
			for (const e of conn.entering) {
				if (conn.known.has(e) || entering.has(e)) continue;
				entering.add(e);
				const t = ctx.tracked.get(e);
				if (t === undefined) continue;
				for (const [wire, bytes] of fullState(t)) tallyComponent(tally, wire, bytes, 1);
			}
		}
	};
}
