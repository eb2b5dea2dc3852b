// Compile-only checks (never run): event handles are typed by direction.
// `npm test` type-checks this folder with tsc (test/types/tsconfig.json);
// roblox-ts refuses `@ts-expect-error`, so the game build leaves it out. Each
// `@ts-expect-error` fails the check if the line below it ever compiles.
import type { ClientNet, EventOptions, ServerNet } from "../../src";
import type * as Sky from "../../src";

export function eventDirections(server: ServerNet, client: ClientNet, k: typeof Sky.codec, player: Player) {
	// from: "client": clients send, the server receives
	const chat = { codec: k.str(100), from: "client" } as const;
	const serverChat = server.event("Chat", chat);
	const clientChat = client.event("Chat", chat);
	clientChat.send("hi");
	serverChat.incoming();
	// @ts-expect-error a client event: the server cannot broadcast it
	serverChat.broadcast("hi");
	// @ts-expect-error a client event: the server cannot send it to a player
	serverChat.sendTo(player, "hi");
	// @ts-expect-error a client event: the server cannot send it to all but one
	serverChat.broadcastExcept(player, "hi");

	// from: "server", declared once as shared options
	const notice: EventOptions<number, "server"> = { codec: k.u16, from: "server" };
	const serverNotice = server.event("Notice", notice);
	const clientNotice = client.event("Notice", notice);
	serverNotice.broadcast(1);
	serverNotice.sendTo(player, 2);
	serverNotice.broadcastExcept(player, 3);
	clientNotice.incoming();
	// @ts-expect-error a server event: a client cannot send it
	clientNotice.send(1);

	// from: "both": either side sends
	const ping = { codec: k.u16, from: "both" } as const;
	server.event("Ping", ping).broadcast(1);
	client.event("Ping", ping).send(1);

	// payloads are still checked against the codec
	// @ts-expect-error a string is not a u16 payload
	client.event("Ping2", ping).send("one");

	// options typed without a direction keep every method (checked at run time only)
	const loose: EventOptions<number> = { codec: k.u16, from: "server" };
	client.event("Loose", loose).send(1);
}
