/**
 * Visibility rules: which players receive an entity. Everyone by default;
 * an owner only; a set of players; or a filter function evaluated each step.
 */
export type VisibilityRule = {
    readonly kind: "all";
} | {
    readonly kind: "owner";
    readonly owner: Player;
} | {
    readonly kind: "players";
    readonly players: ReadonlySet<Player>;
} | {
    readonly kind: "filter";
    readonly filter: (player: Player) => boolean;
} | {
    readonly kind: "none";
};
/** Helpers to build visibility rules for `net.setVisibility`. */
export declare const Visible: {
    /** Every player (the default). */
    all: () => VisibilityRule;
    /** Only `owner`. */
    owner: (owner: Player) => VisibilityRule;
    /** Only these players. */
    players: (players: Player[]) => VisibilityRule;
    /** Players for which `filter` returns true (evaluated every step). */
    filter: (filter: (player: Player) => boolean) => VisibilityRule;
    /** Nobody (the entity stays server-only). */
    none: () => VisibilityRule;
};
export declare function isVisibleTo(rule: VisibilityRule | undefined, player: Player): boolean;
