/**
 * NetProperty on the client: the value is the replicated component on the
 * holder entity the server sent (this player's own holder for per-player
 * properties, the global one otherwise), found by its replicated tag.
 * `get()` reads it (from a system too); `observe` reports it once per step
 * in which it changed. Inside `net.transaction` (or an optimistic request's
 * change), `set` / `update` change it optimistically.
 */
import { Entity, World } from "@rbxts/jecs";
import { Observers } from "../core/observers";
import { deepCopy, HolderTags, PropertyScope } from "../core/property";
import { ReplicatedInfo } from "../core/registry";
import { ClientContext } from "./context";

/** Finds the holder entities the server sent (one per scope on a client). */
export class ClientHolders {
	private readonly cached = new Map<PropertyScope, Entity>();

	constructor(
		private readonly world: World,
		private readonly ctx: ClientContext,
		private readonly tags: HolderTags,
	) {}

	/** The holder of `scope`'s properties, once the server's first packet with it arrived. */
	holder(scope: PropertyScope): Entity | undefined {
		const world = this.world;
		const tag = this.tags.tag(scope);
		const cached = this.cached.get(scope);
		if (cached !== undefined && world.contains(cached) && world.has(cached, tag)) return cached;
		this.cached.delete(scope);
		for (const [e] of world.query(tag)) {
			if (!this.ctx.handles.has(e)) continue; // only what the server sent
			this.cached.set(scope, e);
			return e;
		}
		return undefined;
	}
}

/** What `net.property` returns on the client. */
export class ClientProperty<T> {
	/** The replicated component holding the value (read it in systems with world.get(property.entity(), property.component)). */
	readonly component: Entity<T>;

	constructor(
		/** The property's wire name. */
		readonly name: string,
		/** "player" or "global". */
		readonly scope: PropertyScope,
		private readonly world: World,
		private readonly holders: ClientHolders,
		private readonly info: ReplicatedInfo,
		private readonly observers: Observers,
		component: Entity<T>,
		private readonly ctx: ClientContext,
	) {
		this.component = component;
	}

	/**
	 * An optimistic change: only inside `net.transaction` (or the change of
	 * `invokeOptimistic`). The value shows at once (observers see it with the
	 * next step) and holds until the server's verdict; then the server's value
	 * takes over, and if the transaction failed the change is rolled back.
	 * Elsewhere the server's value is the truth and this errors: the server
	 * sets properties.
	 */
	set(value: T) {
		if (this.ctx.capture === undefined) {
			error(
				`Skyrocket: the property ${this.name} is the server's; change it on a client only inside net.transaction (an optimistic change)`,
				2,
			);
		}
		const e = this.entity();
		if (e === undefined)
			error(`Skyrocket: the property ${this.name} has no value from the server yet; it cannot change optimistically`, 2);
		const err = this.info.codec!.validate(value);
		if (err !== undefined) error(`Skyrocket: cannot set the property ${this.name}: ${err}`, 2);
		this.world.set(e, this.component, value);
	}

	/** `set(fn(current))` inside `net.transaction`; `fn` gets a copy it may change in place. */
	update(fn: (value: T | undefined) => T) {
		this.set(fn(deepCopy(this.get())));
	}

	/** The entity holding the value (undefined until the server sent it). */
	entity(): Entity | undefined {
		return this.holders.holder(this.scope);
	}

	/** The value the server sent (undefined until it arrives). Treat tables as read-only. */
	get(): T | undefined {
		const e = this.entity();
		return e !== undefined ? this.world.get(e, this.component) : undefined;
	}

	/**
	 * Calls `fn(value, old)` at once with the current value when there is one
	 * (else when the first value arrives), then once per step in which it
	 * changed, after the server's packets are applied. Returns the disconnect.
	 */
	observe(fn: (value: T | undefined, old: T | undefined) => void): () => void {
		return this.observers.watch(
			this.name,
			() => this.entity(),
			[this.info],
			(_, values, previous) => fn(values[0] as T | undefined, previous[0] as T | undefined),
		);
	}
}
