/**
 * Receive phase (client), after packets: the server is the authority. A
 * replicated component that the game changed locally (set, removed) is put
 * back to the server's last value, so local writes never stick, except the
 * components the client owns for now (predicted, or an optimistic change
 * waiting for the server's answer).
 */
import { Entity } from "@rbxts/jecs";
import { ReplicatedInfo } from "../../src/core/registry";
import { ClientContext } from "../../src/client/context";
import { WireKind } from "../../src/wire/protocol";
import { unstored } from "../../src/core/stored";

export function enforceAuthority(ctx: ClientContext) {
	const world = ctx.world;
	const mark = (e: Entity, info: ReplicatedInfo) => {
		if (ctx.applying || !ctx.handles.has(e)) return;
		if (ctx.capture) {
			ctx.capture.push([e, info]);
			return;
		}
		if (ctx.owned.get(e)?.get(info.wireId) !== undefined) return;
		let set = ctx.tampered.get(e);
		if (set === undefined) {
			set = new Set();
			ctx.tampered.set(e, set);
		}
		set.add(info);
	};
	const listen = (info: ReplicatedInfo) => {
		if (info.kind !== WireKind.Component) return;
		const id = info.id as Entity<unknown>;
		ctx.hooks.added(id, (e) => mark(e, info));
		ctx.hooks.changed(id, (e) => mark(e, info));
		ctx.hooks.removed(id, (e, _, deleted) => {
			if (deleted !== true) mark(e, info);
		});
	};
	for (const info of ctx.registry.list) listen(info);
	return {
		listen,
		system: () => {
			if (ctx.tampered.isEmpty()) return;
			ctx.applying = true;
			for (const [e, infos] of ctx.tampered) {
				if (!world.contains(e)) continue;
				const auth = ctx.authoritative.get(e);
				for (const info of infos) {
					const value = auth?.get(info.wireId);
					if (value !== undefined) world.set(e, info.id as Entity<unknown>, unstored(value));
					else if (world.has(e, info.id)) world.remove(e, info.id);
				}
			}
			ctx.tampered.clear();
			ctx.applying = false;
		},
	};
}
