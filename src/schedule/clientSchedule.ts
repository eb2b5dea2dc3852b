/**
 * The client's whole tick, top to bottom: every system Skyrocket runs on the
 * client, in order, by phase (see phases.ts). Interpolation and prediction
 * add theirs when declared; middleware (`net.use`) and the tools insert their
 * own around these; `net.describePipeline()` lists the result.
 */
import { ClientContext } from "../client/context";
import { ClientEvents } from "../client/events";
import { ClientPhase } from "./phases";
import { Pipeline, System } from "./pipeline";
import { receivePackets } from "../../systems/client/receivePackets";
import { sendPackets } from "../../systems/client/sendPackets";

export interface ClientScheduleParts {
	readonly ctx: ClientContext;
	readonly events: ClientEvents;
	/** Puts back replicated values the game changed locally (see enforceAuthority). */
	readonly authority: System;
	/** Runs the game's systems of this step. */
	readonly game: System;
	readonly pingInterval: number;
}

export function clientSchedule(p: Pipeline<ClientPhase>, parts: ClientScheduleParts) {
	const { ctx, events, authority, pingInterval } = parts;
	p.add(ClientPhase.Receive, "receivePackets", receivePackets(ctx));
	p.add(ClientPhase.Receive, "enforceAuthority", authority);
	// (Reconcile: prediction rewinds and replays, added by net.prediction)
	// (Interpolate: interpolated components render, added by net.interpolate)
	p.add(ClientPhase.Game, "game", parts.game);
	// (Predict: prediction applies this frame's input, added by net.prediction)
	p.add(ClientPhase.Send, "sendPackets", sendPackets(ctx, events, pingInterval));
	// (Send: expireTransactions, added by the first net.transaction)
	p.add(ClientPhase.Cleanup, "cleanupEvents", () => events.cleanup());
}
