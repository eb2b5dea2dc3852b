/**
 * NetProperty, the part both sides share. A property is a replicated
 * component underneath (one wire, one set of guarantees: strict decoding,
 * budgets, profiler counters, deltas): a per-player property is a component on
 * an entity only that player sees (Visible.owner), a global one a component on
 * an entity everyone sees. Each side finds those entities by a replicated tag.
 */
import jecs, { Entity, World } from "@rbxts/jecs";
import { Codec } from "../codec";

/** "player": one value per player, sent only to that player. "global": one value for everyone. */
export type PropertyScope = "player" | "global";

/** Options of `net.property(name, codec, options)`, the same on both sides. */
export interface PropertyOptions {
	/** "player" (default): a value per player, only that player receives it; "global": one value everyone receives. */
	scope?: PropertyScope;
	/** "reliable" (default: every change, in order, as a delta) or "unreliable" (newest wins; see ReplicateOptions). */
	channel?: "reliable" | "unreliable";
	/** Optional @rbxts/t check run on every value (server before sending, client after decoding). */
	check?: (value: unknown) => boolean;
}

/** Wire names of the tags that mark the entities holding properties. */
export const HOLDER_TAGS: Record<PropertyScope, string> = {
	player: "Skyrocket.PlayerProperties",
	global: "Skyrocket.GlobalProperties",
};

/** What a net offers that declaring a property needs (both nets do). */
export interface PropertyHost {
	readonly world: World;
	replicate<T>(
		component: Entity<T>,
		options: { codec: Codec<T>; channel?: "reliable" | "unreliable"; check?: (value: unknown) => boolean; name?: string },
	): unknown;
	replicateTag(tag: Entity, name?: string): unknown;
}

/** Per net: the holder tags, created (and replicated) with the first property of each scope. */
export class HolderTags {
	private readonly tags = new Map<PropertyScope, Entity>();

	constructor(private readonly host: PropertyHost) {}

	/** The tag marking holders of `scope`, created and replicated on first use. */
	tag(scope: PropertyScope): Entity {
		let tag = this.tags.get(scope);
		if (tag === undefined) {
			tag = this.host.world.entity();
			this.host.world.set(tag, jecs.Name, HOLDER_TAGS[scope]);
			this.host.replicateTag(tag, HOLDER_TAGS[scope]);
			this.tags.set(scope, tag);
		}
		return tag;
	}
}

/** Declares a property's component (named `name` on the wire) on `host`. */
export function declareProperty<T>(
	host: PropertyHost,
	tags: HolderTags,
	name: string,
	codec: Codec<T>,
	options: PropertyOptions = {},
	level = 3,
) {
	const scope = options.scope ?? "player";
	if (scope !== "player" && scope !== "global")
		error(`Skyrocket: property "${name}": scope must be "player" or "global", got ${tostring(scope)}`, level);
	if (codec === undefined || codec.write === undefined)
		error(`Skyrocket: property "${name}" needs a codec (e.g. codec.u32), got ${tostring(codec)}`, level);
	const tag = tags.tag(scope);
	const component = host.world.component<T>();
	host.world.set(component, jecs.Name, name);
	host.replicate(component, { codec, channel: options.channel, check: options.check, name });
	return { component, tag, scope };
}

/**
 * A copy of a value that shares no table with it (plain tables, arrays and
 * maps, recursively; Roblox datatypes are immutable and kept). Properties keep
 * copies, so changing a table after set() cannot change what was replicated.
 */
export function deepCopy<T>(value: T): T {
	if (!typeIs(value, "table")) return value;
	const out = new Map<unknown, unknown>();
	for (const [k, v] of value as unknown as Map<unknown, unknown>) out.set(k, deepCopy(v));
	return out as unknown as T;
}
