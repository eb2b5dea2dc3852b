/**
 * Unreliable packets of a group: the chosen updates within the budget, and
 * patches (the part of a lost packet still current, repeated to the members
 * that lost it under its tick). One buffer per packet, fired to every
 * recipient. When several groups send in a step, records come from this
 * step's cached bodies (mutationBodies.ts: one per entity and baseline);
 * when one group sends, each record is written straight into its packet.
 * (Past 330 lines: both forms share the budget and packet-splitting rules,
 * kept side by side so they cannot drift apart.)
 *
 * Packet: KIND_MUTATIONS, seq, tick, then sections: a header (0: values whole,
 * 1: against the reliable spawn state, k >= 2: against the values of tick
 * tick - k + 1), records, 0. Record: one varuint head = handle delta x 2^B +
 * mask, then the body.
 */
import { newWriter, putVarUint, varUintSize, reserve, resetWriter, toBuffer, writeBytes, writeU8, writeVarUint } from "../codec";
import { PacketKind, UNRELIABLE_BUDGET, UNRELIABLE_RECORD_HEADROOM } from "../wire/protocol";
import { sentTo } from "./acks";
import { PACKET_OVERHEAD } from "./budget";
import type { ConnectionState } from "./connection";
import type { ServerContext } from "./context";
import { HANDLE_SPACE, NO_BASELINE, Patch, ReplicationGroup, SentRecord, SPAWN_BASELINE } from "./group";
import { MutationBodies } from "./mutationBodies";
import { HISTORY } from "./mutationStore";
import { orderKey } from "./sendOrder";

/** A baseline older than this many ticks is not used (the client keeps 128 ticks of values): the value goes whole. */
export const BASELINE_AGE_LIMIT = 64;
/** Section header of values sent whole, and of values against the spawn state. */
export const GROUP_ABSOLUTE = 0;
export const GROUP_SPAWN = 1;

export class MutationPackets {
	readonly bodies: MutationBodies;
	/** Set per step by the encoder: only one group sends, so no record body is written twice and none is cached. */
	direct = false;
	/** Bytes and records written this step (for the average record size the selection estimates with). */
	stepBytes = 0;
	stepRecords = 0;
	private readonly w = newWriter(1024);
	private readonly keys: number[] = [];
	/** Per handle: the base version its record is encoded against this step (-1: whole). */
	private readonly baseFor: number[] = [];

	constructor(private readonly ctx: ServerContext) {
		this.bodies = new MutationBodies(ctx.mutations, ctx.codecContext);
	}

	/** A new step: bodies of the last one are forgotten. */
	begin() {
		this.bodies.begin(this.ctx.mutationTally !== undefined);
		this.stepBytes = 0;
		this.stepRecords = 0;
	}

	/**
	 * Sorts `handles` into `keys` by section (the baseline `g` holds, relative
	 * to `tick`) then handle, noting each one's base version in baseFor. A
	 * baseline no longer kept in the store's history goes whole.
	 */
	private sections(g: ReplicationGroup<ConnectionState>, handles: readonly number[], tick: number) {
		const keys = this.keys;
		const baseFor = this.baseFor;
		const histVersion = this.ctx.mutations.histVersion;
		keys.clear();
		for (let i = 0; i < handles.size(); i++) {
			const h = handles[i];
			const bt = g.baseTick[h];
			let base = g.baseVersion[h];
			let section = GROUP_ABSOLUTE;
			if (bt === SPAWN_BASELINE) section = GROUP_SPAWN;
			else if (bt !== NO_BASELINE && tick - bt <= BASELINE_AGE_LIMIT) section = tick - bt + 1;
			if (section === GROUP_ABSOLUTE || base < 0 || histVersion[h * HISTORY + (base % HISTORY)] !== base) {
				section = GROUP_ABSOLUTE;
				base = -1;
			}
			baseFor[h] = base;
			keys.push(section * HANDLE_SPACE + h);
		}
		keys.sort();
	}

