/**
 * NetProperty on the server: `net.property(name, codec, { scope })`. Values
 * live as a replicated component on a holder entity: one per player (seen by
 * that player only) for per-player properties, one for global ones. Setting a
 * value validates it at once (errors name the property, the player and the
 * fix) and stores a copy; the net's collect phase diffs it like any reliable
 * component, so a table value sends only what changed.
 */
import { Entity, World } from "@rbxts/jecs";
import { Codec } from "../codec";
import { deepCopy, HolderTags } from "../core/property";
import { Observers } from "../core/observers";
import { ReplicatedInfo } from "../core/registry";
import { Visible, VisibilityRule } from "./visibility";
import { Warnings } from "../core/report";
import { checkFailure } from "../core/checks";

/** The holder entities of one server net. */
export class ServerHolders {
	private readonly byPlayer = new Map<Player, Entity>();
	private global?: Entity;

	constructor(
		private readonly world: World,
		private readonly tags: HolderTags,
		private readonly setVisibility: (entity: Entity, rule: VisibilityRule) => void,
	) {}

	/** The entity holding `player`'s properties (created when `create`, unless they left the game). */
	player(player: Player, create: boolean): Entity | undefined {
		let e = this.byPlayer.get(player);
		if (e === undefined && create && player.Parent !== undefined) {
			e = this.world.entity();
			this.world.add(e, this.tags.tag("player"));
			this.setVisibility(e, Visible.owner(player));
			this.byPlayer.set(player, e);
		}
		return e;
	}

	/** The entity holding the global properties (created when `create`). */
	globals(create: boolean): Entity | undefined {
		if (this.global === undefined && create) {
			this.global = this.world.entity();
			this.world.add(this.global, this.tags.tag("global"));
		}
		return this.global;
	}

	/** A player left: their holder is despawned (and its handle freed). */
	readonly leave = (player: Player) => {
		const e = this.byPlayer.get(player);
		if (e === undefined) return;
		this.byPlayer.delete(player);
		if (this.world.contains(e)) this.world.delete(e);
	};

	/** How many players have a holder (a spec checks leaving frees them). */
	size(): number {
		let n = 0;
		for (const _ of this.byPlayer) n += 1;
		return n;
	}
}

/** Shared by both scopes: validation and writes. */
abstract class ServerPropertyBase<T> {
	/** The replicated component holding the values (query it, or read it with world.get). */
	readonly component: Entity<T>;
	/** Warnings this property gave (once each; freed with the net's property). */
	protected readonly warnings = new Warnings();

	constructor(
		/** The property's wire name. */
		readonly name: string,
		protected readonly world: World,
		protected readonly holders: ServerHolders,
		protected readonly info: ReplicatedInfo,
		protected readonly observers: Observers,
		component: Entity<T>,
	) {
		this.component = component;
	}

	protected write(holder: Entity, value: T, whose: string) {
		const codec = this.info.codec as Codec<T>;
		const err = codec.validate(value);
		if (err !== undefined) error(`Skyrocket: cannot set the property ${this.name}${whose}: ${err}`, 3);
		const why = this.info.check && checkFailure(this.info.check, value);
		if (why !== undefined) error(`Skyrocket: cannot set the property ${this.name}${whose}: the value failed its check: ${why}`, 3);
		this.world.set(holder, this.component, deepCopy(value));
	}

	protected read(holder: Entity | undefined): T | undefined {
		return holder !== undefined && this.world.contains(holder) ? this.world.get(holder, this.component) : undefined;
	}
}

/** A per-player property on the server: each player has their own value, and only they receive it. */
export class ServerPlayerProperty<T> extends ServerPropertyBase<T> {
	/** Sets `player`'s value (validated now; sent with the next step, as a delta for tables). Ignored, with a warning, once they left. */
	set(player: Player, value: T) {
		const holder = this.holderFor(player);
		if (holder !== undefined) this.write(holder, value, ` for ${player.Name}`);
	}

	/** Sets `player`'s value to `fn(current)`; `fn` gets a copy it may change in place. */
	update(player: Player, fn: (value: T | undefined) => T) {
		const holder = this.holderFor(player);
		if (holder !== undefined) this.write(holder, fn(deepCopy(this.get(player))), ` for ${player.Name}`);
	}

	private holderFor(player: Player): Entity | undefined {
		const holder = this.holders.player(player, true);
		if (holder === undefined)
			this.warnings.once(
				"left",
				`Skyrocket: the property ${this.name} was set for ${player.Name}, who left the game; ignored (and any later set for a player who left).`,
			);
		return holder;
	}

	/** `player`'s value (undefined before the first set). Treat tables as read-only: change them with update. */
	get(player: Player): T | undefined {
		return this.read(this.holders.player(player, false));
	}

	/** The entity holding `player`'s properties (undefined before any is set). */
	entity(player: Player): Entity | undefined {
		return this.holders.player(player, false);
	}

	/** Calls `fn(value, old)` at once with `player`'s value when there is one, then once per step when it changes; returns the disconnect. */
	observe(player: Player, fn: (value: T | undefined, old: T | undefined) => void): () => void {
		return this.observers.watch(
			`${this.name} of ${player.Name}`,
			() => this.holders.player(player, false),
			[this.info],
			(_, values, previous) => fn(values[0] as T | undefined, previous[0] as T | undefined),
		);
	}
}

/** A global property on the server: one value every player receives. */
export class ServerGlobalProperty<T> extends ServerPropertyBase<T> {
	/** Sets the value (validated now; sent with the next step, as a delta for tables). */
	set(value: T) {
		this.write(this.holders.globals(true)!, value, "");
	}

	/** Sets the value to `fn(current)`; `fn` gets a copy it may change in place. */
	update(fn: (value: T | undefined) => T) {
		this.write(this.holders.globals(true)!, fn(deepCopy(this.get())), "");
	}

	/** The value (undefined before the first set). Treat tables as read-only: change them with update. */
	get(): T | undefined {
		return this.read(this.holders.globals(false));
	}

	/** The entity holding the global properties (undefined before any is set). */
	entity(): Entity | undefined {
		return this.holders.globals(false);
	}

	/** Calls `fn(value, old)` at once with the value when there is one, then once per step when it changes; returns the disconnect. */
	observe(fn: (value: T | undefined, old: T | undefined) => void): () => void {
		return this.observers.watch(
			this.name,
			() => this.holders.globals(false),
			[this.info],
			(_, values, previous) => fn(values[0] as T | undefined, previous[0] as T | undefined),
		);
	}
}
