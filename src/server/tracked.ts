/**
 * What the server knows about each replicated entity: its handle, the last
 * replicated (canonical) value of each reliable component, its tags and
 * relation pairs. Unreliable components live in the mutation store, by handle;
 * `values` marks them present with UNRELIABLE.
 */
import { Entity } from "@rbxts/jecs";
import { VisibilityRule } from "./visibility";
export { NONE, stored, unstored } from "../core/stored";

export interface TrackedEntity {
	readonly entity: Entity;
	readonly handle: number;
	/** Canonical value per wire id, as last replicated (NONE for a nil value; UNRELIABLE: in the mutation store). */
	readonly values: Map<number, unknown>;
	/** Wire ids of replicated tags present. */
	readonly tags: Set<number>;
	/** Relation pairs present: key `${relationWireId}:${target}` -> [relationWireId, target]. */
	readonly pairs: Map<string, [number, Entity]>;
	/** Visibility rule (undefined: everyone). */
	rule?: VisibilityRule;
}

/** Marks an unreliable component present in TrackedEntity.values (its value is in the mutation store). */
export const UNRELIABLE = table.freeze({ unreliable: true }) as unknown;

/** What changed on one entity during a step (built by collectChanges). */
export interface EntityChange {
	tracked: TrackedEntity;
	spawned: boolean;
	despawned: boolean;
	/** Reliable components inserted (full value) or changed (delta), by wire id. */
	readonly inserted: number[];
	readonly changed: number[];
	/** Previous canonical value of each changed component (for field masks). */
	readonly previous: Map<number, unknown>;
	readonly removed: number[];
	readonly tagsAdded: number[];
	readonly tagsRemoved: number[];
	readonly pairsAdded: [number, Entity][];
	readonly pairsRemoved: [number, Entity][];
	/** Unreliable components inserted or removed: mutation state restarts. */
	mutReset: boolean;
}

export function newChange(tracked: TrackedEntity): EntityChange {
	return {
		tracked,
		spawned: false,
		despawned: false,
		inserted: [],
		changed: [],
		previous: new Map(),
		removed: [],
		tagsAdded: [],
		tagsRemoved: [],
		pairsAdded: [],
		pairsRemoved: [],
		mutReset: false,
	};
}

/** A change record for `tracked`: a pooled one when there is one (changes live for one step). */
export function takeChange(pool: EntityChange[], tracked: TrackedEntity): EntityChange {
	const c = pool.pop();
	if (c === undefined) return newChange(tracked);
	c.tracked = tracked;
	return c;
}

/** Empties `c` and returns it to `pool` (at the end of the step that used it). */
export function releaseChange(pool: EntityChange[], c: EntityChange) {
	c.spawned = false;
	c.despawned = false;
	c.inserted.clear();
	c.changed.clear();
	c.previous.clear();
	c.removed.clear();
	c.tagsAdded.clear();
	c.tagsRemoved.clear();
	c.pairsAdded.clear();
	c.pairsRemoved.clear();
	c.mutReset = false;
	pool.push(c);
}

export function hasReliableChange(c: EntityChange): boolean {
	return (
		c.inserted.size() > 0 ||
		c.changed.size() > 0 ||
		c.removed.size() > 0 ||
		c.tagsAdded.size() > 0 ||
		c.tagsRemoved.size() > 0 ||
		c.pairsAdded.size() > 0 ||
		c.pairsRemoved.size() > 0
	);
}