	/**
	 * Writes a patch (the still-needed part of a packet some members lost)
	 * into one packet under the lost packet's tick, for those members only.
	 * Returns false when it does not fit one packet (then they split off).
	 */
	writePatch(g: ReplicationGroup<ConnectionState>, patch: Patch, headBits: number): boolean {
		const w = this.w;
		const bodies = this.bodies;
		const baseFor = this.baseFor;
		const tick = patch.record.tick;
		const pow = 2 ** headBits;
		this.sections(g, patch.handles, tick);
		resetWriter(w);
		const seq = g.nextSeq;
		writeU8(w, PacketKind.Mutations);
		writeVarUint(w, seq);
		writeVarUint(w, tick);
		let open = -1;
		let prev = 0;
		const keys = this.keys;
		for (let i = 0; i < keys.size(); i++) {
			const key = keys[i];
			const h = key % HANDLE_SPACE;
			const section = (key - h) / HANDLE_SPACE;
			bodies.encode(h, baseFor[h]); // a patch repeats current values only (see patchFor)
			const start = bodies.start[h];
			const size = bodies.finish[h] - start;
			if (w.p + size + 12 > UNRELIABLE_BUDGET) return false;
			if (open !== section) {
				if (open !== -1) writeVarUint(w, 0);
				writeVarUint(w, section);
				open = section;
				prev = 0;
			}
			writeVarUint(w, headBits === 0 ? h - prev : (h - prev) * pow + bodies.mask[h]);
			writeBytes(w, bodies.w.b, start, size);
			prev = h;
		}
		writeVarUint(w, 0);
		g.nextSeq += 1;
		const data = toBuffer(w);
		this.stepBytes += w.p;
		for (const m of patch.members) {
			sentTo(m, seq, patch.record, patch.record.seq);
			(m as ConnectionState).unreliableOut.push(data);
			m.stats.entitiesSent += patch.handles.size();
		}
		return true;
	}

	/** A record no packet can hold: warned once per entity, and not sent. */
	private refuse(g: ReplicationGroup<ConnectionState>, h: number, size: number) {
		this.ctx.warnings.once(
			`mutation-size-${h}`,
			`Skyrocket: the unreliable components of entity ${this.ctx.entityOf[h]} take ${size} bytes, more than one packet holds; replicate them reliably instead`,
		);
		g.unmark(h);
	}

	/** The allowance estimate was optimistic: `h` waits for the next step, back in the send order. */
	private defer(g: ReplicationGroup<ConnectionState>, h: number) {
		if (g.ordered) g.order.push(h, orderKey(g.sentTime[h]));
	}

