/**
 * The Schema record: how the server tells a client what each wire id is.
 * Each client's first packet holds all of it; ids registered later (reliable
 * components, tags, relations, events) are announced to connected clients at
 * the start of the next step's packets, before any record uses them.
 *
 * Op.Schema, varuint first component index, varuint count, per entry: name,
 * u8 kind (+16 when unreliable), codec name, varuint size (fixed size of its
 * values, 0: framed); then varuint first event index, varuint count, per
 * event: name, u8 flags (1 reliable, 2 x direction, 8 request), codec name,
 * response codec name, varuint size of its payloads (0: framed); then varuint
 * the server's per-player bandwidth budget in B/s (0: none), so a client's
 * profiler measures against the same figure.
 */
import { Writer, writeString, writeU8, writeVarUint } from "../codec";
import { Registry } from "../core/registry";
import { EventRegistry } from "../core/eventRegistry";
import { Op } from "../wire/protocol";
import type { ServerContext } from "./context";

/** Writes the entries from `firstComponent` and `firstEvent` on (0, 0: the whole schema). */
export function writeSchema(
	w: Writer,
	registry: Registry,
	events: EventRegistry,
	firstComponent: number,
	firstEvent: number,
	budget: number,
) {
	const list = registry.list;
	writeU8(w, Op.Schema);
	writeVarUint(w, firstComponent);
	writeVarUint(w, list.size() - firstComponent);
	for (let i = firstComponent; i < list.size(); i++) {
		const info = list[i];
		writeString(w, info.name);
		writeU8(w, info.kind + (info.unreliable ? 16 : 0));
		writeString(w, info.codec ? info.codec.name : "");
		writeVarUint(w, info.size);
	}
	const declared = events.list;
	writeVarUint(w, firstEvent);
	writeVarUint(w, declared.size() - firstEvent);
	for (let i = firstEvent; i < declared.size(); i++) {
		const ev = declared[i];
		writeString(w, ev.name);
		const direction = ev.from === "client" ? 0 : ev.from === "server" ? 1 : 2;
		writeU8(w, (ev.reliable ? 1 : 0) + direction * 2 + (ev.response ? 8 : 0));
		writeString(w, ev.codec.name);
		writeString(w, ev.response ? ev.response.name : "");
		writeVarUint(w, ev.size);
	}
	writeVarUint(w, budget);
}

/**
 * After the first step, only what can be announced may still be registered:
 * an unreliable component would change the layout of the unreliable packets
 * clients are decoding, so it is refused at the call, naming the fix.
 */
export function refuseLateUnreliable(ctx: ServerContext) {
	ctx.registry.guard = (info, level) => {
		if (ctx.tick === 0 || !info.unreliable) return;
		error(
			`Skyrocket: net.replicate(${info.name}, { channel: "unreliable" }) came after the server's first net.step (net.prediction() registers one too). Unreliable components share ` +
				`the layout of every unreliable packet clients are decoding, so they must all be registered before the first step: register ${info.name} ` +
				`with the others at start-up. (Reliable components, tags, relations and events may still be registered: connected clients are told of them.)`,
			level,
		);
	};
}
