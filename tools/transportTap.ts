/**
 * Taps on a net's transport for the tools that watch its traffic (the
 * profiler, the recorder): each packet in and out, each join and leave,
 * handed to a sink as it crosses (the net goes on exactly as before, a
 * broadcast stays one call). A stopped sink is skipped; the wrapper stays as
 * a pass-through.
 */
import type { ClientNet } from "../src/net/client";
import type { ServerNet } from "../src/net/server";
import { isServerNet, wrapClientTransport, wrapServerTransport } from "./transportWrap";

/** What the taps report to. Players are given as they are: the sink numbers them. */
export interface TransportSink {
	/** Whether to report at all. */
	readonly active: () => boolean;
	readonly packetIn: (player: Player | undefined, reliable: boolean, data: unknown) => void;
	/** `player` undefined: the server sent one call to every player (or a client sent to the server). */
	readonly packetOut: (player: Player | undefined, reliable: boolean, data: buffer) => void;
	readonly joined: (player: Player) => void;
	readonly left: (player: Player) => void;
}

/** Wraps `net`'s transport so `sink` hears everything that crosses it. */
export function tapTransport(net: ServerNet | ClientNet, sink: TransportSink) {
	if (isServerNet(net)) {
		wrapServerTransport(net, (inner) => {
			const wrapped: typeof inner = {
				sendReliable(player, data) {
					inner.sendReliable(player, data);
					if (sink.active()) sink.packetOut(player, true, data);
				},
				sendUnreliable(player, data) {
					inner.sendUnreliable(player, data);
					if (sink.active()) sink.packetOut(player, false, data);
				},
				broadcast(data, reliable) {
					const sent = inner.broadcast!(data, reliable);
					if (sent && sink.active()) sink.packetOut(undefined, reliable, data);
					return sent;
				},
				drain() {
					const list = inner.drain();
					if (sink.active()) for (const incoming of list) sink.packetIn(incoming.player, incoming.reliable, incoming.data);
					return list;
				},
				drainJoins() {
					const list = inner.drainJoins();
					if (sink.active()) for (const player of list) sink.joined(player);
					return list;
				},
				drainLeaves() {
					const list = inner.drainLeaves();
					if (sink.active()) for (const player of list) sink.left(player);
					return list;
				},
				destroy() {
					inner.destroy();
				},
			};
			// the net sends to each player when the transport cannot broadcast
			if (inner.broadcast === undefined) (wrapped as { broadcast?: unknown }).broadcast = undefined;
			return wrapped;
		});
	} else {
		wrapClientTransport(net, (inner) => ({
			ready() {
				return inner.ready();
			},
			sendReliable(data) {
				inner.sendReliable(data);
				if (sink.active()) sink.packetOut(undefined, true, data);
			},
			sendUnreliable(data) {
				inner.sendUnreliable(data);
				if (sink.active()) sink.packetOut(undefined, false, data);
			},
			drain() {
				const list = inner.drain();
				if (sink.active()) for (const incoming of list) sink.packetIn(undefined, incoming.reliable, incoming.data);
				return list;
			},
			destroy() {
				inner.destroy();
			},
		}));
	}
}
