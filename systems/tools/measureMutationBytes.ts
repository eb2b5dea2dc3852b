/**
 * Profiler, after the encode phase (server): attributes this step's
 * unreliable mutation bytes to components. For every mutation packet encoded
 * this step it sizes each value the encoder wrote, against the same baseline
 * (a delta, or the whole value when the baseline is too old). Record and
 * group headers are overhead, not attributed.
 */
import { newWriter, resetWriter, Writer } from "../../src/codec";
import { ConnectionState } from "../../src/replication/connection";
import { ServerContext } from "../../src/replication/serverContext";
import { ComponentTally, tallyComponent } from "../../src/tools/tally";
import { BASELINE_AGE_LIMIT } from "../server/encodeMutations";

export function measureMutationBytes(ctx: ServerContext, tally: ComponentTally, seqBeforeEncode: Map<ConnectionState, number>) {
	const scratch: Writer = newWriter(256);
	return () => {
		const unreliable = ctx.registry.unreliable;
		const u = unreliable.size();
		if (u === 0) return;
		for (const conn of ctx.connections) {
			const first = seqBeforeEncode.get(conn);
			if (first === undefined) continue;
			for (let seq = first; seq < conn.nextSeq; seq++) {
				const packet = conn.sent.get(seq);
				if (packet === undefined) continue;
				for (let j = 0; j < packet.entities.size(); j++) {
					const base = conn.bases.get(packet.entities[j]);
					if (base === undefined) continue;
					const cur = packet.values[j];
					const absolute = base.seq > 0 && first - base.seq > BASELINE_AGE_LIMIT;
					for (let i = 0; i < u; i++) {
						const value = cur[i];
						if (value === undefined) continue;
						const codec = unreliable[i].codec!;
						const bv = base.values[i];
						if (!absolute && bv !== undefined && (bv === value || codec.equals(bv, value))) continue;
						resetWriter(scratch);
						if (!absolute && bv !== undefined && codec.writeDelta) codec.writeDelta(scratch, bv, value, ctx.codecContext);
						else codec.write(scratch, value, ctx.codecContext);
						tallyComponent(tally, unreliable[i].wireId, scratch.p, 1);
					}
				}
			}
		}
	};
}
