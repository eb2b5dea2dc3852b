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
	/** Newest version of each handle that went on the wire (never undone; see publish). */
	readonly published: number[] = [];
	/** Collect pass in which each handle last opened a new version (several components, one version), and last wrote it again. */
	private readonly openedIn: number[] = [];
	private readonly reopened: number[] = [];
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

	/**
	 * Ends the handle's open version: when it holds exactly the previous
	 * version's values (set and set back in one step), the version is undone.
	 * Returns whether a new version remains.
	 */
	settle(h: number): boolean {
		const v = this.version[h] ?? 0;
		// only a handle set twice in this step can have gone back to the previous values
		if (this.reopened[h] !== this.pass || v <= 1 || (this.published[h] ?? 0) >= v) return v > 0;
		const prev = this.atVersion(h, v - 1, 0);
		if (prev < 0) return true;
		const present = this.present[h] ?? 0;
		let bit = 1;
		for (let i = 0; i < this.lanes.size(); i++) {
			if (present % (bit * 2) >= bit) {
				const off = this.offset[i];
				if (!this.lanes[i].same(this.hist, prev - this.offset[0] + off, this.hist, this.at(h, i))) return true;
			}
			bit *= 2;
		}
		this.histVersion[h * HISTORY + (v % HISTORY)] = -1;
		this.version[h] = v - 1;
		this.openedIn[h] = 0;
		return false;
	}

	/** The current version of `h` goes on the wire (a packet or a spawn carries it): it is never undone. */
	publish(h: number): number {
		const v = this.version[h] ?? 0;
		this.published[h] = v;
		return v;
	}

	/** Lane offset of component `i` of the current version of `h`. */
	at(h: number, i: number): number {
		return (h * HISTORY + (this.version[h] % HISTORY)) * this.stride + this.offset[i];
	}

	/** Lane offset of component `i` of version `v` of `h`, or -1 when that version is no longer kept. */
	atVersion(h: number, v: number, i: number): number {
		const slot = h * HISTORY + (v % HISTORY);
		if (this.histVersion[slot] !== v) return -1;
		return slot * this.stride + this.offset[i];
	}

	/**
	 * Makes (once per pass) a new version of `h` holding the current lanes;
	 * returns its slot's lane base. `except` names a component the caller
	 * overwrites at once (its lanes are not copied).
	 */
	private open(h: number, except: number): number {
		const stride = this.stride;
		const hist = this.hist;
		const cur = this.version[h] ?? 0;
		if (this.openedIn[h] === this.pass) {
			this.reopened[h] = this.pass; // set again in one step: settle() checks for a round trip
			return (h * HISTORY + (cur % HISTORY)) * stride;
		}
		this.openedIn[h] = this.pass;
		if (cur === 0) this.claim(h);
		const from = (h * HISTORY + (cur % HISTORY)) * stride;
		const fresh = cur + 1;
		const slot = h * HISTORY + (fresh % HISTORY);
		const to = slot * stride;
		const lanes = this.lanes;
		if (lanes.size() > 1 || except < 0) {
			for (let i = 0; i < lanes.size(); i++) {
				if (i === except) continue;
				const off = this.offset[i];
				for (let k = off; k < off + lanes[i].count; k++) hist[to + k] = cur > 0 ? hist[from + k] : undefined;
			}
		}
		this.version[h] = fresh;
		this.histVersion[slot] = fresh;
		return to;
	}

	/**
	 * A handle's first version: every slot of its block gets a placeholder
	 * (never read: histVersion says no version is there), so the arrays stay
	 * without holes and Luau keeps them in their fast array part.
	 */
	private claim(h: number) {
		const stride = this.stride;
		const hist = this.hist;
		for (let s = h * HISTORY; s < (h + 1) * HISTORY; s++) {
			if (this.histVersion[s] === undefined) this.histVersion[s] = -1;
			for (let k = s * stride; k < (s + 1) * stride; k++) if (hist[k] === undefined) hist[k] = false;
		}
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
		const hist = this.hist;
		if (had && lanes.same(hist, this.at(h, i), scratch, 0)) return "same";
		const base = this.open(h, i) + this.offset[i];
		const count = lanes.count;
		hist[base] = scratch[0];
		if (count > 1) for (let k = 1; k < count; k++) hist[base + k] = scratch[k];
		if (!had) this.present[h] = present + bit;
		return "changed";
	}

	/**
	 * set() then settle() for the layout of one unreliable component: returns
	 * "changed" when `h` keeps a new version, "same", or the error message.
	 * When the component is present and `h` was not set yet in this pass (every
	 * moving entity, every tick) the value is quantized straight into the next
	 * version's slot and compared there (that slot held the version HISTORY
	 * back, now given up whatever the outcome), and nothing can need settling.
	 */
	setSingle(h: number, value: unknown): string {
		const cur = this.version[h] ?? 0;
		if (this.lanes.size() !== 1 || this.openedIn[h] === this.pass || cur === 0 || (this.present[h] ?? 0) % 2 === 0) {
			const result = this.set(h, 0, value);
			const kept = this.settle(h);
			return result === "changed" && !kept ? "same" : result;
		}
		const stride = this.stride;
		const fresh = cur + 1;
		const slot = h * HISTORY + (fresh % HISTORY);
		const to = slot * stride;
		const hist = this.hist;
		const lanes = this.lanes[0];
		this.histVersion[slot] = -1;
		const err = lanes.load(value, hist, to);
		if (err !== undefined) return err;
		if (lanes.same(hist, (h * HISTORY + (cur % HISTORY)) * stride, hist, to)) return "same";
		this.histVersion[slot] = fresh;
		this.version[h] = fresh;
		this.openedIn[h] = this.pass;
		return "changed";
	}

	/** Removes component `i` of `h` (a new version without it). */
	remove(h: number, i: number) {
		const bit = 2 ** i;
		const present = this.present[h] ?? 0;
		if (present % (bit * 2) < bit) return;
		const base = this.open(h, -1) + this.offset[i];
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

	/** Frees every value kept (the net was destroyed). */
	clear() {
		this.hist = [];
		this.histVersion.clear();
		this.version.clear();
		this.present.clear();
		this.published.clear();
		this.openedIn.clear();
		this.reopened.clear();
		this.scratch.clear();
	}

	/** Forgets a handle (its entity stopped replicating): a reused handle starts from nothing. */
	free(h: number) {
		this.present[h] = 0;
		for (let s = 0; s < HISTORY; s++) this.histVersion[h * HISTORY + s] = -1;
	}
}
