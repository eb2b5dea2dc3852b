// Composite codecs other than struct: optional, array and map.
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
	roundTrip,
	sizeOf,
} from "./helpers";

export = () => {
	describe("optional", () => {
		const c = codec.optional(codec.u16);

		it("round-trips undefined in one byte and a value after a presence byte", () => {
			assertEqual(sizeOf(c, undefined), 1, "absent optional is one byte");
			assertEqual(roundTrip(c, undefined), undefined, "undefined round-trips");
			assertEqual(sizeOf(c, 500), 3, "present optional<u16> is 1 + 2 bytes");
			assertEqual(roundTrip(c, 500), 500, "value round-trips");
			assertEqual(roundTrip(c, 0), 0, "0 is present, not absent");
			check(c.inner === codec.u16, "optional exposes its inner codec");
		});

		it("validates through to the inner codec and accepts undefined", () => {
			checkAccepts(c, undefined);
			checkAccepts(c, 65535);
			checkRejects(c, 65536, "out of range");
			checkRejects(c, "x", "expects a number");
		});

		it("a presence byte other than 0 or 1 fails", () => {
			codecErrorOf(() => decode(c, bytesOf([2, 0, 0])), "presence byte 2");
			codecErrorOf(() => decode(c, bytesOf([1, 0])), "present but truncated");
			checkTruncations(c, 1234);
		});

		it("equals and canonical treat undefined apart from values", () => {
			const q = codec.optional(codec.quantized({ precision: 0.5 }));
			check(q.equals(undefined, undefined), "undefined equals undefined");
			check(!q.equals(undefined, 0), "undefined differs from 0");
			check(!q.equals(0, undefined), "0 differs from undefined");
			assertEqual(q.canonical(undefined), undefined, "canonical keeps undefined");
			assertEqual(q.canonical(1.3), 1.5, "canonical quantizes a present value");
			check(!q.exact, "optional of an inexact codec is inexact");
		});
	});

	describe("array", () => {
		it("round-trips empty and filled arrays with a varint length", () => {
			const c = codec.array(codec.u8);
			assertEqual(sizeOf(c, []), 1, "empty array is its length byte");
			assertEqual(roundTrip(c, []).size(), 0, "empty array round-trips");
			const v = [1, 2, 3, 250];
			assertEqual(sizeOf(c, v), 5, "four u8 are 1 + 4 bytes");
			const out = roundTrip(c, v);
			assertEqual(out.size(), 4, "length survives");
			for (let i = 0; i < 4; i++) assertEqual(out[i], v[i], `element ${i}`);
			const long: number[] = [];
			for (let i = 0; i < 200; i++) long.push(i % 256);
			assertEqual(sizeOf(c, long), 202, "200 elements need a 2-byte length");
			assertEqual(roundTrip(c, long)[199], 199, "last of 200 elements");
		});

		it("round-trips arrays of strings and of arrays", () => {
			const c = codec.array(codec.array(codec.str(16)));
			const v = [["a", "bc"], [], ["", "def"]];
			const out = roundTrip(c, v);
			assertEqual(out.size(), 3, "outer length");
			assertEqual(out[0][1], "bc", "nested element");
			assertEqual(out[1].size(), 0, "nested empty array");
			assertEqual(out[2][0], "", "nested empty string");
			check(c.equals(out, v), "decoded equals the original");
		});

		it("validate names the bad element and the length limit", () => {
			const c = codec.array(codec.u8, { maxLength: 3 });
			checkAccepts(c, [1, 2, 3]);
			checkRejects(c, [1, 2, 3, 4], "exceeds its limit of 3");
			checkRejects(c, [1, 300], "[1]");
			checkRejects(c, [1, 0.5], "integer");
			checkRejects(c, "abc", "expects a table");
		});

		it("read rejects lengths over maxLength and beyond the packet", () => {
			const c = codec.array(codec.u8, { maxLength: 3 });
			const four = encode(codec.array(codec.u8), [1, 2, 3, 4]);
			const err = codecErrorOf(() => decode(c, four), "4 elements with a limit of 3");
			check(err.reason.find("exceeds", 1, true)[0] !== undefined, `reason names the limit: ${err.reason}`);
			codecErrorOf(() => decode(codec.array(codec.u8), bytesOf([3, 1, 2])), "3 claimed, 2 present");
			checkTruncations(codec.array(codec.i16), [1, -2, 3]);
		});

		it("canonical quantizes elements and equals compares element-wise", () => {
			const c = codec.array(codec.quantized({ precision: 0.25 }));
			const canon = c.canonical([0.1, 0.9, -0.3]);
			assertEqual(canon[0], 0, "0.1 -> 0");
			assertEqual(canon[1], 1, "0.9 -> 1");
			assertEqual(canon[2], -0.25, "-0.3 -> -0.25");
			check(c.equals(canon, roundTrip(c, [0.1, 0.9, -0.3])), "canonical equals decoded");
			check(!c.equals([0, 1], [0, 1, 2]), "different lengths differ");
			check(!c.equals([0, 1], [0, 1.25]), "different elements differ");
		});
	});

	describe("map", () => {
		it("round-trips entries and encodes equal maps identically whatever the insertion order", () => {
			const c = codec.map(codec.str(16), codec.i16);
			const a = new Map<string, number>([
				["gold", 10],
				["wood", -5],
				["stone", 32767],
			]);
			const b = new Map<string, number>([
				["stone", 32767],
				["gold", 10],
				["wood", -5],
			]);
			const out = roundTrip(c, a);
			assertEqual(out.size(), 3, "entry count");
			assertEqual(out.get("wood"), -5, "wood");
			assertEqual(out.get("stone"), 32767, "stone");
			check(c.equals(out, a), "decoded equals the original");
			assertEqual(buffer.tostring(encode(c, a)), buffer.tostring(encode(c, b)), "same bytes for the same entries");
			assertEqual(sizeOf(c, new Map()), 1, "empty map is its size byte");
			assertEqual(sizeOf(c, new Map([["ab", 1]])), 1 + 3 + 2, "one entry: size + key + i16");
		});

		it("equals notices missing, extra and changed entries", () => {
			const c = codec.map(codec.u8, codec.u8);
			const a = new Map([
				[1, 1],
				[2, 2],
			]);
			check(!c.equals(a, new Map([[1, 1]])), "missing entry");
			check(
				!c.equals(
					a,
					new Map([
						[1, 1],
						[2, 2],
						[3, 3],
					]),
				),
				"extra entry",
			);
			check(
				!c.equals(
					a,
					new Map([
						[1, 1],
						[2, 3],
					]),
				),
				"changed entry",
			);
		});

		it("validate names bad keys, bad values and the size limit", () => {
			const c = codec.map(codec.str(4), codec.u8, { maxLength: 2 });
			checkAccepts(c, new Map([["a", 1]]));
			checkRejects(c, new Map([["toolong", 1]]), "key");
			checkRejects(c, new Map([["a", 256]]), "out of range");
			checkRejects(
				c,
				new Map([
					["a", 1],
					["b", 2],
					["c", 3],
				]),
				"exceeds",
			);
			checkRejects(c, 5, "expects a table");
		});

		it("read rejects sizes over maxLength and beyond the packet", () => {
			const c = codec.map(codec.u8, codec.u8, { maxLength: 1 });
			const two = encode(
				codec.map(codec.u8, codec.u8),
				new Map([
					[1, 1],
					[2, 2],
				]),
			);
			codecErrorOf(() => decode(c, two), "2 entries with a limit of 1");
			codecErrorOf(() => decode(codec.map(codec.u8, codec.u8), bytesOf([2, 1, 1, 2])), "2 claimed, 1.5 present");
			checkTruncations(codec.map(codec.str(), codec.f32()), new Map([["k", 1.5]]));
		});
	});
};
