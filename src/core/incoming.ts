/** The event entities of one declared event among those spawned this step (both sides). */
import { Entity } from "@rbxts/jecs";
import { NetEvent, Sender } from "../../components/events";
import { EventInfo } from "./eventRegistry";

/** `[entity, payload, sender]` of this step's events of `info`, in arrival order (jecs queries iterate in no set order). */
export function incomingOf<T>(world: import("@rbxts/jecs").World, spawned: Entity[], info: EventInfo): [Entity, T, Player | undefined][] {
	const out: [Entity, T, Player | undefined][] = [];
	for (const e of spawned) {
		if (!world.contains(e) || world.get(e, NetEvent) !== info) continue;
		out.push([e, world.get(e, info.component) as T, world.get(e, Sender)]);
	}
	return out;
}
