/**
 * Encode phase, reliable stream. Reads: this step's changes, each client's
 * entering/leaving lists, replication groups. Writes: each client's reliable
 * packet, the groups' known entities and spawn baselines.
 *
 * One buffer per client per step: the schema (first time), spawns of entities
 * entering its view with their full state, hides and despawns, the reliable
 * part of every change to entities it has, and its queued events. The part
 * about entities is built once per replication group (its members see the
 * same entities) and copied into each member's packet; a member whose view
 * changed differently from its group's splits off first. A change or spawn is
 * encoded once per step whatever the number of groups. With interest groups
 * (net.group with interest), records are encoded in parts and each block
 * copies the parts its members subscribe to (see interestParts.ts).
 */
import { Entity } from "@rbxts/jecs";
import { newWriter, resetWriter, toBuffer, Writer, writeU8, writeVarUint, writeBytes } from "../../src/codec";
import { ServerContext } from "../../src/server/context";
import { ConnectionState } from "../../src/server/connection";
import { ReplicationGroup } from "../../src/server/group";
import { writeChange, writeDespawn, writeFullState, writeHide, writeReferences, writeSpawn } from "../../src/server/records";
import { writeSchema } from "../../src/server/schema";
import { splitOff } from "../../src/server/regroup";
import { EntityChange, hasReliableChange } from "../../src/server/tracked";
import { PacketKind } from "../../src/wire/protocol";
import { InterestParts } from "../../src/server/interestParts";

/** Whether two members' view changes this step are the same (same lists, same order). */
function sameView(a: ConnectionState, b: ConnectionState): boolean {
	const ea = a.entering;
	const eb = b.entering;
	const la = a.leaving;
	const lb = b.leaving;
	if (ea.size() !== eb.size() || la.size() !== lb.size()) return false;
	// subscriptions (interest groups) decide which parts of each record a member gets
	if (a.interest !== b.interest || a.interestFresh !== b.interestFresh) return false;
	for (let i = 0; i < ea.size(); i++) if (ea[i] !== eb[i]) return false;
	for (let i = 0; i < la.size(); i++) if (la[i] !== lb[i]) return false;
	return true;
}

const NONE: readonly Entity[] = [];

