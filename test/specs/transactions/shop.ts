/**
 * The game the transaction specs play: a wallet (replicated Coins) per
 * player, and a shop whose purchase is a bundle of two client events,
 * BuyItem (item number, checked < 50) and Equip (slot, checked < 10). The
 * server's game applies a committed bundle as one purchase; a policy placed
 * before ServerPhase.Transaction fails bundles the buyer cannot afford.
 */
import type { Entity } from "@rbxts/jecs";
import type { LinkOptions } from "@rbxts/skyrocket-test";
import { netSim, Side } from "../../support/net";
import type { ServerNet } from "../../../src/net/server";
import type { ClientNet } from "../../../src/net/client";
import type { ClientEventHandle, ServerConfig, ClientConfig, ServerEventHandle, TransactionData } from "../../../src";

export interface ShopComponents {
	Coins: Entity<number>;
}

type Handle<N, T> = N extends ServerNet ? ServerEventHandle<T> : ClientEventHandle<T>;

export interface ShopEvents<N> {
	readonly BuyItem: Handle<N, number>;
	readonly Equip: Handle<N, number>;
}

/** What one committed bundle did on the server. */
export interface Purchase {
	readonly player: Player;
	readonly tx: TransactionData;
	readonly item: number;
	readonly slot: number;
	readonly tick: number;
}

export const PRICE = 10;
export const START_COINS = 1000;

export function shop(options: {
	seed: number;
	clients: number;
	link?: LinkOptions;
	serverConfig?: ServerConfig;
	clientConfig?: ClientConfig;
}) {
	const events = new Map<ServerNet | ClientNet, ShopEvents<ServerNet> | ShopEvents<ClientNet>>();
	const ns = netSim<ShopComponents>({
		sim: { clients: options.clients, seed: options.seed, link: options.link ?? { latency: 0.05 } },
		serverConfig: options.serverConfig,
		clientConfig: options.clientConfig,
		define: (jecs) => ({ Coins: jecs.component<number>() }),
		register: (net, c, world, sky, jecs) => {
			const k = sky.codec;
			world.set(c.Coins, jecs.Name, "Coins");
			net.replicate(c.Coins, k.u32);
			events.set(net, {
				BuyItem: net.event("BuyItem", { codec: k.u8, from: "client", check: (v) => typeIs(v, "number") && v < 50 }),
				Equip: net.event("Equip", { codec: k.u8, from: "client", check: (v) => typeIs(v, "number") && v < 10 }),
			} as ShopEvents<ServerNet>);
		},
	});
	const server = ns.server;
	const world = server.world;
	const Transaction = server.sky.Transaction;
	const serverEvents = events.get(server.net) as ShopEvents<ServerNet>;
	const wallets = new Map<Player, Entity>();
	const purchases: Purchase[] = [];
	/** Every BuyItem/Equip the game phase saw outside a committed bundle (must stay empty). */
	const strays: string[] = [];

	const walletOf = (player: Player) => {
		let wallet = wallets.get(player);
		if (wallet === undefined) {
			wallet = world.entity();
			world.set(wallet, server.c.Coins, START_COINS);
			wallets.set(player, wallet);
		}
		return wallet;
	};
	for (const p of server.net.players()) walletOf(p);
	// wallets exist from the first step a player is connected
	server.net.use(
		() => {
			for (const p of server.net.players()) walletOf(p);
		},
		{ after: server.sky.ServerPhase.Receive },
		"wallets",
	);

	// policy: a bundle whose purchase the buyer cannot afford fails before it commits
	server.net.use(
		() => {
			// what this step's earlier bundles of the same player will spend
			const spending = new Map<Player, number>();
			for (const [e, item, player] of serverEvents.BuyItem.incoming()) {
				const tx = world.get(e, Transaction);
				if (tx === undefined) continue;
				const coins = world.get(walletOf(player), server.c.Coins)! - (spending.get(player) ?? 0);
				if (item * PRICE > coins) tx.fail(`not enough coins: ${item * PRICE} > ${coins}`);
				else spending.set(player, (spending.get(player) ?? 0) + item * PRICE);
			}
		},
		{ before: server.sky.ServerPhase.Transaction },
		"shop policy",
	);

	server.game = () => {
		const equips = new Map<TransactionData, number>();
		for (const [e, slot] of serverEvents.Equip.incoming()) {
			const tx = world.get(e, Transaction);
			if (tx === undefined || tx.state !== "committed") strays.push(`Equip ${slot}`);
			else equips.set(tx, slot);
		}
		for (const [e, item, player] of serverEvents.BuyItem.incoming()) {
			const tx = world.get(e, Transaction);
			if (tx === undefined || tx.state !== "committed") {
				strays.push(`BuyItem ${item}`);
				continue;
			}
			const wallet = walletOf(player);
			world.set(wallet, server.c.Coins, world.get(wallet, server.c.Coins)! - item * PRICE);
			purchases.push({ player, tx, item, slot: equips.get(tx) ?? -1, tick: server.net.tick() });
		}
	};

	const clientEvents = (side: Side<ClientNet, ShopComponents>) => events.get(side.net) as ShopEvents<ClientNet>;
	/** The client's own wallet entity (once replicated). */
	const clientWallet = (side: Side<ClientNet, ShopComponents>) => {
		const handle = server.net.handleOf(walletOf(side.peer.serverPlayer));
		return handle !== undefined ? side.net.entityOf(handle) : undefined;
	};
	return { ...ns, serverEvents, clientEvents, walletOf, clientWallet, purchases, strays };
}
