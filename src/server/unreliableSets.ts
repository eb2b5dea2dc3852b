/**
 * The game's writes to unreliable components between two collects: the jecs
 * change hook only remembers the value (per handle and component, in flat
 * arrays), and collect quantizes each into the mutation store once, with no
 * record per entity. Values set and set back in one step send nothing.
 */
import { Entity } from "@rbxts/jecs";
import { checkFailure } from "../core/checks";
import type { ReplicatedInfo } from "../core/registry";
import { reportError } from "../core/report";
import type { ServerContext } from "./context";

export class UnreliableSets {
	/** Per handle: the pass in which it joined ctx.mutated (once per step), and which unreliable components the game set. */
	private readonly mutatedIn: number[] = [];
	private readonly setMask: number[] = [];
	/** The values the game set, by handle x component count + index, until collect quantizes them. */
	private readonly setValues: unknown[] = [];
	private pass = 1;

	/** `touch`: hands an entity to collect's own path (not replicated yet, or a component inserted). */
	constructor(
		private readonly ctx: ServerContext,
		private readonly touch: (e: Entity, info: ReplicatedInfo) => void,
	) {}

	/** The jecs change hook of an unreliable component: remembers `value` for collect. */
	changed(info: ReplicatedInfo, e: Entity, value: unknown) {
		const ctx = this.ctx;
		const store = ctx.mutations;
		const t = ctx.tracked.get(e);
		const i = info.unreliableIndex - 1;
		if (t === undefined || !store.has(t.handle, i)) {
			this.touch(e, info); // not replicated yet (or inserted): collect handles it whole
			return;
		}
		const h = t.handle;
		const bit = 2 ** i;
		if (this.mutatedIn[h] !== this.pass) {
			this.mutatedIn[h] = this.pass;
			this.setMask[h] = bit;
			ctx.mutated.push(h);
		} else if (this.setMask[h] % (bit * 2) < bit) this.setMask[h] += bit;
		this.setValues[h * store.infos.size() + i] = value;
	}

	/** Collect's own path changed `h`'s unreliable values (already in the store): it joins this step's list. */
	changedHere(h: number) {
		if (this.mutatedIn[h] === this.pass) return;
		this.mutatedIn[h] = this.pass;
		this.setMask[h] = 0;
		this.ctx.mutated.push(h);
	}

	/** Quantizes what the game set on `h` into the store; true when `h` has a new version to send. */
	private settle(h: number): boolean {
		const store = this.ctx.mutations;
		const changed = this.quantize(h);
		return store.settle(h) && (changed || this.setMask[h] === 0);
	}

	/**
	 * settle() for every handle of `mutated`, pushing those with a new
	 * version to `out`. The common layout (one unreliable component, no
	 * check) runs in one loop: this is every moving entity, every tick.
	 */
	settleAll(mutated: readonly number[], out: number[]) {
		const store = this.ctx.mutations;
		if (store.infos.size() !== 1 || store.infos[0].check !== undefined) {
			for (let i = 0; i < mutated.size(); i++) if (this.settle(mutated[i])) out.push(mutated[i]);
			return;
		}
		const entityOf = this.ctx.entityOf;
		const setMask = this.setMask;
		const setValues = this.setValues;
		const present = store.present;
		for (let i = 0; i < mutated.size(); i++) {
			const h = mutated[i];
			const e = entityOf[h];
			const mask = setMask[h];
			if (e === undefined || mask === 0) {
				// despawned since, or changed through collect's own path (already in the store)
				if (store.settle(h) && mask === 0) out.push(h);
				continue;
			}
			const value = setValues[h];
			setValues[h] = undefined;
			if ((present[h] ?? 0) % 2 === 0) continue; // removed since
			const result = store.setSingle(h, value);
			if (result === "changed") out.push(h);
			else if (result !== "same")
				reportError(`Skyrocket: cannot replicate ${store.infos[0].name} of entity ${e}: ${result}. The change was not sent.`);
		}
	}

	/** The next step's writes start. */
	nextPass() {
		this.pass += 1;
		this.ctx.mutations.beginPass();
	}

	/** Writes what the game set on `h` into the store (the general layout; settleAll has the common one); true when a value changed. */
	private quantize(h: number): boolean {
		const ctx = this.ctx;
		const store = ctx.mutations;
		const e = ctx.entityOf[h];
		if (e === undefined) return false; // despawned since
		const setMask = this.setMask;
		const setValues = this.setValues;
		const n = store.infos.size();
		const mask = setMask[h];
		let changed = false;
		let bit = 1;
		for (let i = 0; i < n; i++) {
			if (mask % (bit * 2) >= bit) {
				const info = store.infos[i];
				const slot = h * n + i;
				const value = setValues[slot];
				setValues[slot] = undefined;
				if (!store.has(h, i)) continue; // removed since
				const why = info.check && checkFailure(info.check, value);
				if (why !== undefined) {
					reportError(`Skyrocket: ${info.name} of entity ${e} failed its check: ${why}. The change was not sent.`);
				} else {
					const result = store.set(h, i, value);
					if (result === "changed") changed = true;
					else if (result !== "same")
						reportError(`Skyrocket: cannot replicate ${info.name} of entity ${e}: ${result}. The change was not sent.`);
				}
			}
			bit *= 2;
		}
		return changed;
	}
}
