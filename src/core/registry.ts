/**
 * Which components, tags and relations replicate, and how. The wire identity
 * of each is its name (jecs.Name or an explicit `name`); the server assigns
 * small wire ids in registration order and sends the name table to each
 * client in its first packet, so both sides may register in any order.
 */
import jecs, { Entity, World } from "@rbxts/jecs";
import { Codec, StructCodec } from "../codec";
import { WireKind } from "../wire/protocol";
import { Networked, NetworkedData } from "../../components/replication";

/** How a component replicates. */
export interface ReplicateOptions<T> {
	/** Encodes the component's values on the wire. */
	codec: Codec<T>;
	/** Optional @rbxts/t check run on every value (server before sending, client after decoding). */
	check?: (value: unknown) => boolean;
	/**
	 * "reliable" (default): every change arrives, in order. "unreliable": for
	 * high-frequency state (transforms): newest value wins, delta-coded against
	 * what the client acknowledged, resent until acknowledged.
	 */
	channel?: "reliable" | "unreliable";
	/** Wire name; defaults to the component's jecs.Name. */
	name?: string;
	/**
	 * Unreliable components: importance when the bandwidth budget cannot send
	 * everything (default 1; higher goes first, lower waits longer, none starves).
	 */
	priority?: number;
	/**
	 * Unreliable components: most updates per second per entity, near the
	 * player's focus and at the edge of their interest radius (default: every
	 * step). E.g. { near: 60, far: 20 }. Without area of interest, `near` applies.
	 */
	rate?: { near: number; far?: number };
}

/** What Skyrocket knows about a replicated id. */
export interface ReplicatedInfo extends NetworkedData {
	readonly id: Entity;
	readonly name: string;
	readonly kind: WireKind;
	readonly codec?: Codec<unknown>;
	/** The codec when it supports field masks (structs). */
	readonly struct?: StructCodec<unknown>;
	readonly check?: (value: unknown) => boolean;
	readonly unreliable: boolean;
	/** Unreliable: importance under a bandwidth budget. */
	readonly priority: number;
	/** Unreliable: seconds between updates near and far (0: every step). */
	readonly intervalNear: number;
	readonly intervalFar: number;
	/** 1-based registration order: the id on the wire on the server; on a client, its own order (the server's ids are mapped to it when the schema arrives). */
	wireId: number;
	/** 1-based index among unreliable components; 0 for reliable ones. */
	unreliableIndex: number;
	/** Bytes of every value when the codec's size is fixed, else 0: values travel framed (see wire/frames.ts). */
	readonly size: number;
	/**
	 * 1-based index of the interest group (net.group with `interest`) it belongs
	 * to: only its subscribers receive it. 0: sent to everyone who sees the entity.
	 */
	interest: number;
}

/** Per kind of id: the registration call, and the two ways to name it, as a user writes them (for error messages). */
const NAMING = {
	component: {
		call: "net.replicate",
		set: `world.set(Health, jecs.Name, "Health")`,
		pass: `net.replicate(Health, { codec: codec.u16, name: "Health" })`,
	},
	tag: { call: "net.replicateTag", set: `world.set(Stunned, jecs.Name, "Stunned")`, pass: `net.replicateTag(Stunned, "Stunned")` },
	relation: { call: "net.replicateRelation", set: `world.set(Likes, jecs.Name, "Likes")`, pass: `net.replicateRelation(Likes, "Likes")` },
};

function nameOf(world: World, id: Entity, explicit: string | undefined, what: keyof typeof NAMING, level = 4): string {
	const name = explicit ?? world.get(id, jecs.Name);
	if (name === undefined || name === "") {
		const how = NAMING[what];
		error(
			`Skyrocket: ${how.call}() was given a ${what} without a name (jecs id ${id}). Name it where you create it, ` +
				`${how.set}, or pass a name: ${how.pass}. Names are how server and client agree on it.`,
			level,
		);
	}
	return name;
}

/** How messages name an id: its jecs.Name, or its number when it has none. */
export function idLabel(world: World, id: Entity): string {
	const name = world.get(id, jecs.Name);
	return name !== undefined && name !== "" ? name : `the id ${id} (no jecs.Name)`;
}

