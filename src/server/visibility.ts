/**
 * Visibility rules: which players receive an entity. Everyone by default;
 * an owner only; a set of players; or a filter function evaluated each step.
 */
import type { VisibilityRule } from "../../components/replication";
export type { VisibilityRule };

/** Helpers to build visibility rules for `net.setVisibility`. */
export const Visible = {
	/** Every player (the default). */
	all: (): VisibilityRule => ({ kind: "all" }),
	/** Only `owner`. */
	owner: (owner: Player): VisibilityRule => ({ kind: "owner", owner }),
	/** Only these players. */
	players: (players: Player[]): VisibilityRule => ({ kind: "players", players: new Set(players) }),
	/** Players for which `filter` returns true (evaluated every step). */
	filter: (filter: (player: Player) => boolean): VisibilityRule => ({ kind: "filter", filter }),
	/** Nobody (the entity stays server-only). */
	none: (): VisibilityRule => ({ kind: "none" }),
};

export function isVisibleTo(rule: VisibilityRule | undefined, player: Player): boolean {
	if (rule === undefined) return true;
	switch (rule.kind) {
		case "all":
			return true;
		case "owner":
			return rule.owner === player;
		case "players":
			return rule.players.has(player);
		case "filter":
			return rule.filter(player) === true;
		case "none":
			return false;
	}
}
