/**
 * Transports that play a recording back: each step, the packets (and, on a
 * server, the joins and leaves) that arrived in that step of the recording;
 * what the replayed net sends goes nowhere.
 */
import { ClientTransport, Incoming, ServerTransport } from "../../src/transport/transport";
import type { RecordedPacket, RecordedStep } from "./format";

/** What the net receives for one recorded packet (a value that was not a buffer comes back as its type name). */
function payload(p: RecordedPacket): unknown {
	return p.data ?? p.other ?? "";
}

export class ReplayServerTransport implements ServerTransport {
	private incoming: Incoming[] = [];
	private joins: Player[] = [];
	private leaves: Player[] = [];

	constructor(private readonly playerOf: (index: number) => Player) {}

	/** Queues what arrived in `step` of the recording. */
	load(step: RecordedStep) {
		for (const index of step.joins) this.joins.push(this.playerOf(index));
		for (const p of step.inbound) this.incoming.push({ player: this.playerOf(p.player), data: payload(p), reliable: p.reliable });
		for (const index of step.leaves) {
			const player = this.playerOf(index);
			// as Roblox does when a player leaves: what the game checks (player.Parent) says so
			pcall(() => (player.Parent = undefined));
			this.leaves.push(player);
		}
	}

	sendReliable() {}
	sendUnreliable() {}
	drain(): Incoming[] {
		const out = this.incoming;
		this.incoming = [];
		return out;
	}
	drainJoins(): Player[] {
		const out = this.joins;
		this.joins = [];
		return out;
	}
	drainLeaves(): Player[] {
		const out = this.leaves;
		this.leaves = [];
		return out;
	}
	destroy() {}
}

export class ReplayClientTransport implements ClientTransport {
	private incoming: Incoming[] = [];

	/** Queues what arrived in `step` of the recording. */
	load(step: RecordedStep) {
		for (const p of step.inbound) this.incoming.push({ data: payload(p), reliable: p.reliable });
	}

	ready() {
		return true;
	}
	sendReliable() {}
	sendUnreliable() {}
	drain(): Incoming[] {
		const out = this.incoming;
		this.incoming = [];
		return out;
	}
	destroy() {}
}