	/** Writes the chosen updates of `g` into packets within `allowance` bytes; returns the updates that did not fit. */
	writePackets(g: ReplicationGroup<ConnectionState>, chosen: readonly number[], allowance: number, headBits: number): number {
		const ctx = this.ctx;
		const store = ctx.mutations;
		const w = this.w;
		const bodies = this.bodies;
		const baseFor = this.baseFor;
		const pow = 2 ** headBits;
		const published = store.published;
		const storeVersion = store.version;
		const sentTime = g.sentTime;
		const mark = g.pendingMark;
		const tick = ctx.tick;
		const now = ctx.time;
		this.sections(g, chosen, tick);
		const members = g.members;
		const copies = members.size();
		const tally = ctx.mutationTally;
		let spent = 0;
		let unsent = 0;
		let seq = 0;
		let handles: number[] = [];
		let versions: number[] = [];
		let open = -1;
		let prev = 0;
		const startPacket = () => {
			resetWriter(w);
			seq = g.nextSeq;
			g.nextSeq += 1;
			writeU8(w, PacketKind.Mutations);
			writeVarUint(w, seq);
			writeVarUint(w, tick);
			handles = [];
			versions = [];
			open = -1;
		};
		const finishPacket = () => {
			writeVarUint(w, 0); // closes the open section
			const data = toBuffer(w);
			spent += w.p + PACKET_OVERHEAD;
			this.stepBytes += w.p;
			const record: SentRecord = {
				tick,
				time: now,
				seq,
				handles,
				versions,
				group: g,
				recipients: copies,
				acked: 0,
				done: false,
				partial: false,
			};
			g.inflight.push(record);
			for (const m of members) {
				sentTo(m, seq, record);
				m.unreliableOut.push(data);
				m.stats.entitiesSent += handles.size();
			}
		};
		startPacket();
		// one struct component and bodies nobody else reuses this step: each record is written straight into the packet
		const single = this.direct && tally === undefined ? bodies.maskedStruct() : undefined;
		const hist = store.hist;
		const stride = store.stride;
		const codecContext = ctx.codecContext;
		const all = single !== undefined ? 2 ** single.fieldCount! - 1 : 0;
		const keys = this.keys;
		for (let i = 0; i < keys.size(); i++) {
			const key = keys[i];
			const h = key % HANDLE_SPACE;
			const section = (key - h) / HANDLE_SPACE;
			if (single !== undefined) {
				const cur = (h * HISTORY + (storeVersion[h] % HISTORY)) * stride;
				const base = baseFor[h]; // a kept version (see sections) or -1: whole
				const from = base < 0 ? -1 : (h * HISTORY + (base % HISTORY)) * stride;
				// written at the end of the packet, then taken back if it does not fit
				let at = w.p;
				let openBefore = open;
				let prevBefore = prev;
				let size = 0;
				for (;;) {
					if (open !== section) {
						if (open !== -1) writeVarUint(w, 0);
						writeVarUint(w, section);
						open = section;
						prev = 0;
					}
					// the head holds the field mask, known once the body is written: room for its largest value first
					const headAt = w.p;
					const top = (h - prev) * pow + pow - 1;
					const slot = top < 128 ? 1 : varUintSize(top);
					if (headAt + 8 > buffer.len(w.b)) reserve(w, 8); // the body's writer makes its own room
					w.p = headAt + slot;
					let fieldMask = all;
					if (from < 0) single.write(w, hist, cur, codecContext);
					else fieldMask = single.writeChanged!(w, hist, from, hist, cur, codecContext);
					size = w.p - headAt - slot;
					const head = (h - prev) * pow + fieldMask;
					if (slot === 1)
						buffer.writeu8(w.b, headAt, head); // the usual one-byte head, inline
					else {
						const headSize = varUintSize(head);
						if (headSize < slot) {
							// a smaller mask took fewer bytes: the body moves up to meet the head
							buffer.copy(w.b, headAt + headSize, w.b, headAt + slot, size);
							w.p -= slot - headSize;
						}
						putVarUint(w.b, headAt, head);
					}
					// the same decisions as for a cached body of `size` bytes at `at`
					if (at + size + 12 <= UNRELIABLE_BUDGET || size + UNRELIABLE_RECORD_HEADROOM > UNRELIABLE_BUDGET) break;
					if (spent + at + size + 4 + PACKET_OVERHEAD > allowance && handles.size() > 0) break;
					// the packet is full: this record opens the next one
					w.p = at;
					open = openBefore;
					finishPacket();
					startPacket();
					at = w.p;
					openBefore = open;
					prevBefore = 0;
				}
				if (
					size + UNRELIABLE_RECORD_HEADROOM > UNRELIABLE_BUDGET ||
					(spent + at + size + 4 + PACKET_OVERHEAD > allowance && handles.size() > 0)
				) {
					w.p = at;
					open = openBefore;
					prev = prevBefore;
					if (size + UNRELIABLE_RECORD_HEADROOM > UNRELIABLE_BUDGET) this.refuse(g, h, size);
					else {
						unsent += 1;
						this.defer(g, h);
					}
					continue;
				}
				prev = h;
			} else {
				bodies.encode(h, baseFor[h]);
				const start = bodies.start[h];
				const size = bodies.finish[h] - start;
				if (size + UNRELIABLE_RECORD_HEADROOM > UNRELIABLE_BUDGET) {
					this.refuse(g, h, size);
					continue;
				}
				if (spent + w.p + size + 4 + PACKET_OVERHEAD > allowance && handles.size() > 0) {
					unsent += 1;
					this.defer(g, h);
					continue;
				}
				if (w.p + size + 12 > UNRELIABLE_BUDGET) {
					finishPacket();
					startPacket();
				}
				if (open !== section) {
					if (open !== -1) writeVarUint(w, 0);
					writeVarUint(w, section);
					open = section;
					prev = 0;
				}
				// head and body, written with the position in a local (the writer has room: see the check above)
				if (w.p + size + 16 > buffer.len(w.b)) reserve(w, size + 16);
				const head = headBits === 0 ? h - prev : (h - prev) * pow + bodies.mask[h];
				let p = w.p;
				if (head < 128) {
					buffer.writeu8(w.b, p, head);
					p += 1;
				} else p = putVarUint(w.b, p, head);
				buffer.copy(w.b, p, bodies.w.b, start, size);
				w.p = p + size;
				prev = h;
				if (tally) {
					const parts = bodies.parts!.get(h);
					if (parts) for (let i = 0; i < parts.size(); i += 2) tally(parts[i], parts[i + 1], copies);
				}
			}
			// published (never undone), recorded for the ack, no longer pending: inline, this runs per record
			const version = storeVersion[h];
			published[h] = version;
			handles.push(h);
			versions.push(version);
			sentTime[h] = now;
			if (mark[h] === true) {
				mark[h] = false;
				g.pendingCount -= 1;
			}
		}
		if (handles.size() > 0) finishPacket();
		else g.nextSeq -= 1;
		this.stepRecords += chosen.size() - unsent;
		return unsent;
	}
}
