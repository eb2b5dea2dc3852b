/**
 * Components of network events. An incoming event is an entity carrying the
 * event's payload component (e.g. `Chat.Incoming`), a Sender (on the server)
 * and the NetEvent tag; it lives for one net step and is then despawned.
 */
import jecs from "@rbxts/jecs";
import type { EventInfo } from "../src/events/registry";
/** Server: the Player who sent an incoming event or request. */
export declare const Sender: jecs.Entity<Player>;
/** On every incoming event entity: which event it is. */
export declare const NetEvent: jecs.Entity<EventInfo>;
/** On incoming request entities: the request id to answer with `respond`. */
export declare const RequestId: jecs.Entity<number>;
/** Why Skyrocket refused something a player sent. */
export type ViolationKind = "firewall" | "malformed" | "rate-limit" | "flood" | "validation" | "filtered" | "direction";
/** A refused packet or event, as an event entity (one step) so game systems can log, warn or kick. */
export interface ViolationData {
    readonly player: Player;
    readonly kind: ViolationKind;
    readonly detail: string;
    /** The event concerned, if any. */
    readonly event?: string;
}
/** Server: on violation event entities. */
export declare const Violation: jecs.Entity<ViolationData>;