export class Registry {
	readonly list: ReplicatedInfo[] = [];
	readonly byId = new Map<Entity, ReplicatedInfo>();
	readonly byName = new Map<string, ReplicatedInfo>();
	/** Unreliable components in index order. */
	readonly unreliable: ReplicatedInfo[] = [];
	/** Wire id -> info (the server's own ids; a client keeps the server's in its context). */
	byWire: ReplicatedInfo[] = [];
	/**
	 * Refuses a registration the net cannot honour any more (e.g. after its
	 * first step); errors at `level` (the user's call).
	 */
	guard?: (info: ReplicatedInfo, level: number) => void;

	constructor(private readonly world: World) {}

	private add(info: ReplicatedInfo) {
		this.guard?.(info, 5);
		if (this.byId.has(info.id)) error(`Skyrocket: "${info.name}" is already replicated`, 4);
		// the world's Networked marks are the shared truth: one net per world and id
		if (this.world.has(info.id, Networked))
			error(
				`Skyrocket: "${info.name}" is already replicated by another net on this world (one net per world; destroy() the other first)`,
				4,
			);
		if (this.byName.has(info.name)) error(`Skyrocket: two replicated ids share the name "${info.name}"; names must be unique`, 4);
		this.list.push(info);
		info.wireId = this.list.size();
		this.byId.set(info.id, info);
		this.byName.set(info.name, info);
		this.byWire[info.wireId - 1] = info;
		if (info.unreliable) {
			this.unreliable.push(info);
			info.unreliableIndex = this.unreliable.size();
		}
		this.world.set(info.id, Networked, info);
	}

	component<T>(id: Entity<T>, options: ReplicateOptions<T> | Codec<T>): ReplicatedInfo {
		const opts = ("codec" in options ? options : { codec: options }) as ReplicateOptions<T>;
		const codec = opts.codec as Codec<unknown>;
		if (codec === undefined || codec.write === undefined)
			error(
				`Skyrocket: net.replicate(${idLabel(this.world, id)}, ...) needs a codec: net.replicate(Health, codec.u16) or net.replicate(Health, { codec: codec.u16 }), got ${opts.codec === undefined ? "undefined" : typeOf(opts.codec)}`,
				3,
			);
		if (jecs.is_tag(this.world, id))
			error(
				`Skyrocket: net.replicate() was given ${idLabel(this.world, id)}, a tag (no data, made with jecs.tag()); replicate it with net.replicateTag(Tag)`,
				3,
			);
		const struct = (codec as StructCodec<unknown>).diff !== undefined ? (codec as StructCodec<unknown>) : undefined;
		const info: ReplicatedInfo = {
			id,
			name: nameOf(this.world, id, opts.name, "component"),
			kind: WireKind.Component,
			codec,
			struct,
			check: opts.check,
			unreliable: opts.channel === "unreliable",
			priority: opts.priority ?? 1,
			intervalNear: opts.rate ? 1 / opts.rate.near : 0,
			intervalFar: opts.rate ? 1 / (opts.rate.far ?? opts.rate.near) : 0,
			wireId: 0,
			unreliableIndex: 0,
			size: codec.fixedSize ?? 0,
			interest: 0,
		};
		this.add(info);
		return info;
	}

	/** Registers an id without data on the wire (a tag, or a relation whose pairs replicate). */
	private dataless(id: Entity, name: string | undefined, kind: WireKind.Tag | WireKind.Relation): ReplicatedInfo {
		const info: ReplicatedInfo = {
			id,
			name: nameOf(this.world, id, name, kind === WireKind.Tag ? "tag" : "relation", 5),
			kind,
			unreliable: false,
			priority: 1,
			intervalNear: 0,
			intervalFar: 0,
			wireId: 0,
			unreliableIndex: 0,
			size: 0,
			interest: 0,
		};
		this.add(info);
		return info;
	}

	tag(id: Entity, name?: string): ReplicatedInfo {
		return this.dataless(id, name, WireKind.Tag);
	}

	relation(id: Entity, name?: string): ReplicatedInfo {
		return this.dataless(id, name, WireKind.Relation);
	}
}
