/**
 * Record bodies of the unreliable stream: an entity's values encoded against
 * a baseline version (or whole), once per step however many groups send it,
 * into one shared writer that packets copy from. A body is the mask of what
 * it carries (components, or with a single struct component its fields) and
 * the values or their deltas; see wire/protocol.ts for the record head.
 */
import { CodecContext, Lanes, newWriter, resetWriter, Writer } from "../codec";
import { HISTORY, MutationStore } from "./mutationStore";

export class MutationBodies {
	/** Every body of this step, back to back. */
	readonly w: Writer = newWriter(4096);
	private step = 0;
	/** Per handle: the step, base version (-1: whole) and bytes of its cached body, and its mask. */
	private readonly cachedStep: number[] = [];
	private readonly cachedBase: number[] = [];
	readonly start: number[] = [];
	readonly finish: number[] = [];
	readonly mask: number[] = [];
	/** While the profiler listens: per handle, [wire id, bytes] pairs of the cached body. */
	parts?: Map<number, number[]>;

	constructor(
		private readonly store: MutationStore,
		private readonly ctx: CodecContext,
	) {}

	/** Forgets the bodies of the last step. */
	begin(tally: boolean) {
		this.step += 1;
		resetWriter(this.w);
		this.parts = tally ? new Map() : undefined;
	}

	/** Bits the record head holds for the mask: a single struct's field count, else the component count (0 for one component). */
	headBits(): number {
		const n = this.store.lanes.size();
		if (n === 1) return this.maskedStruct()?.fieldCount ?? 0;
		return n;
	}

	/** The lanes of the one unreliable component when it is a struct whose records carry its field mask in the head. */
	maskedStruct(): Lanes | undefined {
		const lanes = this.store.lanes;
		return lanes.size() === 1 && lanes[0].writeChanged !== undefined ? lanes[0] : undefined;
	}

	/**
	 * Encodes the body of handle `h` against version `base` (-1: whole),
	 * reusing this step's body when it has the same base. Read it back from
	 * start[h], finish[h] and mask[h].
	 */
	encode(h: number, base: number) {
		if (this.cachedStep[h] === this.step && this.cachedBase[h] === base) return;
		this.cachedStep[h] = this.step;
		this.cachedBase[h] = base;
		const store = this.store;
		const w = this.w;
		const hist = store.hist;
		const lanes = store.lanes;
		const n = lanes.size();
		const parts: number[] | undefined = this.parts ? [] : undefined;
		this.start[h] = w.p;
		const single = n === 1 ? lanes[0] : undefined;
		if (single !== undefined && single.writeChanged !== undefined && parts === undefined) {
			// the hot case, offsets computed inline: one struct component, no profiler listening
			const stride = store.stride;
			const cur = (h * HISTORY + (store.version[h] % HISTORY)) * stride;
			let from = -1;
			if (base >= 0) {
				const slot = h * HISTORY + (base % HISTORY);
				if (store.histVersion[slot] === base) from = slot * stride;
			}
			if (from < 0) {
				this.mask[h] = 2 ** single.fieldCount! - 1;
				single.write(w, hist, cur, this.ctx);
			} else this.mask[h] = single.writeChanged(w, hist, from, hist, cur, this.ctx);
			this.finish[h] = w.p;
			return;
		}
		if (n === 1 && lanes[0].writeChanged !== undefined) {
			// one struct component: its field mask goes in the record head
			const l = lanes[0];
			const cur = store.at(h, 0);
			const from = base < 0 ? -1 : store.atVersion(h, base, 0);
			if (from < 0) {
				this.mask[h] = 2 ** l.fieldCount! - 1;
				l.write(w, hist, cur, this.ctx);
			} else {
				this.mask[h] = l.writeChanged!(w, hist, from, hist, cur, this.ctx);
			}
			if (parts) parts.push(store.infos[0].wireId, w.p - this.start[h]);
		} else {
			const present = store.present[h] ?? 0;
			let mask = 0;
			let bit = 1;
			for (let i = 0; i < n; i++) {
				if (present % (bit * 2) >= bit) {
					const from = base < 0 ? -1 : store.atVersion(h, base, i);
					// one component: the head has no mask, its value always travels
					if (n === 1 || from < 0 || !lanes[i].same(hist, from, hist, store.at(h, i))) mask += bit;
				}
				bit *= 2;
			}
			this.mask[h] = mask;
			bit = 1;
			for (let i = 0; i < n; i++) {
				if (mask % (bit * 2) >= bit) {
					const l = lanes[i];
					const cur = store.at(h, i);
					const from = base < 0 ? -1 : store.atVersion(h, base, i);
					const before = w.p;
					if (from >= 0 && l.writeDelta !== undefined && store.infos[i].codec!.writeDelta !== undefined)
						l.writeDelta(w, hist, from, hist, cur, this.ctx);
					else l.write(w, hist, cur, this.ctx);
					if (parts) parts.push(store.infos[i].wireId, w.p - before);
				}
				bit *= 2;
			}
		}
		this.finish[h] = w.p;
		if (parts) this.parts!.set(h, parts);
	}
}
