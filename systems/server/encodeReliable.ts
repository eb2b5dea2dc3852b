/**
 * Encode phase, reliable stream: one buffer per client per step holding the
 * schema (first time), spawns of entities entering its view with their full
 * state, despawns, the reliable part of every change to entities it has, and
 * its queued events. A change or spawn is encoded once and its bytes copied
 * into every client's buffer that needs it.
 */
import { Entity } from "@rbxts/jecs";
import { newWriter, resetWriter, toBuffer, Writer, writeString, writeU8, writeVarUint, writeBytes } from "../../src/codec";
import { ServerContext } from "../../src/server/context";
import { newBase } from "../../src/server/connection";
import { writeChange, writeDespawn, writeFullState, writeHide, writeReferences, writeSpawn } from "../../src/server/records";
import { hasReliableChange } from "../../src/server/tracked";
import { Op, PacketKind } from "../../src/wire/protocol";

export function encodeReliable(ctx: ServerContext) {
	const shared = newWriter(1024);
	const spawnCache = newWriter(1024);
	// per step: where each entity's change / full state sits in the shared writers
	const changeStart = new Map<Entity, number>();
	const changeEnd = new Map<Entity, number>();
	const spawnStart = new Map<Entity, number>();
	const spawnEnd = new Map<Entity, number>();
	const despawned: [Entity, number][] = [];
	const enteringSet = new Set<Entity>();

	const writeSchema = (w: Writer) => {
		const list = ctx.registry.list;
		writeU8(w, Op.Schema);
		writeVarUint(w, list.size());
		for (const info of list) {
			writeString(w, info.name);
			writeU8(w, info.kind + (info.unreliable ? 16 : 0));
			writeString(w, info.codec ? info.codec.name : "");
		}
		const events = ctx.events.list;
		writeVarUint(w, events.size());
		for (const ev of events) {
			writeString(w, ev.name);
			const direction = ev.from === "client" ? 0 : ev.from === "server" ? 1 : 2;
			writeU8(w, (ev.reliable ? 1 : 0) + direction * 2 + (ev.response ? 8 : 0));
			writeString(w, ev.codec.name);
			writeString(w, ev.response ? ev.response.name : "");
		}
	};

	const fullState = (e: Entity): boolean => {
		if (!spawnStart.has(e)) {
			const t = ctx.tracked.get(e);
			if (t === undefined) return false;
			spawnStart.set(e, spawnCache.p);
			writeFullState(spawnCache, ctx.registry, t, ctx.codecContext);
			spawnEnd.set(e, spawnCache.p);
		}
		return true;
	};

	return () => {
		resetWriter(shared);
		resetWriter(spawnCache);
		changeStart.clear();
		changeEnd.clear();
		spawnStart.clear();
		spawnEnd.clear();
		despawned.clear();
		for (const c of ctx.changes) {
			const e = c.tracked.entity;
			if (c.despawned) {
				despawned.push([e, c.tracked.handle]);
			} else if (!c.spawned && hasReliableChange(c)) {
				changeStart.set(e, shared.p);
				writeChange(shared, ctx.registry, c, ctx.codecContext);
				changeEnd.set(e, shared.p);
			}
		}
		for (const conn of ctx.connections) {
			if (!conn.ready) continue;
			const w = conn.reliable;
			resetWriter(w);
			writeU8(w, PacketKind.Updates);
			writeVarUint(w, ctx.tick);
			const header = w.p;
			if (!conn.schemaSent) {
				writeSchema(w);
				conn.schemaSent = true;
			}
			// spawns first: every state below may refer to an entity entering now
			const entering: Entity[] = [];
			enteringSet.clear();
			for (const e of conn.entering) {
				if (conn.known.has(e) || enteringSet.has(e) || !fullState(e)) continue;
				enteringSet.add(e);
				entering.push(e);
				writeSpawn(w, ctx.tracked.get(e)!.handle);
			}
			for (const e of conn.leaving) {
				const t = ctx.tracked.get(e);
				if (t && conn.known.has(e)) {
					writeHide(w, t.handle);
					conn.known.delete(e);
					conn.bases.delete(e);
					conn.mutPending.delete(e);
				}
			}
			for (const [e, handle] of despawned) {
				if (conn.known.has(e)) {
					writeDespawn(w, handle);
					conn.known.delete(e);
					conn.bases.delete(e);
					conn.mutPending.delete(e);
				}
			}
			for (const [e, start] of changeStart) {
				if (conn.known.has(e)) {
					writeBytes(w, shared.b, start, changeEnd.get(e)! - start);
					conn.stats.entitiesSent += 1;
				}
			}
			for (const e of entering) {
				const start = spawnStart.get(e)!;
				writeBytes(w, spawnCache.b, start, spawnEnd.get(e)! - start);
				conn.known.add(e);
				conn.stats.entitiesSent += 1;
				const t = ctx.tracked.get(e)!;
				if (t.hasMut) {
					// the spawn carries the unreliable values: that is the client's first baseline
					conn.bases.set(e, newBase(table.clone(t.mut), t.mutVersion, ctx.tick));
				}
			}
			// values of known entities that refer to an entity appearing now can resolve at last
			for (const target of entering) {
				const sources = ctx.refsTo.get(target);
				if (sources === undefined) continue;
				for (const [source, wires] of sources) {
					const st = ctx.tracked.get(source);
					if (st && conn.known.has(source) && !enteringSet.has(source)) writeReferences(w, ctx.registry, st, wires, ctx.codecContext);
				}
			}
			conn.entering = [];
			conn.leaving = [];
			// mutation state restarts when unreliable components are inserted/removed
			for (const c of ctx.changes) {
				if (c.mutReset && !c.spawned && !c.despawned && conn.known.has(c.tracked.entity)) {
					const t = c.tracked;
					if (t.hasMut) {
						conn.bases.set(t.entity, newBase(table.clone(t.mut), t.mutVersion, ctx.tick));
					} else {
						conn.bases.delete(t.entity);
					}
					conn.mutPending.delete(t.entity);
				}
			}
			if (conn.pendingEvents.p > 0) {
				writeBytes(w, conn.pendingEvents.b, 0, conn.pendingEvents.p);
				resetWriter(conn.pendingEvents);
			}
			if (w.p > header) conn.reliableQueue.push(toBuffer(w));
		}
	};
}
