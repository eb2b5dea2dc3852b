// Deltas of arrays and maps: what changed travels, not the collection; a delta
// never costs more than the whole value plus its tag byte; readers refuse
// deltas that name keys or elements the base does not have.
import * as codec from "../../../src/codec";
import { assertEqual, assertAtMost, bytesOf, check, codecErrorOf, deltaRoundTrip, encode, encodeDelta } from "./helpers";

function hundredKeys(): Map<string, number> {
	const m = new Map<string, number>();
	for (let i = 1; i <= 100; i++) m.set(`item${i}`, i * 10);
	return m;
}

export = () => {
	describe("collection deltas", () => {
		it("one changed key of a 100-key map costs that key and its value, not the map", () => {
			const c = codec.map(codec.str(16), codec.u16);
			const base = hundredKeys();
			const changed = table.clone(base);
			changed.set("item42", 7);
			const whole = buffer.len(encode(c, changed));
			const delta = encodeDelta(c, base, changed);
			// tag (1 set) + key "item42" (1 + 6) + u16 + removed count 0
			assertEqual(buffer.len(delta), 1 + 7 + 2 + 1, "one changed key");
			assertEqual(whole, 893, "the whole map");
			assertEqual(deltaRoundTrip(c, base, changed).get("item42"), 7, "the changed key decodes");
			assertEqual(deltaRoundTrip(c, base, changed).get("item41"), 410, "the other keys come from the base");
		});

		it("keys set and removed travel; the rest is the base", () => {
			const c = codec.map(codec.str(16), codec.u16);
			const base = hundredKeys();
			const edited = table.clone(base);
			edited.delete("item7");
			edited.set("new", 1);
			const out = deltaRoundTrip(c, base, edited);
			check(!out.has("item7"), "the removed key is gone");
			assertEqual(out.get("new"), 1, "the new key arrives");
			let n = 0;
			for (const _ of out) n += 1;
			assertEqual(n, 100, "100 keys after one removal and one insertion");
			assertEqual(buffer.len(encodeDelta(c, base, edited)), 1 + 4 + 2 + 1 + 6, "tag, new key and value, removed count, removed key");
		});

		it("array elements changed, appended and truncated", () => {
			const c = codec.array(codec.u16);
			const base: number[] = [];
			for (let i = 0; i < 100; i++) base.push(i);
			const changed = table.clone(base);
			changed[50] = 999;
			// tag + length (1) + gap 50 + u16
			assertEqual(buffer.len(encodeDelta(c, base, changed)), 1 + 1 + 1 + 2, "one changed element");
			assertEqual(deltaRoundTrip(c, base, changed)[50], 999, "the changed element decodes");
			const appended = [...base, 100, 101];
			assertEqual(buffer.len(encodeDelta(c, base, appended)), 1 + 1 + 4, "two appended elements");
			assertEqual(deltaRoundTrip(c, base, appended).size(), 102, "appended");
			const truncated = base.filter((_, i) => i < 10);
			assertEqual(buffer.len(encodeDelta(c, base, truncated)), 2, "truncation is the tag and the new length");
			assertEqual(deltaRoundTrip(c, base, truncated).size(), 10, "truncated");
		});

		it("a delta that would be longer goes whole, one byte over write()", () => {
			const c = codec.array(codec.u16, { maxLength: 4 });
			const a = [1, 2, 3, 4];
			const b = [5, 6, 7, 8];
			assertEqual(buffer.len(encodeDelta(c, a, b)), buffer.len(encode(c, b)) + 1, "whole form behind a 0 tag");
			assertAtMost(buffer.len(encodeDelta(c, a, b)), c.maxSize!, "within maxSize");
			assertEqual(deltaRoundTrip(c, a, b)[3], 8, "the whole form decodes");
		});

		it("readers refuse deltas the base cannot take", () => {
			const m = codec.map(codec.str(8), codec.u8);
			const base = new Map([["a", 1]]);
			// removes "zz", which the base lacks: tag 1 (no sets), 1 removed, "zz"
			codecErrorOf(() => m.readDelta!(codec.newReader(bytesOf([1, 1, 2, 0x7a, 0x7a])), base), "removing a missing key");
			// sets "b" twice
			codecErrorOf(() => m.readDelta!(codec.newReader(bytesOf([3, 1, 0x62, 1, 1, 0x62, 2, 0])), base), "a key set twice");
			const arr = codec.array(codec.u8, { maxLength: 4 });
			// changes element 5 of a 2-element base
			codecErrorOf(() => arr.readDelta!(codec.newReader(bytesOf([2, 2, 5, 9])), [1, 2]), "a change past the end");
			// grows past maxLength
			codecErrorOf(() => arr.readDelta!(codec.newReader(bytesOf([1, 9, 1, 1, 1, 1, 1, 1, 1])), [1, 2]), "past maxLength");
		});
	});
};
