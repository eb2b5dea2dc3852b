// codec.dynamic(): the tag layout's sizes, every supported type round-trips, one encoding per
// value (decoding refuses non-shortest forms), clear validate messages and caps.
import * as codec from "../../../src/codec";
import { assertEqual, assertSameNumber, bytesOf, check, checkRejects, codecErrorOf, decode, encode, roundTrip } from "./helpers";

const c = codec.dynamic();

function sizeOf(v: unknown): number {
	return buffer.len(encode(c, v));
}

function bytes(v: unknown): number[] {
	const b = encode(c, v);
	const out: number[] = [];
	for (let i = 0; i < buffer.len(b); i++) out.push(buffer.readu8(b, i));
	return out;
}

export = () => {
	describe("codec.dynamic", () => {
		it("numbers take the shortest form: fixint, u8/u16/u32, i8/i16/i32, f32 when exact, f64", () => {
			const sizes: [number, number][] = [
				[0, 1],
				[127, 1],
				[-1, 1],
				[-32, 1],
				[128, 2],
				[255, 2],
				[-33, 2],
				[-128, 2],
				[256, 3],
				[65535, 3],
				[-129, 3],
				[-32768, 3],
				[65536, 5],
				[4294967295, 5],
				[-32769, 5],
				[-2147483648, 5],
				[0.5, 5],
				[-0, 5],
				[2 ** 40, 5],
				[0.1, 9],
				[2 ** 40 + 1, 9],
			];
			for (const [v, size] of sizes) {
				assertEqual(sizeOf(v), size, `bytes of ${v}`);
				assertSameNumber(roundTrip(c, v) as number, v, `round trip of ${v}`);
			}
			const nan = roundTrip(c, 0 / 0) as number;
			check(nan !== nan, "NaN round-trips");
			assertEqual(roundTrip(c, -math.huge), -math.huge, "-inf round-trips");
			check(bytes(-1)[0] === 0xff && bytes(5)[0] === 5, "fixints are the tag byte itself");
		});

		it("strings, buffers, arrays and maps use short headers up to 31 / 15", () => {
			assertEqual(sizeOf(""), 1, "empty string");
			assertEqual(sizeOf("x".rep(31)), 32, "31-byte string: one header byte");
			assertEqual(sizeOf("x".rep(32)), 34, "32-byte string: tag + length");
			assertEqual(sizeOf(bytesOf([1, 2, 3])), 5, "buffer: tag + length + bytes");
			assertEqual(sizeOf([1, 2, 3]), 4, "fixarray");
			assertEqual(sizeOf(table.create(16, 1)), 18, "16 values: tag + count + values");
			assertEqual(
				sizeOf(
					new Map([
						["hp", 100],
						["id", 7],
					]),
				),
				1 + 3 + 1 + 3 + 1,
				"fixmap: keys as length + bytes",
			);
			const out = roundTrip(
				c,
				new Map<string, unknown>([
					["list", [true, false, "s"]],
					["blob", bytesOf([9])],
				]),
			) as Map<string, unknown>;
			check(
				c.equals(
					out,
					new Map<string, unknown>([
						["list", [true, false, "s"]],
						["blob", bytesOf([9])],
					]),
				),
				"nested round trip",
			);
		});

		it("Roblox types round-trip: Vector3, Vector2, CFrame, Color3, EnumItem, UDim2, UDim", () => {
			const values: unknown[] = [
				new Vector3(1, -2.5, 1e6),
				new Vector2(0.25, -8),
				new CFrame(1, 2, 3),
				new CFrame(1, 2, 3, 0, 0, 1, 0, 1, 0, -1, 0, 0),
				new CFrame(4, 5, 6).mul(CFrame.Angles(0.1, 0.2, 0.3)),
				Color3.fromRGB(255, 128, 0),
				new Color3(0.5, 0.25, 2),
				Enum.KeyCode.W,
				Enum.Material.Neon,
				new UDim2(0.5, -10, 1, 20),
				new UDim(0.25, 4),
			];
			for (const v of values) {
				const out = roundTrip(c, v);
				check(c.equals(out, c.canonical(v)), `${typeOf(v)} ${tostring(v)} decodes to its canonical form`);
				check(typeOf(out) === typeOf(v), `${typeOf(v)} keeps its type`);
			}
			check(roundTrip(c, Enum.KeyCode.W) === Enum.KeyCode.W, "EnumItems decode to the same item");
			assertEqual(sizeOf(new Vector3(1, 2, 3)), 13, "Vector3: tag + 3 x f32");
			assertEqual(sizeOf(new CFrame(1, 2, 3, 0, 0, 1, 0, 1, 0, -1, 0, 0)), 14, "axis-aligned CFrame: position + rotation id");
			assertEqual(sizeOf(new CFrame(1, 2, 3).mul(CFrame.Angles(0.1, 0.2, 0.3))), 49, "any CFrame: 12 x f32");
			assertEqual(sizeOf(Color3.fromRGB(1, 2, 3)), 4, "Color3 from RGB bytes");
			const canonical = c.canonical(new Vector3(0.1, 0, 0)) as Vector3;
			check(canonical.X !== 0.1 && math.abs(canonical.X - 0.1) < 1e-8, "vectors round to f32, as Roblox stores them");
		});

		it("every value has one encoding: decoding refuses non-shortest forms and unsorted keys", () => {
			const bad: [string, number[]][] = [
				["5 as u8", [0xc3, 5]],
				["200 as u16", [0xc4, 200, 0]],
				["-5 as i8", [0xc6, 0xfb]],
				["1 as f32", [0xc9, 0, 0, 0x80, 0x3f]],
				["0.5 as f64", [0xca, 0, 0, 0, 0, 0, 0, 0xe0, 0x3f]],
				["a 1-byte string with a long header", [0xcb, 1, 0x41]],
				["a 1-value array with a long header", [0xcd, 1, 1]],
				["keys out of order", [0xb2, 1, 0x62, 1, 1, 0x61, 2]],
				["a duplicate key", [0xb2, 1, 0x61, 1, 1, 0x61, 2]],
				["nil in an array", [0xa2, 1, 0xc0]],
				["a nil map value", [0xb1, 1, 0x61, 0xc0]],
				["a reserved tag", [0xd8]],
				["rotation id 48", [0xd1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 48]],
				["an unknown enum", [0xd5, 3, 0x5a, 0x5a, 0x5a, 0]],
				["an array claiming more values than bytes", [0xcd, 0xff, 0xff, 0x03, 1]],
			];
			for (const [what, input] of bad) codecErrorOf(() => decode(c, bytesOf(input)), what);
			// and what it does write decodes to the same bytes again
			for (const v of [
				0,
				-33,
				300,
				0.5,
				"x".rep(40),
				[1, [2]],
				new Map([
					["a", 1],
					["b", 2],
				]),
			]) {
				const once = encode(c, v);
				assertEqual(buffer.tostring(encode(c, decode(c, once))), buffer.tostring(once), `re-encoding ${tostring(v)}`);
			}
		});

		it("validate refuses Instances, functions, mixed and sparse tables, cycles, and past the caps", () => {
			checkRejects(c, new Instance("Part"), "Instances");
			checkRejects(c, [print], "function");
			checkRejects(
				c,
				new Map<unknown, unknown>([
					[1, "a"],
					["k", "b"],
				]),
				"mixes",
			);
			checkRejects(c, new Map<unknown, unknown>([[2, "b"]]), "sparse");
			const cyclic = new Map<string, unknown>();
			cyclic.set("self", cyclic);
			checkRejects(c, cyclic, "cycle");
			checkRejects(c, new UDim2(0, 0.5, 0, 0), "whole int32 pixels");
			checkRejects(codec.dynamic({ maxBytes: 8 }), "x".rep(8), "limit of 8 bytes");
			let deep: unknown = 1;
			for (let i = 0; i < 5; i++) deep = [deep];
			checkRejects(codec.dynamic({ maxDepth: 4 }), deep, "deeper than 4");
			codecErrorOf(() => codec.dynamic({ maxDepth: 4 }).read(codec.newReader(encode(c, deep))), "decoding past maxDepth");
			codecErrorOf(() => codec.dynamic({ maxBytes: 8 }).read(codec.newReader(encode(c, "x".rep(8)))), "decoding past maxBytes");
		});
	});
};
