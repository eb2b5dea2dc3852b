/**
 * The harness's file access and stand-in players: Harness.writeFile and
 * readFile carry any bytes (across the chunks they travel in to and from the
 * host), and Harness.player makes a Player no client controls.
 */
import Harness from "@rbxts/skyrocket-test";
import { assertEqual, check } from "../../support/check";

export = () => {
	describe("harness files and players", () => {
		it("writes and reads back any bytes, large files included", () => {
			const size = 200003; // over three of the 64 KiB chunks, not a multiple of one
			const data = buffer.create(size);
			for (let i = 0; i < size; i++) buffer.writeu8(data, i, (i * 7 + (i >> 8)) % 256);
			Harness.writeFile("out/harness-spec/bytes.bin", data);
			const back = Harness.readFile("out/harness-spec/bytes.bin");
			assertEqual(buffer.len(back), size, "the file's size");
			assertEqual(buffer.tostring(back), buffer.tostring(data), "the same bytes");
			Harness.writeFile("out/harness-spec/text.txt", "hello\0world");
			assertEqual(buffer.tostring(Harness.readFile("out/harness-spec/text.txt")), "hello\0world", "a string is written as its bytes");
			const [ok, err] = pcall(() => Harness.readFile("out/harness-spec/missing.bin"));
			check(!ok, `a missing file is an error (${err})`);
		});

		it("makes stand-in Players that no client controls", () => {
			const player = Harness.player("Replayed", 1234);
			check(player.IsA("Player"), "a Player");
			assertEqual(player.Name, "Replayed", "its name");
			assertEqual(player.UserId, 1234, "its UserId");
			assertEqual(player.Parent, game.GetService("Players"), "in the runner's Players, as a connected player");
			player.Kick("bye"); // does nothing
			player.Destroy();
		});
	});
};
