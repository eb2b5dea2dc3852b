// Input on a client, driven by the spec and seen by unmodified game code:
// keys held and released (InputBegan / InputEnded / IsKeyDown as on Roblox),
// the mouse moved and clicked (UserInputService and the Player's Mouse), and
// runUntil's labelled form that fails a spec with what it waited for.
import Harness from "@rbxts/skyrocket-test";
import { assertBetween, assertEqual, check, expectError, moduleScript, replicatedStorage } from "./support";

/** Client game code: records input events and walks forward while W is held, 16 studs/s. */
const WALKER = `
local UserInputService = game:GetService("UserInputService")
local RunService = game:GetService("RunService")
local state = { z = 0, began = {}, ended = {}, processed = {} }
UserInputService.InputBegan:Connect(function(input, gameProcessed)
	table.insert(state.began, input.KeyCode.Name)
	table.insert(state.processed, gameProcessed)
end)
UserInputService.InputEnded:Connect(function(input)
	table.insert(state.ended, input.KeyCode.Name)
end)
RunService.Heartbeat:Connect(function(dt)
	if UserInputService:IsKeyDown(Enum.KeyCode.W) then
		state.z -= 16 * dt
	end
end)
return state`;

interface Walker {
	z: number;
	began: string[];
	ended: string[];
	processed: boolean[];
}

export = () => {
	afterEach(() => Harness.destroyAll()); // every game this spec file starts is freed after each test
	describe("harness input", () => {
		it("holds a key until it is released: InputBegan once, IsKeyDown in between, then InputEnded", () => {
			const sim = Harness.simulate({ clients: 1, seed: 1 });
			const client = sim.clients[0];
			const walker = client.require<Walker>(moduleScript(client, replicatedStorage(client), "Walker", WALKER));
			const uis = client.game.GetService("UserInputService");
			client.holdKey(Enum.KeyCode.W);
			client.holdKey(Enum.KeyCode.W); // already held: nothing more fires
			check(uis.IsKeyDown(Enum.KeyCode.W), "W is down while held");
			assertEqual(uis.GetKeysPressed().size(), 1, "keys pressed");
			assertEqual(uis.GetKeysPressed()[0].KeyCode, Enum.KeyCode.W, "the key pressed");
			sim.run(1);
			assertEqual(walker.began.join(","), "W", "InputBegan fired once");
			assertEqual(walker.ended.size(), 0, "no InputEnded while held");
			client.releaseKey(Enum.KeyCode.W);
			client.releaseKey(Enum.KeyCode.W); // not held any more: nothing fires
			check(!uis.IsKeyDown(Enum.KeyCode.W), "W is up once released");
			assertEqual(walker.ended.join(","), "W", "InputEnded fired once");
			assertEqual(walker.processed[0], false, "gameProcessedEvent");
			sim.destroy();
		});

		it("moves game code that reads IsKeyDown each frame for as long as the key is held", () => {
			const sim = Harness.simulate({ clients: 1, seed: 1 });
			const client = sim.clients[0];
			const walker = client.require<Walker>(moduleScript(client, replicatedStorage(client), "Walker", WALKER));
			client.holdKey(Enum.KeyCode.W);
			sim.run(1);
			client.releaseKey(Enum.KeyCode.W);
			sim.run(1);
			assertBetween(walker.z, -16.5, -15.5, "1 s of walking at 16 studs/s");
			client.pressKey(Enum.KeyCode.W); // a tap: down and up in the same frame, no frame sees it held
			sim.run(0.5);
			assertBetween(walker.z, -16.5, -15.5, "a tap does not walk");
			assertEqual(walker.began.join(","), "W,W", "the tap still fires InputBegan");
			sim.destroy();
		});

		it("moves and clicks the mouse, seen alike by UserInputService and the Player's Mouse", () => {
			const sim = Harness.simulate({ clients: 1, seed: 1 });
			const client = sim.clients[0];
			const uis = client.game.GetService("UserInputService");
			const mouse = client.localPlayer!.GetMouse();
			const seen: string[] = [];
			uis.InputChanged.Connect((input) => seen.push(`changed ${input.UserInputType.Name} ${input.Delta.X},${input.Delta.Y}`));
			uis.InputBegan.Connect((input) => seen.push(`began ${input.UserInputType.Name} ${input.Position.X},${input.Position.Y}`));
			uis.InputEnded.Connect((input) => seen.push(`ended ${input.UserInputType.Name}`));
			mouse.Move.Connect(() => seen.push(`move ${mouse.X},${mouse.Y}`));
			mouse.Button1Down.Connect(() => seen.push("button1 down"));
			mouse.Button1Up.Connect(() => seen.push("button1 up"));
			mouse.Button2Down.Connect(() => seen.push("button2 down"));

			client.moveMouse(new Vector2(100, 50));
			client.moveMouse(new Vector2(130, 40), new CFrame(1, 2, 3));
			check(uis.GetMouseLocation() === new Vector2(130, 40), "GetMouseLocation follows the mouse");
			check(uis.GetMouseDelta() === new Vector2(30, -10), "GetMouseDelta is the last move");
			check(mouse.Hit === new CFrame(1, 2, 3), "Mouse.Hit is what the spec said it points at");
			client.holdMouseButton();
			check(uis.IsMouseButtonPressed(Enum.UserInputType.MouseButton1), "button 1 is down while held");
			assertEqual(uis.GetMouseButtonsPressed().size(), 1, "buttons pressed");
			client.releaseMouseButton();
			check(!uis.IsMouseButtonPressed(Enum.UserInputType.MouseButton1), "button 1 is up once released");
			client.clickMouse(Enum.UserInputType.MouseButton2);
			assertEqual(
				seen.join(" | "),
				[
					"changed MouseMovement 100,50",
					"move 100,50",
					"changed MouseMovement 30,-10",
					"move 130,40",
					"began MouseButton1 130,40",
					"button1 down",
					"ended MouseButton1",
					"button1 up",
					"began MouseButton2 130,40",
					"button2 down",
					"ended MouseButton2",
				].join(" | "),
				"the events in order",
			);
			sim.destroy();
		});

		it("has input only on clients", () => {
			const sim = Harness.simulate({ clients: 1, seed: 1 });
			const err = expectError(() => sim.server.holdKey(Enum.KeyCode.W), "holding a key on the server");
			check(err.find("only a client has input")[0] !== undefined, `the error says why, got: ${err}`);
			sim.destroy();
		});

		it("runUntil returns whether it held, or with a label fails the spec naming what it waited for", () => {
			const sim = Harness.simulate({ seed: 1 });
			const start = sim.time;
			assertEqual(
				sim.runUntil(() => sim.time - start >= 0.5, 1),
				true,
				"held in time",
			);
			assertEqual(
				sim.runUntil(() => false, 0.5),
				false,
				"the unlabelled form returns false on timeout",
			);
			assertEqual(
				sim.runUntil(() => sim.time - start >= 1, 1, "one second passes"),
				true,
				"the labelled form returns true",
			);
			const err = expectError(() => sim.runUntil(() => false, 0.25, "every client sees 3 cheers"), "a labelled timeout");
			check(err.find("timed out after 0.25 s waiting for: every client sees 3 cheers", 1, true)[0] !== undefined, `got: ${err}`);
			check(err.find("input.spec", 1, true)[0] !== undefined, `the error points at the spec's line, got: ${err}`);
			sim.destroy();
		});
	});
};
