/**
 * The one wire cost model of the library: what Roblox puts on the wire for a
 * remote call carrying one buffer, before its own compression. Budgets charge
 * it, the profiler reports it, and a spec checks it against the harness's
 * model (harness/luau/WireCost.luau, which measures every contender alike).
 * Sources: README "Wire cost model".
 */
import { varUintSize } from "../codec";

/** Bytes of every remote call, server to client. */
export const CALL_OVERHEAD = 9;
/** Extra bytes of a client-to-server call. */
export const CLIENT_TO_SERVER_OVERHEAD = 5;
/** Type tag of the one buffer argument. */
export const TYPE_TAG = 1;

/** Bytes on the wire of one remote call carrying a buffer of `size` bytes. */
export function callBytes(size: number, clientToServer: boolean): number {
	return CALL_OVERHEAD + (clientToServer ? CLIENT_TO_SERVER_OVERHEAD : 0) + TYPE_TAG + varUintSize(size) + size;
}
