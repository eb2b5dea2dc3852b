import { Codec } from "../codec";
import { EventDirection, RateLimit } from "./eventRegistry";

/** Declares a network event (`net.event(name, options)`), the same on server and client. */
export interface EventOptions<T> {
	/** Encodes the payload (bounds-checked on decode). */
	codec: Codec<T>;
	/** Who sends it: "client" (to the server), "server" (to clients) or "both". */
	from: EventDirection;
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
