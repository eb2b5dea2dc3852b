/**
 * Profiler, before the encode phase (server): asks the mutation encoder to
 * report the bytes of each unreliable value it writes (with its number of recipients) into
 * the component tally. The encoder clears the request after each step, so a
 * stopped profiler (whose system no longer runs) costs nothing.
 */
import { ServerContext } from "../../src/server/context";
import { ComponentTally, tallyComponent } from "./tally";

export function measureMutationBytes(ctx: ServerContext, tally: ComponentTally) {
	const record = (wire: number, bytes: number, copies: number) => tallyComponent(tally, wire, bytes, copies);
	return () => {
		ctx.mutationTally = record;
	};
}
