/**
 * Entity references held by reliable components (codec.entity() inside a
 * value): which entity's which component points at which targets, so a value
 * can be sent again when its target appears to a client.
 */
import { Entity } from "@rbxts/jecs";
import { newWriter, resetWriter } from "../codec";
import type { ReplicatedInfo } from "../core/registry";
import type { ServerContext } from "./context";

export class References {
	private readonly scratch = newWriter(64);
	private found: Entity[] = [];
	/** A codec context that writes nothing useful: it lists the entities a value names. */
	private readonly recorder = {
		toHandle: (target: number) => {
			this.found.push(target as Entity);
			return 0;
		},
		fromHandle: () => undefined,
	};

	constructor(private readonly ctx: ServerContext) {}

	/** Records the targets `value` (of `info`, on `e`) names. */
	track(info: ReplicatedInfo, e: Entity, value: unknown) {
		if (!info.codec!.refs || info.unreliable) return;
		this.found = [];
		resetWriter(this.scratch);
		info.codec!.write(this.scratch, value, this.recorder);
		this.set(e, info.wireId, this.found);
	}

	/** Sets (or with undefined, clears) the targets component `wire` of `e` points at. */
	set(e: Entity, wire: number, targets: Entity[] | undefined) {
		const ctx = this.ctx;
		let from = ctx.refsFrom.get(e);
		const old = from?.get(wire);
		if (old) {
			for (const target of old) {
				const sources = ctx.refsTo.get(target);
				const wires = sources?.get(e);
				if (wires) {
					wires.delete(wire);
					if (wires.isEmpty()) sources!.delete(e);
					if (sources!.isEmpty()) ctx.refsTo.delete(target);
				}
			}
			from!.delete(wire);
		}
		if (targets === undefined || targets.size() === 0) {
			if (from && from.isEmpty()) ctx.refsFrom.delete(e);
			return;
		}
		if (from === undefined) {
			from = new Map();
			ctx.refsFrom.set(e, from);
		}
		from.set(wire, targets);
		for (const target of targets) {
			let sources = ctx.refsTo.get(target);
			if (sources === undefined) {
				sources = new Map();
				ctx.refsTo.set(target, sources);
			}
			let wires = sources.get(e);
			if (wires === undefined) {
				wires = new Set();
				sources.set(e, wires);
			}
			wires.add(wire);
		}
	}

	/** `e` stopped replicating: it points at nothing, and nothing waits for it. */
	forget(e: Entity) {
		const from = this.ctx.refsFrom.get(e);
		if (from) for (const [wire] of from) this.set(e, wire, undefined);
		this.ctx.refsTo.delete(e);
	}
}
