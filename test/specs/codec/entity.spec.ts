// Entity references: written as handles through a CodecContext, resolved to
// the receiver's own entities.
import * as codec from "../../../src/codec";
import {
	assertEqual,
	bytesOf,
	check,
	checkAccepts,
	checkRejects,
	checkTruncations,
	codecErrorOf,
	decode,
	encode,
	encodeDelta,
} from "./helpers";

/** Sender side: entities 1001, 1002 and 1300 have handles 1, 2 and 200; others are unknown (0). */
function senderContext(): codec.CodecContext & { calls: number } {
	const handles = new Map<number, number>([
		[1001, 1],
		[1002, 2],
		[1300, 200],
	]);
	const ctx = {
		calls: 0,
		toHandle: (e: number) => {
			ctx.calls += 1;
			return handles.get(e) ?? 0;
		},
		fromHandle: (_h: number): number | undefined => error("the sender should not resolve handles"),
	};
	return ctx;
}

/** Receiver side: handles 1, 2 and 200 are its entities 501, 502 and 800; others are unknown. */
function receiverContext(): codec.CodecContext & { seen: number[] } {
	const entities = new Map<number, number>([
		[1, 501],
		[2, 502],
		[200, 800],
	]);
	const seen: number[] = [];
	return {
		seen,
		toHandle: (_e: number): number => error("the receiver should not make handles"),
		fromHandle: (h: number) => {
			seen.push(h);
			return entities.get(h);
		},
	};
}

export = () => {
	describe("entity", () => {
		const c = codec.entity();

		it("writes the sender's handle and reads the receiver's entity", () => {
			const tx = senderContext();
			const rx = receiverContext();
			const b = encode(c, 1002, tx);
			assertEqual(buffer.len(b), 1, "small handle is one byte");
			assertEqual(buffer.readu8(b, 0), 2, "the wire carries the handle, not the entity id");
			assertEqual(decode(c, b, rx), 502, "handle 2 resolves to the receiver's entity");
			assertEqual(rx.seen[0], 2, "the receiver was asked for handle 2");
			const far = encode(c, 1300, tx);
			assertEqual(buffer.len(far), 2, "handle 200 takes two bytes");
			assertEqual(decode(c, far, rx), 800, "handle 200 resolves");
		});

		it("undefined travels as handle 0 and arrives as undefined", () => {
			const rx = receiverContext();
			const b = encode(c, undefined, senderContext());
			assertEqual(buffer.len(b), 1, "one byte");
			assertEqual(buffer.readu8(b, 0), 0, "handle 0");
			assertEqual(decode(c, b, rx), undefined, "arrives as undefined");
			assertEqual(rx.seen.size(), 0, "handle 0 is not looked up");
		});

		it("a target the receiver cannot know arrives as undefined", () => {
			const tx = senderContext();
			const b = encode(c, 4242, tx);
			assertEqual(tx.calls, 1, "the sender was asked for a handle");
			assertEqual(buffer.readu8(b, 0), 0, "unknown entity is handle 0");
			assertEqual(decode(c, b, receiverContext()), undefined, "arrives as undefined");
			// a handle the receiver has no entity for
			assertEqual(decode(c, encode(codec.varuint, 77), receiverContext()), undefined, "unmapped handle is undefined");
		});

		it("without a context, writes 0 and reads undefined", () => {
			const b = encode(c, 1001);
			assertEqual(buffer.readu8(b, 0), 0, "no context, no handle");
			assertEqual(decode(c, encode(codec.varuint, 1)), undefined, "no context, no entity");
		});

		it("validate accepts ids and undefined and rejects other types", () => {
			checkAccepts(c, 1001);
			checkAccepts(c, undefined);
			checkRejects(c, "1001", "entity");
			checkRejects(c, true, "entity");
			check(c.equals(5, 5) && !c.equals(5, 6) && !c.equals(5, undefined), "equals compares ids");
		});

		it("structs and arrays pass the context through, deltas included", () => {
			const s = codec.struct({
				target: codec.entity(),
				hp: codec.u8,
				crowd: codec.array(codec.struct({ who: codec.entity() })),
			});
			const tx = senderContext();
			const rx = receiverContext();
			const value = { target: 1001, hp: 9, crowd: [{ who: 1002 }, { who: 4242 }, { who: 1300 }] };
			const out = decode(s, encode(s, value, tx), rx);
			assertEqual(out.target, 501, "struct field resolved");
			assertEqual(out.crowd.size(), 3, "three array elements");
			assertEqual(out.crowd[0].who, 502, "array element resolved");
			assertEqual(out.crowd[1].who, undefined, "unknown element is undefined");
			assertEqual(out.crowd[2].who, 800, "two-byte handle resolved");
			const none: { who: number | undefined }[] = [];
			const delta = encodeDelta(s, { target: 1002, hp: 9, crowd: none }, { target: 1001, hp: 9, crowd: none }, tx);
			const changed = s.readDelta!(codec.newReader(delta), { target: 502, hp: 9, crowd: none }, rx);
			assertEqual(changed.target, 501, "delta field resolved on the receiver");
			assertEqual(changed.hp, 9, "unchanged field from the base");
		});

		it("handles longer than a varint fail with a CodecError", () => {
			checkTruncations(c, 1300, senderContext());
			const nine = bytesOf([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]);
			codecErrorOf(() => decode(c, nine, receiverContext()), "9-byte handle");
		});
	});
};
