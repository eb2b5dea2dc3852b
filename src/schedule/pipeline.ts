/**
 * An ordered list of systems grouped by phase. Order is deterministic: phase
 * order, then insertion order, with user systems placed before or after a
 * phase's own systems.
 */

/** xpcall's handler: the error with where it came from (one function for every call). */
const withTraceback = (e: unknown) => debug.traceback(tostring(e), 2);

/** A system runs once per net step with the step's delta time. */
export type System = (dt: number) => void;

interface Entry<P extends string> {
	name: string;
	system: System;
	phase: P;
	/** -1: before the phase's systems, 0: the phase's own, 1: after. */
	slot: number;
	order: number;
}

/** Where to insert a user system: before or after a phase's own systems, or in it (after them). */
export type Placement<P extends string = string> = { before: P } | { after: P } | { phase: P };

/** One side's systems, by phase (P: that side's phase names, in `phases` order). */
export class Pipeline<P extends string = string> {
	private entries: Entry<P>[] = [];
	private ordered: Entry<P>[] = [];
	private counter = 0;

	constructor(private readonly phases: readonly P[]) {}

	/** Adds one of the library's own systems to `phase`. */
	add(phase: P, name: string, system: System) {
		this.insert({ name, system, phase, slot: 0, order: this.counter++ });
	}

	/** Adds a user system before/after a phase (or inside it, after its own systems). */
	use(name: string, system: System, placement: Placement<P>) {
		let phase: P;
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
		const phases = this.phases;
		if (!phases.includes(phase))
			error(`Skyrocket: unknown phase "${tostring(phase)}" for this side; use one of ${phases.join(", ")}`, 3);
		this.insert({ name, system, phase, slot, order: this.counter++ });
	}

	/** Removes a system added with use(). */
	remove(system: System) {
		this.entries = this.entries.filter((e) => e.system !== system);
		this.rebuild();
	}

	/** Removes every system (the net was destroyed). */
	clear() {
		this.entries = [];
		this.ordered = [];
	}

	private insert(entry: Entry<P>) {
		this.entries.push(entry);
		this.rebuild();
	}

	private rebuild() {
		const phases = this.phases;
		const rank = (p: P) => phases.indexOf(p);
		this.entries.sort((a, b) => {
			if (a.phase !== b.phase) return rank(a.phase) < rank(b.phase);
			if (a.slot !== b.slot) return a.slot < b.slot;
			return a.order < b.order;
		});
		this.ordered = table.clone(this.entries);
	}

	/**
	 * Runs every system in order, each isolated: one that throws is reported
	 * through `failed` (with its name and phase) and the rest of the step still
	 * runs, so a bug in one system (yours or ours) never stalls the net.
	 */
	run(dt: number, failed: (name: string, phase: P, err: unknown) => void) {
		for (const entry of this.ordered) {
			const [ok, err] = xpcall(entry.system, withTraceback, dt);
			if (!ok) failed(entry.name, entry.phase, err);
		}
	}

	/** The order, one line per system: "phase: name". */
	describe(): string[] {
		return this.entries.map((e) => `${e.phase}${e.slot === -1 ? " (before)" : e.slot === 1 ? " (after)" : ""}: ${e.name}`);
	}
}
