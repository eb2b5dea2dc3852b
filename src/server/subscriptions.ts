/**
 * Groups on the server, and subscriptions as interest: each connection keeps a
 * mask of the interest groups it is subscribed to; the reliable encoder sends
 * an interest group's members only to subscribers. A client asks with the
 * Subscribe event; the group's `allow` policy decides; the answer (the
 * subscription's state) goes back in the same packet as the group's current
 * state, so the client's view of the group changes in one step.
 */
import { Entity } from "@rbxts/jecs";
import { GroupInfo, hasBit, memberComponents, SubscriptionMessage, withBit } from "../core/groups";
import { Observers } from "../core/observers";
import { reportError } from "../core/report";
import { ConnectionState } from "./connection";
import { ServerContext } from "./context";
import { ServerEventHandle } from "./eventHandles";

/** Subscription requests and answers of one server net. */
export class ServerSubscriptions {
	constructor(
		private readonly ctx: ServerContext,
		private readonly groups: ReadonlyMap<string, GroupInfo>,
		private readonly requests: ServerEventHandle<SubscriptionMessage>,
		private readonly replies: ServerEventHandle<SubscriptionMessage>,
	) {}

	/** Sets `conn`'s subscription to `group`; a new subscription gets the group's current state this step. Tells the client. */
	set(conn: ConnectionState, group: GroupInfo, on: boolean) {
		const before = conn.interest;
		conn.interest = withBit(conn.interest, group.bit, on);
		if (on && before !== conn.interest) conn.interestFresh = withBit(conn.interestFresh, group.bit, true);
		if (!on) conn.interestFresh = withBit(conn.interestFresh, group.bit, false);
		this.replies.sendTo(conn.player, { group: group.name, on: hasBit(conn.interest, group.bit) });
	}

	private allowed(group: GroupInfo, player: Player): boolean {
		if (group.allow === undefined) return true;
		const [ok, result] = pcall(group.allow, player);
		if (!ok) reportError(`Skyrocket: the allow policy of group ${group.name} failed for ${player.Name} (refused): ${tostring(result)}`);
		return ok && result === true;
	}

	/** Events phase: applies this step's requests, in arrival order. */
	readonly system = () => {
		for (const [e, message, player] of this.requests.incoming()) {
			const conn = this.ctx.byPlayer.get(player);
			if (conn === undefined) continue;
			const group = this.groups.get(message.group);
			if (group === undefined || group.bit === 0) {
				this.requests.drop(e, `no group "${message.group}" takes subscriptions`);
				continue;
			}
			if (message.on && !this.allowed(group, player)) {
				this.requests.drop(e, `the subscription to ${group.name} was refused by its allow policy`);
				this.replies.sendTo(player, { group: group.name, on: hasBit(conn.interest, group.bit) });
				continue;
			}
			this.set(conn, group, message.on);
		}
	};
}

/** What `net.group` and `net.subscribe` return on the server. */
export class ServerGroup {
	/** The group's name (its identity on the wire). */
	readonly name: string;
	/** The members' components, in declaration order. */
	readonly members: readonly Entity[];

	constructor(
		/** What Skyrocket knows about the group. @internal */
		readonly info: GroupInfo,
		private readonly ctx: ServerContext,
		private readonly observers: Observers,
		private readonly subscriptions: () => ServerSubscriptions | undefined,
	) {
		this.name = info.name;
		this.members = memberComponents(info);
	}

	/**
	 * Calls `fn(changed, entity)` once per step in which members of `entity`
	 * changed, with those members (their components); at once with the members
	 * it has now. Returns the disconnect.
	 */
	observe(entity: Entity, fn: (changed: Entity[], entity: Entity) => void): () => void {
		const members = this.members;
		return this.observers.watch(
			`group ${this.name}`,
			() => entity,
			this.info.members,
			(changed) =>
				fn(
					changed.map((i) => members[i]),
					entity,
				),
		);
	}

	private connection(player: Player, what: string): ConnectionState | undefined {
		if (this.info.bit === 0)
			error(
				`Skyrocket: group ${this.name} has no interest (every client receives it); declare it with interest "opt-in" or "opt-out" to ${what}`,
				3,
			);
		return this.ctx.byPlayer.get(player);
	}

	/** Subscribes `player` (no policy asked): they receive the members' current state with the next step, then their changes. */
	subscribe(player: Player) {
		const conn = this.connection(player, "subscribe players");
		if (conn) this.subscriptions()!.set(conn, this.info, true);
	}

	/** Unsubscribes `player`: from the next step they receive nothing of the group, and their client drops its values. */
	unsubscribe(player: Player) {
		const conn = this.connection(player, "unsubscribe players");
		if (conn) this.subscriptions()!.set(conn, this.info, false);
	}

	/** Whether `player` receives the group's members. */
	isSubscribed(player: Player): boolean {
		if (this.info.bit === 0) return true;
		const conn = this.ctx.byPlayer.get(player);
		return conn !== undefined && hasBit(conn.interest, this.info.bit);
	}
}
