/**
 * Groups on the client, and their subscriptions. `group.subscribe()` asks the
 * server; the server's answer arrives in the reliable stream right after the
 * group's current state (when granted), and an unsubscription's answer right
 * after the last of its values, so the client drops the members' values only
 * once nothing of the group can still be on its way.
 */
import { Entity, World } from "@rbxts/jecs";
import { GroupInfo, memberComponents, SubscriptionMessage } from "../core/groups";
import { Observers } from "../core/observers";
import { ClientContext } from "./context";
import { ClientEventHandle } from "./eventHandles";

/** Subscription requests and the server's answers on one client net. */
export class ClientSubscriptions {
	private readonly granted = new Map<string, boolean>();
	private readonly wanted = new Map<string, boolean>();
	private readonly outstanding = new Map<string, number>();

	constructor(
		private readonly world: World,
		private readonly ctx: ClientContext,
		private readonly groups: ReadonlyMap<string, GroupInfo>,
		private readonly requests: ClientEventHandle<SubscriptionMessage>,
		private readonly replies: ClientEventHandle<SubscriptionMessage>,
	) {}

	/** Whether the server sends `group`'s members to this client. */
	isGranted(group: GroupInfo): boolean {
		return this.granted.get(group.name) ?? group.interest === "opt-out";
	}

	/** Asks the server to (un)subscribe; it answers with the state. */
	request(group: GroupInfo, on: boolean) {
		this.wanted.set(group.name, on);
		this.outstanding.set(group.name, (this.outstanding.get(group.name) ?? 0) + 1);
		this.requests.send({ group: group.name, on });
	}

	/** Receive phase, after the packets: applies the server's answers in order. */
	readonly system = () => {
		for (const [, message] of this.replies.incoming()) {
			const group = this.groups.get(message.group);
			if (group === undefined) continue;
			const name = group.name;
			const left = math.max(0, (this.outstanding.get(name) ?? 0) - 1);
			this.outstanding.set(name, left);
			this.granted.set(name, message.on);
			if (message.on) continue;
			this.dropValues(group);
			if (left === 0 && this.wanted.get(name) === true) {
				this.wanted.set(name, false);
				this.ctx.warnings.once(
					`refused:${name}`,
					`Skyrocket: the server refused the subscription to group ${name} (its allow policy).`,
				);
			}
		}
	};

	/** The group is no longer sent: its members' values leave this client's world. */
	private dropValues(group: GroupInfo) {
		const world = this.world;
		const ctx = this.ctx;
		ctx.applying = true;
		for (const info of group.members) {
			const holders: Entity[] = [];
			for (const [e] of world.query(info.id)) if (ctx.handles.has(e)) holders.push(e);
			for (const e of holders) {
				world.remove(e, info.id);
				ctx.authoritative.get(e)?.delete(info.wireId);
			}
		}
		ctx.applying = false;
	}
}

/** What `net.group` and `net.subscribe` return on the client. */
export class ClientGroup {
	/** The group's name (its identity on the wire). */
	readonly name: string;
	/** The members' components, in declaration order. */
	readonly members: readonly Entity[];

	constructor(
		/** What Skyrocket knows about the group. @internal */
		readonly info: GroupInfo,
		private readonly observers: Observers,
		private readonly subscriptions: () => ClientSubscriptions | undefined,
		/** For groups of properties of one scope: their holder entity. */
		private readonly holder?: () => Entity | undefined,
	) {
		this.name = info.name;
		this.members = memberComponents(info);
	}

	/**
	 * Calls `fn(changed, entity)` once per step in which members of `entity`
	 * changed (after the server's packets are applied), with those members
	 * (their components); at once with the members it has now. A group of
	 * properties of one scope may leave out the entity. Returns the disconnect.
	 */
	observe(fn: (changed: Entity[], entity: Entity) => void): () => void;
	observe(entity: Entity, fn: (changed: Entity[], entity: Entity) => void): () => void;
	observe(a: Entity | ((changed: Entity[], entity: Entity) => void), b?: (changed: Entity[], entity: Entity) => void): () => void {
		let target: () => Entity | undefined;
		let fn: (changed: Entity[], entity: Entity) => void;
		if (typeIs(a, "function")) {
			if (this.holder === undefined)
				error(
					`Skyrocket: group ${this.name} holds components, not properties of one scope: observe(entity, fn) names the entity to observe`,
					2,
				);
			target = this.holder;
			fn = a;
		} else {
			target = () => a;
			fn = b!;
		}
		const members = this.members;
		return this.observers.watch(`group ${this.name}`, target, this.info.members, (changed) => {
			const e = target();
			if (e !== undefined)
				fn(
					changed.map((i) => members[i]),
					e,
				);
		});
	}

	private state(what: string): ClientSubscriptions {
		const subs = this.subscriptions();
		if (this.info.bit === 0 || subs === undefined)
			error(
				`Skyrocket: group ${this.name} has no interest (every client receives it); declare it with interest "opt-in" or "opt-out" on both sides to ${what}`,
				3,
			);
		return subs;
	}

	/** Asks the server for the group: its current state arrives, then its changes (the server's allow policy decides). */
	subscribe() {
		this.state("subscribe").request(this.info, true);
	}

	/** Tells the server to stop sending the group; its values leave this client's world once the server confirms. */
	unsubscribe() {
		this.state("unsubscribe").request(this.info, false);
	}

	/** Whether the server sends the group to this client (as it last confirmed). */
	isSubscribed(): boolean {
		if (this.info.bit === 0) return true;
		return this.subscriptions()?.isGranted(this.info) ?? this.info.interest === "opt-out";
	}
}
