/**
 * The phases of each side's net step, in order (the whole tick of each side
 * reads top to bottom in serverSchedule.ts and clientSchedule.ts). Every
 * Skyrocket system and every user middleware belongs to one;
 * `net.use(system, { before | after | phase: ServerPhase.X })` inserts user
 * systems relative to them.
 */

/** Phases of the server's net step. */
export const enum ServerPhase {
	/**
	 * Players join and leave; the firewall; replayed packets refused; packets decoded strictly (a bad one is
	 * dropped whole); rate limits and the flood limit refuse events before their payload is decoded; acks move baselines.
	 */
	Receive = "receive",
	/**
	 * `check` validation drops events that must not pass (your auth middleware goes after); last, client
	 * transactions are guarded (their size caps and every event's `check`) and the events of those that pass
	 * spawn, pending (their flood and transaction rate tokens were taken as they were decoded).
	 */
	Guard = "guard",
	/**
	 * Pending transactions commit (their events go on to the next phases, together) or fail whole (their
	 * events are despawned); the clients hear which. Fail one from a system placed before this phase
	 * (`{ before: ServerPhase.Transaction }`) with `tx.fail(reason)` or `net.failTransaction`.
	 */
	Transaction = "transaction",
	/** Incoming events are entities of this step; prediction applies players' inputs. */
	Events = "events",
	/** Your game systems (the callback given to net.step). */
	Game = "game",
	/** What changed since the last step: spawns, despawns, component values (quantized and compared); then observers are called (once any is connected). */
	Collect = "collect",
	/** Who sees what: visibility rules and area of interest; clients grouped by identical replication state. */
	Interest = "interest",
	/** Bandwidth budgets refilled (which updates fit is chosen per group as they are encoded). */
	Prioritize = "prioritize",
	/** One reliable packet per client; unreliable packets per replication group; lost packets patched. */
	Encode = "encode",
	/** Packets to the transport, within budgets (one call for everyone when they all get the same bytes). */
	Send = "send",
	/** This step's event entities despawned; the tick advances; rollback history recorded. */
	Cleanup = "cleanup",
}

/** Server phases in run order. */
export const SERVER_PHASES: readonly ServerPhase[] = [
	ServerPhase.Receive,
	ServerPhase.Guard,
	ServerPhase.Transaction,
	ServerPhase.Events,
	ServerPhase.Game,
	ServerPhase.Collect,
	ServerPhase.Interest,
	ServerPhase.Prioritize,
	ServerPhase.Encode,
	ServerPhase.Send,
	ServerPhase.Cleanup,
];

/** Phases of the client's net step. */
export const enum ClientPhase {
	/** Hello; the server's packets applied (updates, mutations, events: event entities spawn here); server authority restored; then observers are called (once any is connected). */
	Receive = "receive",
	/** Prediction rewinds to the server's state and replays the inputs it has not applied yet. */
	Reconcile = "reconcile",
	/** Interpolated components write their Rendered value for this frame. */
	Interpolate = "interpolate",
	/** Your game systems (the callback given to net.step). */
	Game = "game",
	/** Prediction applies this frame's input at once. */
	Predict = "predict",
	/** Events, requests, inputs and acks to the server. */
	Send = "send",
	/** This step's event entities despawned. */
	Cleanup = "cleanup",
}

/** Client phases in run order. */
export const CLIENT_PHASES: readonly ClientPhase[] = [
	ClientPhase.Receive,
	ClientPhase.Reconcile,
	ClientPhase.Interpolate,
	ClientPhase.Game,
	ClientPhase.Predict,
	ClientPhase.Send,
	ClientPhase.Cleanup,
];
