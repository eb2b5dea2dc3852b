/**
 * The reliable encoder's records when interest groups exist: each change and
 * each full state is encoded once per step in parts (records.ts: part 0 is
 * what everyone who sees the entity gets, part k the members of interest
 * group k), and a replication group's block copies the parts its members
 * subscribe to. Members of one replication group share a subscription mask
 * (encodeReliable splits off those that differ), so a block is still built
 * once per replication group. A group subscribed this step ("fresh") gets its
 * members' current values whole instead of this step's deltas.
 */
import { Entity } from "@rbxts/jecs";
import { Writer, writeBytes, writeU8, writeVarUint } from "../codec";
import { hasBit } from "../core/groups";
import { Op } from "../wire/protocol";
import { ConnectionState } from "./connection";
import { ServerContext } from "./context";
import { writeChangePart, writeFullStateBase, writeValuesPart } from "./records";
import { EntityChange, TrackedEntity } from "./tracked";

/** Where an entity's parts sit in a writer: [bit, start, end] repeated. */
type Parts = number[];

export class InterestParts {
	private readonly changeParts = new Map<Entity, Parts>();
	private readonly spawnParts = new Map<Entity, Parts>();
	private readonly pool: Parts[] = [];

	constructor(private readonly ctx: ServerContext) {}

	/** Forgets the last step's parts (the writers are reset by the encoder). */
	reset() {
		for (const [, parts] of this.changeParts) this.release(parts);
		for (const [, parts] of this.spawnParts) this.release(parts);
		this.changeParts.clear();
		this.spawnParts.clear();
	}

	private release(parts: Parts) {
		parts.clear();
		this.pool.push(parts);
	}

	/** Writes change `c`'s part 0 (without header) at `w.p`, and its group parts after it. */
	encodeChange(w: Writer, e: Entity, c: EntityChange) {
		const ctx = this.ctx;
		writeChangePart(w, ctx.registry, ctx.mutations, c, ctx.codecContext, 0);
		const baseEnd = w.p;
		const parts = this.encodeParts(w, (bit) => writeChangePart(w, ctx.registry, ctx.mutations, c, ctx.codecContext, bit));
		if (parts) this.changeParts.set(e, parts);
		return baseEnd;
	}

	/** Writes `t`'s full state: part 0 with its header, then its group parts. Returns where part 0 ends. */
	encodeFullState(w: Writer, e: Entity, t: TrackedEntity) {
		const ctx = this.ctx;
		writeFullStateBase(w, ctx.registry, ctx.mutations, t, ctx.codecContext);
		const baseEnd = w.p;
		const parts = this.encodeParts(w, (bit) => writeValuesPart(w, ctx.registry, ctx.mutations, t, ctx.codecContext, bit));
		if (parts) this.spawnParts.set(e, parts);
		return baseEnd;
	}

	private encodeParts(w: Writer, write: (bit: number) => void): Parts | undefined {
		let parts: Parts | undefined;
		const count = this.ctx.netGroups.interest.size();
		for (let bit = 1; bit <= count; bit++) {
			const start = w.p;
			write(bit);
			if (w.p === start) continue;
			parts ??= this.pool.pop() ?? [];
			parts.push(bit, start, w.p);
		}
		return parts;
	}

	/** Copies a change for `lead`: its header when anything of it is for `lead`, part 0, the subscribed parts (not fresh ones). */
	copyChange(w: Writer, src: Writer, e: Entity, handle: number, start: number, baseEnd: number, lead: ConnectionState) {
		let header = false;
		if (baseEnd > start) {
			writeU8(w, Op.Entity);
			writeVarUint(w, handle);
			header = true;
			writeBytes(w, src.b, start, baseEnd - start);
		}
		const parts = this.changeParts.get(e);
		if (parts === undefined) return;
		for (let i = 0; i < parts.size(); i += 3) {
			const bit = parts[i];
			if (!hasBit(lead.interest, bit) || hasBit(lead.interestFresh, bit)) continue;
			if (!header) {
				writeU8(w, Op.Entity);
				writeVarUint(w, handle);
				header = true;
			}
			writeBytes(w, src.b, parts[i + 1], parts[i + 2] - parts[i + 1]);
		}
	}

	/** Copies a full state for `lead`: part 0 (with its header) and the parts of the groups it subscribes to. */
	copyFullState(w: Writer, src: Writer, e: Entity, start: number, baseEnd: number, lead: ConnectionState) {
		writeBytes(w, src.b, start, baseEnd - start);
		const parts = this.spawnParts.get(e);
		if (parts === undefined) return;
		for (let i = 0; i < parts.size(); i += 3) {
			if (hasBit(lead.interest, parts[i])) writeBytes(w, src.b, parts[i + 1], parts[i + 2] - parts[i + 1]);
		}
	}

	/** The current state of the groups `lead` subscribed to this step, for the entities it already had. */
	writeFresh(w: Writer, lead: ConnectionState, entering: ReadonlySet<Entity>) {
		const ctx = this.ctx;
		const count = ctx.netGroups.interest.size();
		for (const e of lead.known) {
			if (entering.has(e)) continue;
			const t = ctx.tracked.get(e);
			if (t === undefined) continue;
			let header = false;
			for (let bit = 1; bit <= count; bit++) {
				if (!hasBit(lead.interestFresh, bit)) continue;
				const start = w.p;
				if (!header) {
					writeU8(w, Op.Entity);
					writeVarUint(w, t.handle);
				}
				const body = w.p;
				writeValuesPart(w, ctx.registry, ctx.mutations, t, ctx.codecContext, bit);
				if (w.p === body) w.p = start;
				else header = true;
			}
		}
	}

	/** Whether `wire` may go to `lead` (outside interest groups, or in one it subscribes to). */
	static allows(ctx: ServerContext, wire: number, lead: ConnectionState): boolean {
		const bit = ctx.registry.byWire[wire - 1].interest;
		return bit === 0 || hasBit(lead.interest, bit);
	}
}
