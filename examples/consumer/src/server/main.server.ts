// server/main.server.ts
import { Entity } from "@rbxts/jecs";
import { RunService } from "@rbxts/services";
import { server } from "@rbxts/skyrocket";
import { Cheer, PlayerName, register, Score, world } from "../shared/game";

const net = register(server(world));
const cheer = net.event("Cheer", Cheer);
const avatars = new Map<Player, Entity>();

// a system: incoming events are entities of this step, queried like any data
function countCheers() {
	for (const [, amount, player] of cheer.incoming()) {
		let avatar = avatars.get(player);
		if (avatar === undefined) {
			avatar = world.entity();
			world.set(avatar, PlayerName, player.Name);
			avatars.set(player, avatar);
		}
		world.set(avatar, Score, (world.get(avatar, Score) ?? 0) + amount); // replicates to every client
	}
}

RunService.Heartbeat.Connect((dt) => net.step(dt, countCheers));
