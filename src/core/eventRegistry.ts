/**
 * Declared network events and requests, by name. Like components, events are
 * identified on the wire by a small id the server assigns in declaration
 * order and sends, with the names, in each client's first packet.
 */
import jecs, { Entity, World } from "@rbxts/jecs";
import { Codec } from "../codec";
import type { NetEventData } from "../../components/events";

/** Which side may send an event. */
export type EventDirection = "client" | "server" | "both";

/** A token bucket: `rate` events per second on average, bursts up to `burst`. */
export interface RateLimit {
	rate: number;
	burst: number;
}

export interface EventInfo extends NetEventData {
	readonly name: string;
	readonly codec: Codec<unknown>;
	/** Who sends it: "client" (to the server), "server" (to clients) or "both". */
	readonly from: EventDirection;
	readonly reliable: boolean;
	/** Optional @rbxts/t check on received payloads. */
	readonly check?: (value: unknown) => boolean;
	/** Per-player limit on the server for client-sent events. */
	readonly rate: RateLimit;
	/** The payload component of incoming event entities. */
	readonly component: Entity<unknown>;
	/** For requests: the response codec (events: undefined). */
	readonly response?: Codec<unknown>;
	/** Wire id (server: declaration order; client: from the schema, 0 while the server has not announced it). */
	id: number;
	/** Bytes of every payload when the codec's size is fixed, else 0: server-sent payloads travel framed (see wire/frames.ts). */
	readonly size: number;
}

export class EventRegistry {
	readonly list: EventInfo[] = [];
	readonly byName = new Map<string, EventInfo>();
	/** Client: server id -> local info, from the schema. */
	byWire: (EventInfo | undefined)[] = [];

	add(info: EventInfo) {
		if (this.byName.has(info.name)) error(`Skyrocket: an event named "${info.name}" already exists`, 4);
		this.list.push(info);
		info.id = this.list.size();
		this.byName.set(info.name, info);
		this.byWire[info.id - 1] = info;
	}
}

/** What a declaration needs; the payload component is created here, named for the event. */
export interface EventDeclaration {
	name: string;
	codec: Codec<unknown>;
	from: EventDirection;
	reliable?: boolean;
	check?: (value: unknown) => boolean;
	rate: RateLimit;
	response?: Codec<unknown>;
}

/** Declares an event or request in `registry`, with its payload component in `world`. */
export function declareEvent(world: World, registry: EventRegistry, d: EventDeclaration): EventInfo {
	const component = world.component<unknown>();
	world.set(component, jecs.Name, `Skyrocket.${d.name}`);
	const info: EventInfo = {
		name: d.name,
		codec: d.codec,
		from: d.from,
		reliable: d.reliable !== false,
		check: d.check,
		rate: d.rate,
		component,
		response: d.response,
		id: 0,
		size: d.codec.fixedSize ?? 0,
	};
	registry.add(info);
	return info;
}
