/**
 * The server's unreliable component values, flat: per entity handle, the
 * lanes (see codec/lanes.ts) of every unreliable component, numbered by a
 * version that grows with each change, and the last HISTORY versions kept so
 * a delta can be written against whatever version a client group holds.
 * Quantizing, comparing and encoding a moving entity touch only numbers in
 * these arrays: nothing is allocated per entity per tick.
 *
 * Layout: version v of handle h lives at slot (h x HISTORY + v % HISTORY),
 * lanes from slot x stride; component i at lane offset[i] of it.
 */
import { CodecContext, Lanes, lanesOf, Writer } from "../codec";
import type { ReplicatedInfo } from "../core/registry";

/** Versions kept per entity; a baseline older than this is sent whole instead. */
export const HISTORY = 8;

export class MutationStore {
	/** Unreliable components in index order, their lanes and lane offsets. */
	readonly infos: ReplicatedInfo[] = [];
	readonly lanes: Lanes[] = [];
	readonly offset: number[] = [];
	/** Lanes per entity version (sum over components). */
	stride = 0;
	/** Lanes of every kept version: (h x HISTORY + slot) x stride + lane. */
	hist: unknown[] = [];
	/** Which version each slot holds (h x HISTORY + slot), so a stale slot is never mistaken. */
	readonly histVersion: number[] = [];
	/** Current version per handle (0: none yet). */
	readonly version: number[] = [];
	/** Bit i set: unreliable component i is present on the entity (bits of 2^i). */
	readonly present: number[] = [];
	/** Collect pass in which each handle last opened a new version (several components, one version). */
	private readonly openedIn: number[] = [];
	private pass = 0;
	/** Room for one component's lanes while it is validated and compared. */
	readonly scratch: unknown[] = [];

	/** Adds an unreliable component (at the end of every entity's lanes). */
	add(info: ReplicatedInfo) {
		const lanes = lanesOf(info.codec!);
		const old = this.stride;
		this.infos.push(info);
		this.lanes.push(lanes);
		this.offset.push(old);
		this.stride = old + lanes.count;
		if (old === 0 || this.hist.size() === 0) return;
		// entities exist already: spread their kept versions to the wider stride
		const stride = this.stride;
		const hist: unknown[] = [];
		const slots = this.histVersion.size();
		for (let s = 0; s < slots; s++) for (let k = 0; k < old; k++) hist[s * stride + k] = this.hist[s * old + k];
		this.hist = hist;
	}

	/** Starts a collect pass: each handle opens at most one new version per pass. */
	beginPass() {
		this.pass += 1;
	}

	/** Lane offset of component `i` of the current version of `h`. */
	at(h: number, i: number): number {
		return ((h * HISTORY + (this.version[h] % HISTORY)) * this.stride) + this.offset[i];
	}

	/** Lane offset of component `i` of version `v` of `h`, or -1 when that version is no longer kept. */
	atVersion(h: number, v: number, i: number): number {
		const slot = h * HISTORY + (v % HISTORY);
		if (this.histVersion[slot] !== v) return -1;
		return slot * this.stride + this.offset[i];
	}

	/** Makes (once per pass) a new version of `h` holding the current lanes; returns its slot's lane base. */
	private open(h: number): number {
		const stride = this.stride;
		const hist = this.hist;
		const cur = this.version[h] ?? 0;
		if (this.openedIn[h] === this.pass) return (h * HISTORY + (cur % HISTORY)) * stride;
		this.openedIn[h] = this.pass;
		const from = (h * HISTORY + (cur % HISTORY)) * stride;
		const fresh = cur + 1;
		const slot = h * HISTORY + (fresh % HISTORY);
		const to = slot * stride;
		if (cur > 0) for (let k = 0; k < stride; k++) hist[to + k] = hist[from + k];
		else for (let k = 0; k < stride; k++) hist[to + k] = undefined;
		this.version[h] = fresh;
		this.histVersion[slot] = fresh;
		return to;
	}

	/**
	 * Sets component `i` of `h` from `value` (validated and quantized).
	 * Returns "same" when nothing changed, "changed", or the error message.
	 */
	set(h: number, i: number, value: unknown): string {
		const lanes = this.lanes[i];
		const scratch = this.scratch;
		const err = lanes.load(value, scratch, 0);
		if (err !== undefined) return err;
		const bit = 2 ** i;
		const present = this.present[h] ?? 0;
		const had = present % (bit * 2) >= bit;
		if (had && lanes.same(this.hist, this.at(h, i), scratch, 0)) return "same";
		const base = this.open(h) + this.offset[i];
		const hist = this.hist;
		for (let k = 0; k < lanes.count; k++) hist[base + k] = scratch[k];
		if (!had) this.present[h] = present + bit;
		return "changed";
	}

	/** Removes component `i` of `h` (a new version without it). */
	remove(h: number, i: number) {
		const bit = 2 ** i;
		const present = this.present[h] ?? 0;
		if (present % (bit * 2) < bit) return;
		const base = this.open(h) + this.offset[i];
		for (let k = 0; k < this.lanes[i].count; k++) this.hist[base + k] = undefined;
		this.present[h] = present - bit;
	}

	/** Whether `h` has component `i`. */
	has(h: number, i: number): boolean {
		const bit = 2 ** i;
		return (this.present[h] ?? 0) % (bit * 2) >= bit;
	}

	/** Writes the current value of component `i` of `h` (as its codec writes it). */
	write(w: Writer, h: number, i: number, ctx?: CodecContext) {
		this.lanes[i].write(w, this.hist, this.at(h, i), ctx);
	}

	/** The canonical value of component `i` of `h` (allocates: tools and tests only). */
	value(h: number, i: number): unknown {
		return this.has(h, i) ? this.lanes[i].value(this.hist, this.at(h, i)) : undefined;
	}

	/** Forgets a handle (its entity stopped replicating): a reused handle starts from nothing. */
	free(h: number) {
		this.present[h] = 0;
		for (let s = 0; s < HISTORY; s++) this.histVersion[h * HISTORY + s] = -1;
	}
}
