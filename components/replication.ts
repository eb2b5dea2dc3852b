/**
 * Components of replication. Skyrocket declares its components once, as jecs
 * global components, so they exist in every world created after Skyrocket is
 * imported.
 */
import jecs from "@rbxts/jecs";

/** Who may see an entity: build one with `Visible.all()`, `Visible.owner(player)`, ... */
export type VisibilityRule =
	| { readonly kind: "all" }
	| { readonly kind: "owner"; readonly owner: Player }
	| { readonly kind: "players"; readonly players: ReadonlySet<Player> }
	| { readonly kind: "filter"; readonly filter: (player: Player) => boolean }
	| { readonly kind: "none" };

/** How a replicated id travels (the part of Skyrocket's registration a game may read). */
export interface NetworkedData {
	/** Wire name, the same on server and client. */
	readonly name: string;
	/** "reliable" (every change, in order) or "unreliable" (newest wins). */
	readonly unreliable: boolean;
	/** 1-based registration order: the id on the wire on the server; on a client, its own order (the server's ids are mapped to it when the schema arrives). */
	readonly wireId: number;
}

/**
 * On a component/tag/relation entity: marks it replicated, with how it travels
 * (`world.query(Networked)` lists them). A net refuses an id another net on the
 * same world already marked; destroy() removes the marks.
 */
export const Networked = jecs.component<NetworkedData>();

/**
 * Server: who may see an entity (default: everyone). Write it like any
 * component (`world.set(e, Visibility, Visible.owner(player))`, or
 * `net.setVisibility`); a change takes effect at the next net step, and
 * removing it makes the entity visible to everyone again.
 */
export const Visibility = jecs.component<VisibilityRule>();

/** Client: the server's handle of a replicated entity (the wire id of that entity). */
export const ServerHandle = jecs.component<number>();

/** Client: tag on every entity that came from the server. */
export const FromServer = jecs.tag();
