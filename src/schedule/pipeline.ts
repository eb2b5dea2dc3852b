/**
 * An ordered list of systems grouped by phase. Order is deterministic: phase
 * order, then insertion order, with user systems placed before or after a
 * phase's own systems.
 */
import { Phase, PHASES } from "./phases";

/** A system runs once per net step with the step's delta time. */
export type System = (dt: number) => void;

interface Entry {
	name: string;
	system: System;
	phase: Phase;
	/** -1: before the phase's systems, 0: the phase's own, 1: after. */
	slot: number;
	order: number;
}

/** Where to insert a user system. */
export type Placement = { before: Phase } | { after: Phase } | { phase: Phase };

export class Pipeline {
	private entries: Entry[] = [];
	private ordered: System[] = [];
	private counter = 0;

	/** Adds one of the library's own systems to `phase`. */
	add(phase: Phase, name: string, system: System) {
		this.insert({ name, system, phase, slot: 0, order: this.counter++ });
	}

	/** Adds a user system before/after a phase (or inside it, after its own systems). */
	use(name: string, system: System, placement: Placement) {
		let phase: Phase;
		let slot: number;
		if ("before" in placement) {
			phase = placement.before;
			slot = -1;
		} else if ("after" in placement) {
			phase = placement.after;
			slot = 1;
		} else {
			phase = placement.phase;
			slot = 1;
		}
		if (!PHASES.includes(phase)) error(`Skyrocket: unknown phase "${tostring(phase)}"; use one of ${PHASES.join(", ")}`, 3);
		this.insert({ name, system, phase, slot, order: this.counter++ });
	}

	/** Removes a system added with use(). */
	remove(system: System) {
		this.entries = this.entries.filter((e) => e.system !== system);
		this.rebuild();
	}

	private insert(entry: Entry) {
		this.entries.push(entry);
		this.rebuild();
	}

	private rebuild() {
		const rank = (p: Phase) => PHASES.indexOf(p);
		this.entries.sort((a, b) => {
			if (a.phase !== b.phase) return rank(a.phase) < rank(b.phase);
			if (a.slot !== b.slot) return a.slot < b.slot;
			return a.order < b.order;
		});
		this.ordered = this.entries.map((e) => e.system);
	}

	/** Systems of the phases from `first` to `last` inclusive, in order. */
	range(first: Phase, last: Phase): System[] {
		const lo = PHASES.indexOf(first);
		const hi = PHASES.indexOf(last);
		const out: System[] = [];
		for (const e of this.entries) {
			const r = PHASES.indexOf(e.phase);
			if (r >= lo && r <= hi) out.push(e.system);
		}
		return out;
	}

	/** Runs every system in order. */
	run(dt: number) {
		for (const system of this.ordered) system(dt);
	}

	/** The order, one line per system: "phase: name". */
	describe(): string[] {
		return this.entries.map((e) => `${e.phase}${e.slot === -1 ? " (before)" : e.slot === 1 ? " (after)" : ""}: ${e.name}`);
	}
}
