// client/main.client.ts
import { RunService, UserInputService } from "@rbxts/services";
import { client } from "@rbxts/skyrocket";
import { Cheer, PlayerName, register, Score, world } from "../shared/game";

const net = register(client(world));
const cheer = net.event("Cheer", Cheer);
UserInputService.InputBegan.Connect((input) => {
	if (input.KeyCode === Enum.KeyCode.Space) cheer.send(1); // sent with this client's next step
});

// a client system: replicated entities are ordinary entities in this world
const shown = new Map<string, number>();
function showScores() {
	for (const [, name, score] of world.query(PlayerName, Score)) {
		if (shown.get(name) !== score) print(`${name}: ${score}`);
		shown.set(name, score);
	}
}

RunService.Heartbeat.Connect((dt) => net.step(dt, showScores));
