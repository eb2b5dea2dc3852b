// shared/game.ts: what the server and every client declare alike
import jecs from "@rbxts/jecs";
import { ClientNet, codec, EventOptions, ServerNet } from "@rbxts/skyrocket";

export const PlayerName = jecs.component<string>(); // replicated: whose avatar this is
export const Score = jecs.component<number>(); // replicated: that player's cheers
export const Cheer: EventOptions<number, "client"> = { codec: codec.u8, from: "client" }; // a client-to-server event (the server cannot send it: a compile error)

export const world = jecs.world(); // each peer (server, every client) has its own
world.set(PlayerName, jecs.Name, "PlayerName");
world.set(Score, jecs.Name, "Score");

/** Marks the components replicated, on both sides, before the first net.step. */
export function register<N extends ServerNet | ClientNet>(net: N): N {
	net.replicate(PlayerName, codec.str(50));
	net.replicate(Score, codec.u32);
	return net;
}
