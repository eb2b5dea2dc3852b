/**
 * What a step's timeline shows beside its packets: the events each player
 * had accepted (on a client: the server's events applied) and the packets
 * and events dropped, per player, written as the step's Events and Drops
 * records (format.ts).
 */
import type { Entity } from "@rbxts/jecs";
import { Writer, writeU8, writeVarUint } from "../../src/codec";
import type { ClientNet } from "../../src/net/client";
import type { ServerNet } from "../../src/net/server";
import { NetEvent, Sender } from "../../components/events";
import { isServerNet } from "../transportWrap";
import { StepTag } from "./format";

export class StepFacts {
	/** Drop counters already recorded, per connection (server) or for the link (client). */
	private readonly dropsSeen = new WeakMap<object, number>();
	private clientDrops = 0;
	private readonly counts = new Map<number, number>();

	constructor(
		private readonly net: ServerNet | ClientNet,
		private readonly indexOf: (player: Player) => number,
	) {}

	/** Events of this step still alive (accepted), per player. */
	writeEvents(w: Writer) {
		const net = this.net;
		const counts = this.counts;
		counts.clear();
		if (isServerNet(net)) {
			const world = net.world;
			for (const e of net.events.spawned) {
				if (!world.contains(e) || !world.has(e, NetEvent)) continue;
				const sender = world.get(e, Sender);
				if (sender === undefined) continue;
				const index = this.indexOf(sender);
				counts.set(index, (counts.get(index) ?? 0) + 1);
			}
		} else {
			let count = 0;
			for (const e of net.events.spawned) if (net.world.contains(e as Entity)) count += 1;
			if (count > 0) counts.set(0, count);
		}
		for (const [index, count] of counts) {
			writeU8(w, StepTag.Events);
			writeVarUint(w, index);
			writeVarUint(w, count);
		}
	}

	/** Packets and events dropped since the last step, per player. */
	writeDrops(w: Writer) {
		const net = this.net;
		const write = (index: number, count: number) => {
			writeU8(w, StepTag.Drops);
			writeVarUint(w, index);
			writeVarUint(w, count);
		};
		if (isServerNet(net)) {
			for (const conn of net.context.connections) {
				const dropped = conn.stats.dropped;
				const before = this.dropsSeen.get(conn) ?? 0;
				if (dropped === before) continue;
				this.dropsSeen.set(conn, dropped);
				write(this.indexOf(conn.player), dropped - before);
			}
		} else {
			const dropped = net.context.stats.dropped;
			if (dropped === this.clientDrops) return;
			write(0, dropped - this.clientDrops);
			this.clientDrops = dropped;
		}
	}
}
