/**
 * The `attack` scenario's hostile client: a peer with no net that says hello,
 * never acknowledges, and (flooding) fires at Skyrocket's reliable remote what the
 * firewall's defaults let through at most: 65,536 bytes a second as four
 * dense 16 KiB packets of small events (about 2,300 each), every event far
 * over its rate limit. Its packets are built outside the timed server work.
 */
import type { Peer, Simulation } from "@rbxts/skyrocket-test";
import type * as SkyrocketModule from "../../src";

type Sky = typeof SkyrocketModule;

/** Client packet kind and record opcodes (src/wire/protocol.ts). */
const CLIENT_RELIABLE = 3;
const OP_EVENT = 12;
const OP_HELLO = 13;
const PROTOCOL_VERSION = 2;
/** The firewall's defaults: bytes per second per player and largest packet. */
const BYTES_PER_SECOND = 65536;
const PACKET_BYTES = 16384;

/**
 * Joins a hostile peer that says hello and never acknowledges anything; with
 * `flood`, it floods the server with events of wire id `eventId` from then on.
 */
export function startAttack(sim: Simulation, sky: Sky, eventId: number, flood: boolean): Peer {
	const peer = sim.addClient();
	const k = sky.codec;
	const remote = peer.game.GetService("ReplicatedStorage").WaitForChild("SkyrocketNet").WaitForChild("Reliable") as RemoteEvent;
	let seq = 0;
	const packet = (body: (w: ReturnType<typeof k.newWriter>) => void) => {
		const w = k.newWriter(PACKET_BYTES);
		k.writeU8(w, CLIENT_RELIABLE);
		seq += 1;
		k.writeVarUint(w, seq);
		body(w);
		return k.toBuffer(w);
	};
	remote.FireServer(
		packet((w) => {
			k.writeU8(w, OP_HELLO);
			k.writeVarUint(w, PROTOCOL_VERSION);
		}),
	);
	const frameRate = 1 / sim.dt;
	const every = math.max(1, math.round((frameRate * PACKET_BYTES) / BYTES_PER_SECOND));
	let frame = 0;
	if (flood)
		peer.game.GetService("RunService").Heartbeat.Connect(() => {
			frame += 1;
			if (frame % every !== 0) return;
			remote.FireServer(
				packet((w) => {
					// event records of a 4-byte payload: 7 bytes each, up to the packet limit
					while (w.p + 7 <= PACKET_BYTES - 16) {
						k.writeU8(w, OP_EVENT);
						k.writeVarUint(w, eventId);
						k.writeVarUint(w, 4);
						k.writeU32(w, frame);
					}
				}),
			);
		});
	return peer;
}
