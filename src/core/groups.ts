/**
 * Object groups (`net.group(name, members)`, `net.subscribe(pattern)`): a
 * named set of replicated components (or properties) observed as one, and,
 * with `interest`, subscribed as one: only the clients subscribed to an
 * interest group receive its members. Declared the same way on both sides;
 * the group's name is its identity on the wire.
 */
import { Entity } from "@rbxts/jecs";
import { Registry, ReplicatedInfo } from "./registry";
import { WireKind } from "../wire/protocol";
import * as k from "../codec";

/**
 * Who receives a group's members:
 * - "none" (default): every client that sees the entity, as any component;
 * - "opt-in": only clients that subscribed (nobody at first);
 * - "opt-out": every client until it unsubscribes.
 */
export type GroupInterest = "none" | "opt-in" | "opt-out";

/** Options of `net.group` and `net.subscribe`. */
export interface GroupOptions {
	/** Who receives the members (default "none": everyone; see GroupInterest). */
	interest?: GroupInterest;
	/**
	 * Server: whether `player` may subscribe (asked on each subscription a client
	 * requests; default: everyone may). A refusal is counted as a "filtered"
	 * Violation and the client is told (its group stays unsubscribed).
	 */
	allow?: (player: Player) => boolean;
	/** Name of a pattern group (default: the pattern itself). */
	name?: string;
}

/** A group member: a replicated component, or a property (its component). */
export type GroupMemberRef = Entity | { readonly component: Entity };

/** What Skyrocket knows about a declared group. */
export interface GroupInfo {
	readonly name: string;
	readonly members: readonly ReplicatedInfo[];
	readonly interest: GroupInterest;
	/** 1-based bit of the group in subscription masks; 0 for groups without interest. */
	readonly bit: number;
	readonly allow?: (player: Player) => boolean;
}

/** Interest groups a net can hold (their bits fit a double's integer range). */
export const MAX_INTEREST_GROUPS = 48;

/** Whether subscription `mask` has the group of 1-based `bit`. */
export function hasBit(mask: number, bit: number): boolean {
	return math.floor(mask / 2 ** (bit - 1)) % 2 === 1;
}

/** `mask` with the group of 1-based `bit` set or cleared. */
export function withBit(mask: number, bit: number, on: boolean): number {
	const has = hasBit(mask, bit);
	if (has === on) return mask;
	return on ? mask + 2 ** (bit - 1) : mask - 2 ** (bit - 1);
}

/** Names users see: internal ids (Skyrocket.*) are left out of patterns and lists. */
export function userComponentNames(registry: Registry): string[] {
	const out: string[] = [];
	for (const info of registry.list) if (info.kind === WireKind.Component && info.name.sub(1, 10) !== "Skyrocket.") out.push(info.name);
	return out;
}

export class GroupRegistry {
	readonly list: GroupInfo[] = [];
	readonly byName = new Map<string, GroupInfo>();
	/** Interest groups, by bit - 1. */
	readonly interest: GroupInfo[] = [];
	/** Subscription mask a new connection starts with (its opt-out groups). */
	defaultMask = 0;

	constructor(private readonly registry: Registry) {}

	/** Declares a group of `members` (replicated before); errors name the member and the fix. */
	declare(name: string, members: readonly GroupMemberRef[], options: GroupOptions = {}, level = 3): GroupInfo {
		if (this.byName.has(name)) error(`Skyrocket: a group named "${name}" already exists; group names are unique`, level);
		const interest = options.interest ?? "none";
		if (interest !== "none" && interest !== "opt-in" && interest !== "opt-out")
			error(`Skyrocket: group "${name}": interest must be "none", "opt-in" or "opt-out", got ${tostring(interest)}`, level);
		if (members.size() === 0) error(`Skyrocket: group "${name}" has no members`, level);
		const infos: ReplicatedInfo[] = [];
		for (const member of members) {
			const id = typeIs(member, "table") ? (member as { component: Entity }).component : (member as Entity);
			const info = this.registry.byId.get(id);
			if (info === undefined)
				error(
					`Skyrocket: group "${name}": ${tostring(id)} is not replicated; replicate it (net.replicate or net.property) before grouping it`,
					level,
				);
			if (info.kind !== WireKind.Component)
				error(
					`Skyrocket: group "${name}": ${info.name} is a ${info.kind === WireKind.Tag ? "tag" : "relation"}; groups hold components and properties`,
					level,
				);
			if (interest !== "none") {
				if (info.unreliable)
					error(
						`Skyrocket: group "${name}": ${info.name} is unreliable, and subscriptions cover reliable components only (unreliable state is shared by every client of a replication group). Leave it out of the group, or declare the group with interest "none".`,
						level,
					);
				if (info.interest !== 0)
					error(
						`Skyrocket: group "${name}": ${info.name} already belongs to the interest group "${this.interest[info.interest - 1].name}"; a component has one subscription`,
						level,
					);
			}
			infos.push(info);
		}
		let bit = 0;
		if (interest !== "none") {
			if (this.interest.size() >= MAX_INTEREST_GROUPS)
				error(`Skyrocket: at most ${MAX_INTEREST_GROUPS} groups may have interest`, level);
			bit = this.interest.size() + 1;
			for (const info of infos) info.interest = bit;
			if (interest === "opt-out") this.defaultMask = withBit(this.defaultMask, bit, true);
		}
		const group: GroupInfo = { name, members: infos, interest, bit, allow: options.allow };
		this.list.push(group);
		this.byName.set(name, group);
		if (bit > 0) this.interest.push(group);
		return group;
	}
}

/** Client -> server: a subscription request; server -> client: the subscription's state. */
export interface SubscriptionMessage {
	group: string;
	on: boolean;
}

/** Event names of subscriptions (declared with the first interest group, on both sides). */
export const SUBSCRIBE_EVENT = "Skyrocket.Subscribe";
export const SUBSCRIPTION_EVENT = "Skyrocket.Subscription";

/** The payload of both subscription events. */
export const subscriptionCodec: k.Codec<SubscriptionMessage> = k.struct({ group: k.str(200), on: k.bool });

/** The members' components, in group order (what observers report). */
export function memberComponents(group: GroupInfo): Entity[] {
	return group.members.map((m) => m.id);
}
