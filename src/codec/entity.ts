import { Codec, describe } from "./codec";
import * as C from "./cursor";

/**
 * A reference to another replicated entity: sent as its handle and resolved
 * to the receiver's own entity. A target the receiver cannot see arrives as
 * undefined.
 */
export function entity<E extends number = number>(): Codec<E | undefined> {
	return {
		name: "entity",
		exact: true,
		refs: true,
		// handles are varuints; a handle past 2^21 (two million entities) takes more than 3 bytes
		maxSize: C.varUintSize(C.MAX_SAFE_INTEGER),
		write: (w, v, ctx) => {
			C.writeVarUint(w, v === undefined || ctx === undefined ? 0 : ctx.toHandle(v));
		},
		read: (r, ctx) => {
			const handle = C.readVarUint(r);
			if (handle === 0 || ctx === undefined) return undefined;
			return ctx.fromHandle(handle) as E | undefined;
		},
		validate: (v) => (v === undefined || typeIs(v, "number") ? undefined : `entity expects an entity id, got ${describe(v)}`),
		canonical: (v) => v,
		equals: (a, b) => a === b,
	};
}
