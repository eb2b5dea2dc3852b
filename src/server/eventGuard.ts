/**
 * The guards that run on each event record before its payload is decoded, so
 * refusing costs no decoding and no entity: the flood limit (all of a
 * player's events and clock pings), the event's own rate limit, and replayed
 * request ids. Token buckets refill continuously; a bucket starts full.
 */
import { ResolvedGuardConfig } from "../core/guardConfig";
import { EventInfo } from "../core/eventRegistry";
import { ViolationKind } from "../../components/events";
import { ConnectionState } from "./connection";
import { admitSeq } from "./seqWindow";

/** Takes one token from `bucket` ([tokens, last refill time]), refilled at `rate` per second up to `burst`; false when none is left. */
export function take(bucket: [number, number], now: number, rate: number, burst: number): boolean {
	const refilled = math.min(burst, bucket[0] + (now - bucket[1]) * rate);
	bucket[1] = now;
	if (refilled >= 1) {
		bucket[0] = refilled - 1;
		return true;
	}
	bucket[0] = refilled;
	return false;
}

export class EventGuard {
	private readonly floodBucket: [number, number] = [0, 0];
	/** Why the last refusal happened (constant strings: refusing allocates nothing). */
	detail = "";
	private readonly floodDetail: string;
	private readonly rateDetails = new Map<EventInfo, string>();

	constructor(readonly config: ResolvedGuardConfig) {
		this.floodDetail = `over ${config.flood.rate} events per second in total`;
	}

	/** Charges one record (an event or a clock ping) to the player's flood limit; false when over it. */
	takeFlood(conn: ConnectionState, now: number): boolean {
		const g = conn.guard;
		// empty already at this instant (a flood within one step): refused without arithmetic
		if (g.floodLast === now && g.floodTokens < 1 && g.floodTokens >= 0) return false;
		const flood = this.config.flood;
		if (g.floodTokens < 0) {
			g.floodTokens = flood.burst;
			g.floodLast = now;
		}
		const b = this.floodBucket;
		b[0] = g.floodTokens;
		b[1] = g.floodLast;
		const ok = take(b, now, flood.rate, flood.burst);
		g.floodTokens = b[0];
		g.floodLast = b[1];
		return ok;
	}

	/**
	 * Whether an event (or request `requestId`) of `info` from `conn` may be
	 * decoded now: undefined if so, else the kind of violation (why: `detail`).
	 */
	admit(conn: ConnectionState, info: EventInfo, requestId: number | undefined, now: number): ViolationKind | undefined {
		if (requestId !== undefined && !admitSeq(conn.guard.requestIds, requestId)) {
			this.detail = "a request id was used twice (each request is processed at most once)";
			return "replay";
		}
		if (!this.takeFlood(conn, now)) {
			this.detail = this.floodDetail;
			return "flood";
		}
		let bucket = conn.guard.buckets.get(info.id);
		if (bucket === undefined) {
			bucket = [info.rate.burst, now];
			conn.guard.buckets.set(info.id, bucket);
		}
		if (!take(bucket, now, info.rate.rate, info.rate.burst)) {
			let detail = this.rateDetails.get(info);
			if (detail === undefined) {
				detail = `over ${info.rate.rate} per second`;
				this.rateDetails.set(info, detail);
			}
			this.detail = detail;
			return "rate-limit";
		}
		return undefined;
	}
}
