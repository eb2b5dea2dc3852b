/**
 * The server's whole tick, top to bottom: every system Skyrocket runs on the
 * server, in order, by phase (see phases.ts). Middleware (`net.use`) and the
 * tools insert their own systems around these; `net.describePipeline()`
 * lists the result.
 */
import { World } from "@rbxts/jecs";
import { ServerContext } from "../server/context";
import { ServerEvents } from "../server/events";
import { ServerTransactions } from "../server/transactions";
import { AtomicScope } from "../server/atomic";
import { ServerPhase } from "./phases";
import { Pipeline, System } from "./pipeline";
import { receivePackets, RecordHandler } from "../../systems/server/receivePackets";
import { validateEvents } from "../../systems/server/validateEvents";
import { openTransactions } from "../../systems/server/openTransactions";
import { commitTransactions } from "../../systems/server/commitTransactions";
import { collectChanges } from "../../systems/server/collectChanges";
import { sendAtomicReliably } from "../../systems/server/sendAtomicReliably";
import { updateVisibility } from "../../systems/server/updateVisibility";
import { groupClients } from "../../systems/server/groupClients";
import { refillBudget } from "../../systems/server/refillBudget";
import { encodeReliable } from "../../systems/server/encodeReliable";
import { encodeMutations } from "../../systems/server/encodeMutations";
import { sendPackets } from "../../systems/server/sendPackets";
import { cleanupEvents } from "../../systems/server/cleanupEvents";
import { finishStep } from "../../systems/server/finishStep";

export interface ServerScheduleParts {
	readonly world: World;
	readonly ctx: ServerContext;
	readonly events: ServerEvents;
	/** Client transactions: guarded, opened and committed as units. */
	readonly transactions: ServerTransactions;
	/** Entities changed inside net.atomic. */
	readonly atomic: AtomicScope;
	/** Decoders of client records beyond the core's (events, requests, clock pings). */
	readonly recordHandlers: RecordHandler[];
	/** Runs the game's systems of this step. */
	readonly game: System;
}

export function serverSchedule(p: Pipeline<ServerPhase>, parts: ServerScheduleParts) {
	const { world, ctx, events, transactions, recordHandlers } = parts;
	p.add(ServerPhase.Receive, "receivePackets", receivePackets(ctx, world, events, recordHandlers));
	// (rate limits, the flood limit and replayed request ids are refused while decoding: see eventGuard.ts)
	p.add(ServerPhase.Guard, "validateEvents", validateEvents(ctx, events));
	p.add(ServerPhase.Guard, "openTransactions", openTransactions(transactions));
	p.add(ServerPhase.Transaction, "commitTransactions", commitTransactions(transactions));
	// (Events: prediction's input systems, added by net.prediction)
	p.add(ServerPhase.Game, "game", parts.game);
	p.add(ServerPhase.Collect, "collectChanges", collectChanges(ctx));
	p.add(ServerPhase.Collect, "sendAtomicReliably", sendAtomicReliably(ctx, parts.atomic));
	p.add(ServerPhase.Interest, "updateVisibility", updateVisibility(ctx));
	p.add(ServerPhase.Interest, "groupClients", groupClients(ctx));
	p.add(ServerPhase.Prioritize, "refillBudget", refillBudget(ctx));
	p.add(ServerPhase.Encode, "encodeReliable", encodeReliable(ctx));
	p.add(ServerPhase.Encode, "encodeMutations", encodeMutations(ctx));
	p.add(ServerPhase.Encode, "encodeUnreliableEvents", () => events.flushUnreliable());
	p.add(ServerPhase.Send, "sendPackets", sendPackets(ctx, events));
	p.add(ServerPhase.Cleanup, "cleanupEvents", cleanupEvents(events));
	p.add(ServerPhase.Cleanup, "finishStep", finishStep(ctx));
	// (Cleanup: rollback history, added by net.rollback)
}
