/**
 * An ordered list of systems grouped by phase. Order is deterministic: phase
 * order, then insertion order, with user systems placed before or after a
 * phase's own systems.
 */
import { Phase } from "./phases";
/** A system runs once per net step with the step's delta time. */
export type System = (dt: number) => void;
/** Where to insert a user system. */
export type Placement = {
    before: Phase;
} | {
    after: Phase;
} | {
    phase: Phase;
};
export declare class Pipeline {
    private entries;
    private ordered;
    private counter;
    /** Adds one of the library's own systems to `phase`. */
    add(phase: Phase, name: string, system: System): void;
    /** Adds a user system before/after a phase (or inside it, after its own systems). */
    use(name: string, system: System, placement: Placement): void;
    /** Removes a system added with use(). */
    remove(system: System): void;
    private insert;
    private rebuild;
    /** Systems of the phases from `first` to `last` inclusive, in order. */
    range(first: Phase, last: Phase): System[];
    /** Runs every system in order. */
    run(dt: number): void;
    /** The order, one line per system: "phase: name". */
    describe(): string[];
}
