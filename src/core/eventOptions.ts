import { Codec } from "../codec";
import { EventDirection, RateLimit } from "./eventRegistry";

/**
 * The payload type a side may send for an event sent by `F`: `T` when that
 * side sends it, else a message type, so a send from the wrong side is a
 * compile error that says why.
 */
export type SendableBy<Side extends "server" | "client", F extends EventDirection, T> = [F] extends [
	Side extends "server" ? "client" : "server",
]
	? Side extends "server"
		? 'Skyrocket: clients send this event (from: "client"); the server only receives it'
		: 'Skyrocket: the server sends this event (from: "server"); clients only receive it'
	: T;

/**
 * Declares a network event (`net.event(name, options)`), the same on server
 * and client. `F` is who sends it: with a literal `from` ("client",
 * "server"), the handles only offer what that side may do (a `broadcast` of a
 * client event does not compile). Declare shared options as
 * `EventOptions<number, "client">` to keep that check.
 */
export interface EventOptions<T, F extends EventDirection = EventDirection> {
	/** Encodes the payload (bounds-checked on decode). */
	codec: Codec<T>;
	/** Who sends it: "client" (to the server), "server" (to clients) or "both". */
	from: F;
	/** Reliable and ordered (default), or unreliable (may drop; for high-rate, disposable data). */
	reliable?: boolean;
	/** Optional @rbxts/t check on received payloads (server drops failures). */
	check?: (value: unknown) => boolean;
	/** Per-player rate limit on the server (default 30/s, bursts of 60). */
	rate?: RateLimit;
}

/** Declares a request a client sends and the server answers (`net.request(name, options)`). */
export interface RequestOptions<Q, R> {
	/** Encodes the request payload. */
	request: Codec<Q>;
	/** Encodes the answer. */
	response: Codec<R>;
	/** Optional @rbxts/t check on received requests. */
	check?: (value: unknown) => boolean;
	/** Per-player rate limit on the server (default 30/s, bursts of 60). */
	rate?: RateLimit;
	/** Seconds to wait for an answer per attempt (default: the client's requestTimeout, 10). */
	timeout?: number;
	/**
	 * Extra attempts after a timeout (default 0). Only for idempotent requests:
	 * a retried request may reach the server more than once.
	 */
	retries?: number;
	/** Send on the reliable channel (default true). */
	reliable?: boolean;
}