export function encodeReliable(ctx: ServerContext) {
	const shared = newWriter(1024);
	const spawnCache = newWriter(1024);
	const block = newWriter(1024);
	// per step: where each entity's change / full state sits in the shared writers
	const changeStart = new Map<Entity, number>();
	const changeEnd = new Map<Entity, number>();
	const changed: Entity[] = [];
	/** This step's reliable changes per group that knows the entity (from the knowers index: no group x change loop). */
	const changedIn = new Map<ReplicationGroup<ConnectionState>, Entity[]>();
	const spareLists: Entity[][] = [];
	const spawnStart = new Map<Entity, number>();
	const spawnEnd = new Map<Entity, number>();
	const despawned: [Entity, number][] = [];
	/** This step's changes that restart an entity's mutation stream (listed once, not scanned per group). */
	const resets: EntityChange[] = [];
	const enteringSet = new Set<Entity>();
	const entering: Entity[] = [];
	/** Ids registered since the last step, announced at the start of every group's block. */
	const announce = newWriter(64);
	const parts = new InterestParts(ctx);
	/** Whether interest groups exist this step (else records are whole, as fast as without groups). */
	let partial = false;

	const fullState = (e: Entity): boolean => {
		if (!spawnStart.has(e)) {
			const t = ctx.tracked.get(e);
			if (t === undefined) return false;
			spawnStart.set(e, spawnCache.p);
			if (partial) spawnEnd.set(e, parts.encodeFullState(spawnCache, e, t));
			else {
				writeFullState(spawnCache, ctx.registry, ctx.mutations, t, ctx.codecContext);
				spawnEnd.set(e, spawnCache.p);
			}
		}
		return true;
	};

	/** Members whose view changed differently from the first member's leave for groups of their own. */
	const splitDiverging = (g: ReplicationGroup<ConnectionState>) => {
		const members = g.members;
		if (members.size() < 2) return;
		const lead = members[0];
		let others: ConnectionState[] | undefined;
		for (let i = 1; i < members.size(); i++) {
			if (sameView(lead, members[i])) continue;
			others ??= [];
			others.push(members[i]);
		}
		if (others === undefined) return;
		// each different view gets its own group (members with equal views stay together)
		while (others.size() > 0) {
			const first = others[0];
			const same: ConnectionState[] = [];
			const rest: ConnectionState[] = [];
			for (const m of others) (sameView(first, m) ? same : rest).push(m);
			ctx.groups.push(splitOff(g, same, ctx.mutations));
			others = rest;
		}
	};

	/** The part of the members' packets about entities; updates the group's known entities and baselines. */
	const encodeBlock = (g: ReplicationGroup<ConnectionState>, w: Writer) => {
		const lead = g.members[0];
		const tick = ctx.tick;
		const store = ctx.mutations;
		// spawns first: every state below may refer to an entity entering now
		entering.clear();
		enteringSet.clear();
		for (const e of lead.entering) {
			if (lead.known.has(e) || enteringSet.has(e) || !fullState(e)) continue;
			enteringSet.add(e);
			entering.push(e);
			writeSpawn(w, ctx.tracked.get(e)!.handle);
		}
		for (const e of lead.leaving) {
			const t = ctx.tracked.get(e);
			if (t && lead.known.has(e)) {
				writeHide(w, t.handle);
				g.leave(t.handle);
				for (const m of g.members) m.known.delete(e);
			}
		}
		// (numeric loops over this step's lists: reused lists keep their largest capacity, which `for of` would scan per group)
		for (let i = 0; i < despawned.size(); i++) {
			const [e, handle] = despawned[i];
			if (lead.known.has(e)) {
				writeDespawn(w, handle);
				g.leave(handle);
				for (const m of g.members) m.known.delete(e);
			}
		}
		let changes = 0;
		const mine = changedIn.get(g) ?? NONE;
		for (let i = 0; i < mine.size(); i++) {
			const e = mine[i];
			if (!lead.known.has(e)) continue; // left this step
			const start = changeStart.get(e)!;
			if (partial) parts.copyChange(w, shared, e, ctx.tracked.get(e)!.handle, start, changeEnd.get(e)!, lead);
			else writeBytes(w, shared.b, start, changeEnd.get(e)! - start);
			changes += 1;
		}
		for (let i = 0; i < entering.size(); i++) {
			const e = entering[i];
			const start = spawnStart.get(e)!;
			if (partial) parts.copyFullState(w, spawnCache, e, start, spawnEnd.get(e)!, lead);
			else writeBytes(w, spawnCache.b, start, spawnEnd.get(e)! - start);
			for (const m of g.members) m.known.add(e);
			const h = ctx.tracked.get(e)!.handle;
			// the spawn carries the unreliable values: that is the group's first baseline
			g.enter(h, tick, store.publish(h));
		}
		// values of known entities that refer to an entity appearing now can resolve at last
		for (let i = 0; i < entering.size(); i++) {
			const target = entering[i];
			const sources = ctx.refsTo.get(target);
			if (sources === undefined) continue;
			for (const [source, wires] of sources) {
				const st = ctx.tracked.get(source);
				if (st && lead.known.has(source) && !enteringSet.has(source))
					writeReferences(
						w,
						ctx.registry,
						st,
						wires,
						ctx.codecContext,
						partial ? (wire) => InterestParts.allows(ctx, wire, lead) : undefined,
					);
			}
		}
		// groups subscribed this step: their current state, whole, for the entities the members had
		if (partial && lead.interestFresh !== 0) parts.writeFresh(w, lead, enteringSet);
		// mutation state restarts when unreliable components are inserted/removed
		for (let i = 0; i < resets.size(); i++) {
			const c = resets[i];
			if (lead.known.has(c.tracked.entity)) {
				const h = c.tracked.handle;
				g.define(h, tick, store.publish(h));
			}
		}
		for (const m of g.members) m.stats.entitiesSent += changes + entering.size();
	};

	return () => {
		resetWriter(shared);
		resetWriter(spawnCache);
		changeStart.clear();
		changeEnd.clear();
		changed.clear();
		spawnStart.clear();
		spawnEnd.clear();
		despawned.clear();
		resets.clear();
		partial = ctx.netGroups.interest.size() > 0;
		if (partial) parts.reset();
		const changes = ctx.changes;
		for (let i = 0; i < changes.size(); i++) {
			const c = changes[i];
			const e = c.tracked.entity;
			if (c.despawned) {
				despawned.push([e, c.tracked.handle]);
				continue;
			}
			if (c.mutReset && !c.spawned) resets.push(c);
			if (!c.spawned && hasReliableChange(c)) {
				changeStart.set(e, shared.p);
				if (partial) changeEnd.set(e, parts.encodeChange(shared, e, c));
				else {
					writeChange(shared, ctx.registry, ctx.mutations, c, ctx.codecContext);
					changeEnd.set(e, shared.p);
				}
				changed.push(e);
			}
		}
		const groups = ctx.groups;
		for (let i = 0; i < groups.size(); i++) splitDiverging(groups[i]);
		// ids registered after clients got the schema: announced before any record of this step uses them
		const announced = ctx.announced;
		resetWriter(announce);
		const components = ctx.registry.list.size();
		const declared = ctx.events.list.size();
		if (components > announced.components || declared > announced.events) {
			// clients getting their first packet now have it all in their schema already
			if (ctx.connections.some((c) => c.schemaSent))
				writeSchema(announce, ctx.registry, ctx.events, announced.components, announced.events, ctx.config.budgetPerPlayer);
			announced.components = components;
			announced.events = declared;
		}
		for (const [, list] of changedIn) {
			list.clear();
			spareLists.push(list);
		}
		changedIn.clear();
		const knowers = ctx.knowers.of;
		for (let i = 0; i < changed.size(); i++) {
			const e = changed[i];
			const list = knowers[ctx.tracked.get(e)!.handle];
			if (list === undefined) continue;
			for (const g of list) {
				let mine = changedIn.get(g as ReplicationGroup<ConnectionState>);
				if (mine === undefined) {
					mine = spareLists.pop() ?? [];
					changedIn.set(g as ReplicationGroup<ConnectionState>, mine);
				}
				mine.push(e);
			}
		}
		for (const g of groups) {
			if (g.dead || g.members.size() === 0) continue;
			resetWriter(block);
			if (announce.p > 0) writeBytes(block, announce.b, 0, announce.p);
			encodeBlock(g, block);
			// members with nothing of their own this step share one buffer (sendPackets may then broadcast it)
			let common: buffer | undefined;
			for (const conn of g.members) {
				if (conn.schemaSent && conn.pendingEvents.p === 0) {
					if (block.p > 0) {
						if (common === undefined) {
							const w = conn.reliable;
							resetWriter(w);
							writeU8(w, PacketKind.Updates);
							writeVarUint(w, ctx.tick);
							writeBytes(w, block.b, 0, block.p);
							common = toBuffer(w);
						}
						conn.reliableQueue.push(common);
					}
					if (conn.entering.size() > 0) conn.entering = [];
					if (conn.leaving.size() > 0) conn.leaving = [];
					continue;
				}
				const w = conn.reliable;
				resetWriter(w);
				writeU8(w, PacketKind.Updates);
				writeVarUint(w, ctx.tick);
				const header = w.p;
				if (!conn.schemaSent) {
					writeSchema(w, ctx.registry, ctx.events, 0, 0, ctx.config.budgetPerPlayer);
					conn.schemaSent = true;
				}
				writeBytes(w, block.b, 0, block.p);
				if (conn.pendingEvents.p > 0) {
					writeBytes(w, conn.pendingEvents.b, 0, conn.pendingEvents.p);
					resetWriter(conn.pendingEvents);
				}
				if (w.p > header) conn.reliableQueue.push(toBuffer(w));
				if (conn.entering.size() > 0) conn.entering = [];
				if (conn.leaving.size() > 0) conn.leaving = [];
			}
		}
		if (partial) for (const conn of ctx.connections) conn.interestFresh = 0;
	};
}
