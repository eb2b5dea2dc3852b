// codec.json(): exact text, exact numbers, escapes, clear validate messages and strict decoding.
import * as codec from "../../../src/codec";
import { assertEqual, assertSameNumber, check, checkAccepts, checkRejects, codecErrorOf, decode, encode, roundTrip } from "./helpers";

const c = codec.json();

/** The JSON text `v` encodes to. */
function textOf(v: codec.JsonValue): string {
	const r = codec.newReader(encode(c, v));
	const len = codec.readVarUint(r);
	return buffer.readstring(r.b, r.p, len);
}

/** A buffer holding `text` as a json codec encoding (varint length + text). */
function framed(text: string): buffer {
	const w = codec.newWriter();
	codec.writeString(w, text);
	return codec.toBuffer(w);
}

function map(entries: [string, codec.JsonData][]): codec.JsonData {
	return new Map(entries) as unknown as codec.JsonData;
}

export = () => {
	describe("codec.json", () => {
		it("writes compact JSON text with sorted keys after a varint length", () => {
			assertEqual(
				textOf(
					map([
						["b", [1, true, "x"]],
						["a", -2.5],
					]),
				),
				'{"a":-2.5,"b":[1,true,"x"]}',
				"object text",
			);
			assertEqual(textOf(undefined), "null", "nil");
			assertEqual(textOf([]), "[]", "an empty table is an empty array");
			assertEqual(buffer.len(encode(c, "hi")), 1 + 4, "length byte + quoted text");
			check(
				c.equals(roundTrip(c, map([["a", [map([["deep", false]])]]])), map([["a", [map([["deep", false]])]]])),
				"nested round trip",
			);
		});

		it("numbers round-trip exactly (seed 77), in the shortest text that does", () => {
			const rng = new Random(77);
			const values = [0.1, 1 / 3, -1e-300, 5e-324, 1.7976931348623157e308, 2 ** 53, 2 ** 53 + 2, 123456789, -0];
			for (let i = 0; i < 300; i++) values.push(rng.NextNumber(-1, 1) * 10 ** rng.NextInteger(-30, 30));
			for (const v of values) assertSameNumber(roundTrip(c, v) as number, v, `number ${v}`);
			assertEqual(textOf(0.1), "0.1", "0.1 needs no 17 digits");
			assertEqual(textOf(100), "100", "integers stay integers");
			assertEqual(textOf(-0), "-0", "-0 keeps its sign");
		});

		it("escapes quotes, backslashes and control bytes; keeps UTF-8 as is", () => {
			const s = 'say "hi"\\ ' + string.char(1, 10, 9, 127) + " héllo 日本";
			assertEqual(roundTrip(c, s), s, "string round trip");
			const text = textOf(s);
			check(text.find("\\u0001", 1, true)[0] !== undefined, "control byte 1 as \\u0001");
			check(text.find('\\"hi\\"', 1, true)[0] !== undefined, "quotes escaped");
			check(text.find("héllo 日本", 1, true)[0] !== undefined, "UTF-8 written raw");
		});

		it("reads standard JSON: whitespace, every escape, surrogate pairs", () => {
			const v = decode(
				c,
				framed(' { "a" : [ 1 , 2e2 , -0.5E-1 ] ,\n\t"s" : "\\u00e9\\ud83d\\ude00\\/\\b\\f\\n\\r\\t" } '),
			) as unknown as Map<string, unknown>;
			const a = v.get("a") as number[];
			check(a[0] === 1 && a[1] === 200 && a[2] === -0.05, "numbers");
			assertEqual(v.get("s"), "é😀/\b\f\n\r\t", "escapes decode to UTF-8");
			check(decode(c, framed("null")) === undefined, "top-level null is nil");
			check(c.equals(decode(c, framed("{}")), []), "an empty object is an empty table");
		});

		it("validate names the problem: cycles, functions, Instances, mixed and sparse tables, NaN, infinities, UTF-8, depth, cap", () => {
			const cyclic = new Map<string, unknown>();
			cyclic.set("self", cyclic);
			checkRejects(c, cyclic, "cycle");
			checkRejects(c, [print], "function");
			checkRejects(c, new Instance("Folder"), "Instance");
			const mixed = new Map<unknown, unknown>([
				[1, "a"],
				["k", "b"],
			]);
			checkRejects(c, mixed, "mixes array indices and string keys");
			checkRejects(
				c,
				new Map<unknown, unknown>([
					[1, "a"],
					[3, "c"],
				]),
				"sparse array",
			);
			checkRejects(c, new Map<unknown, unknown>([[true, 1]]), "key of type boolean");
			checkRejects(c, [0 / 0], "NaN");
			checkRejects(c, map([["x", math.huge]]), "infinity");
			checkRejects(c, string.char(0xff, 0xfe), "UTF-8");
			checkRejects(c, new Vector3(), "Vector3");
			let deep: codec.JsonData = [];
			for (let i = 0; i < 16; i++) deep = [deep];
			checkRejects(c, deep, "deeper than 16");
			checkAccepts(codec.json({ maxDepth: 17 }), deep);
			checkRejects(codec.json({ maxLength: 10 }), "x".rep(9), "exceeds its limit of 10");
			checkAccepts(codec.json({ maxLength: 10 }), "x".rep(8));
		});

		it("decoding is strict", () => {
			const bad = [
				"",
				"[1,]",
				"[1 2]",
				'{"a":1,}',
				"{a:1}",
				"[null]",
				'{"a":null}',
				'{"a":1,"a":2}',
				"01",
				"1.",
				".5",
				"+1",
				"1e",
				"1e400",
				"NaN",
				"tru",
				'"\\ud800"',
				'"\\udc00"',
				'"\\x41"',
				'"\\u12g4"',
				'"abc',
				'"a' + string.char(10) + 'b"',
				'"' + string.char(0xc3) + '"',
				"1 2",
				"[1]x",
			];
			for (const text of bad) codecErrorOf(() => decode(c, framed(text)), `json text ${text}`);
			codecErrorOf(() => codec.json({ maxLength: 4 }).read(codec.newReader(framed('"abcd"'))), "text over the cap");
			let nested = "1";
			for (let i = 0; i < 17; i++) nested = `[${nested}]`;
			codecErrorOf(() => decode(c, framed(nested)), "17 nested arrays");
			check(
				codec.json({ maxDepth: 17 }).validate(decode(codec.json({ maxDepth: 17 }), framed(nested))) === undefined,
				"17 levels with maxDepth 17",
			);
		});
	});
};
