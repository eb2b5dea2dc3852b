/**
 * The net step's phases, in order. Every Skyrocket system and every user
 * middleware belongs to one; `net.use(system, { before | after: Phase.X })`
 * inserts user systems relative to them.
 */
export declare const enum Phase {
    /** Drain packets the transport queued; firewall; decode with bounds checks. */
    Receive = "receive",
    /** Rate limits, schema validation, auth hooks: drop what must not pass. */
    Guard = "guard",
    /** Valid incoming events become entities for this step. */
    Events = "events",
    /** The user's game systems (the callback given to net.step). */
    Game = "game",
    /** What changed since the last step: spawns, despawns, component changes. */
    Collect = "collect",
    /** Who sees what: visibility and area of interest. */
    Interest = "interest",
    /** Priority and bandwidth budgets. */
    Prioritize = "prioritize",
    /** Build each client's packets. */
    Encode = "encode",
    /** Hand packets to the transport. */
    Send = "send",
    /** Despawn this step's event entities; update stats. */
    Cleanup = "cleanup"
}
/** All phases in run order. */
export declare const PHASES: readonly Phase[];
