// Scalar codecs: integers, floats, varints, bool, strings, buffers, literals.
import * as codec from "../../../src/codec";
import {
	assertEqual,
	assertSameNumber,
	bytesOf,
	check,
	checkAccepts,
	checkRejects,
	codecErrorOf,
	decode,
	encode,
	readPrefixError,
	roundTrip,
	sizeOf,
} from "./helpers";

const F32_MAX = 3.4028234663852886e38;
const F32_MIN_SUBNORMAL = 2 ** -149;
const F64_MAX = 1.7976931348623157e308;
const F64_MIN_SUBNORMAL = 2 ** -1074;
const NAN = 0 / 0;
const INF = math.huge;

export = () => {
	describe("integer codecs", () => {
		const cases: [codec.Codec<number>, number, number[]][] = [
			[codec.u8, 1, [0, 1, 127, 128, 255]],
			[codec.u16, 2, [0, 1, 255, 256, 65535]],
			[codec.u32, 4, [0, 1, 65536, 2147483648, 4294967295]],
			[codec.i8, 1, [0, -1, 1, -128, 127]],
			[codec.i16, 2, [0, -1, 1, -32768, 32767]],
			[codec.i32, 4, [0, -1, 1, -2147483648, 2147483647]],
		];

		it("round-trips 0, the extremes and -1 where signed, in a fixed number of bytes", () => {
			for (const [c, size, values] of cases) {
				for (const v of values) {
					checkAccepts(c, v);
					assertEqual(sizeOf(c, v), size, `${c.name} should take ${size} bytes for ${v}`);
					assertEqual(roundTrip(c, v), v, `${c.name} should round-trip ${v}`);
				}
			}
		});

		it("encode little-endian", () => {
			const b = encode(codec.u16, 0x1234);
			assertEqual(buffer.readu8(b, 0), 0x34, "u16 low byte first");
			assertEqual(buffer.readu8(b, 1), 0x12, "u16 high byte second");
			const n = encode(codec.i32, -2);
			assertEqual(buffer.readu32(n, 0), 4294967294, "i32 -2 is two's complement");
		});

		it("validate rejects one past each end of the range", () => {
			const ranges: [codec.Codec<number>, number, number][] = [
				[codec.u8, 0, 255],
				[codec.u16, 0, 65535],
				[codec.u32, 0, 4294967295],
				[codec.i8, -128, 127],
				[codec.i16, -32768, 32767],
				[codec.i32, -2147483648, 2147483647],
				[codec.varuint, 0, codec.MAX_SAFE_INTEGER],
			];
			for (const [c, lo, hi] of ranges) {
				checkAccepts(c, lo);
				checkAccepts(c, hi);
				checkRejects(c, lo - 1, "out of range");
				checkRejects(c, hi + 1, "out of range");
			}
		});

		it("validate rejects NaN, infinities, fractions and non-numbers with a message", () => {
			for (const c of [codec.u8, codec.u16, codec.u32, codec.i8, codec.i16, codec.i32, codec.varuint, codec.varint]) {
				checkRejects(c, NAN, "NaN");
				checkRejects(c, 0.5, "integer");
				checkRejects(c, -1.25, "integer");
				checkRejects(c, "5", "expects a number");
				checkRejects(c, true, "expects a number");
				checkRejects(c, undefined, "expects a number");
				checkRejects(c, {}, "expects a number");
				// an infinity is not a fraction, but it is out of every range
				check(c.validate(INF) !== undefined, `${c.name} should reject inf`);
				check(c.validate(-INF) !== undefined, `${c.name} should reject -inf`);
			}
		});

		it("integer codecs are exact and compare with ===", () => {
			for (const c of [codec.u8, codec.i32, codec.varuint, codec.varint]) {
				check(c.exact, `${c.name} should be exact`);
				assertEqual(c.canonical(7), 7, `${c.name} canonical is the identity`);
				check(c.equals(5, 5) && !c.equals(5, 6), `${c.name}.equals compares values`);
			}
		});
	});

	describe("varints", () => {
		it("varuint takes 1 byte up to 127 and 2 from 128", () => {
			assertEqual(sizeOf(codec.varuint, 0), 1, "varuint(0)");
			assertEqual(sizeOf(codec.varuint, 127), 1, "varuint(127)");
			assertEqual(sizeOf(codec.varuint, 128), 2, "varuint(128)");
			assertEqual(sizeOf(codec.varuint, 16383), 2, "varuint(16383)");
			assertEqual(sizeOf(codec.varuint, 16384), 3, "varuint(16384)");
			assertEqual(sizeOf(codec.varuint, 2 ** 32), 5, "varuint(2^32)");
			assertEqual(sizeOf(codec.varuint, codec.MAX_SAFE_INTEGER), 8, "varuint(2^53-1)");
		});

		it("varuint round-trips boundaries up to 2^53-1 exactly", () => {
			const values = [0, 1, 127, 128, 255, 16383, 16384, 2 ** 21 - 1, 2 ** 21, 2 ** 31, 2 ** 32, 2 ** 32 + 1];
			values.push(2 ** 49 - 1, 2 ** 49, 2 ** 52 + 1, codec.MAX_SAFE_INTEGER - 1, codec.MAX_SAFE_INTEGER);
			for (const v of values) assertEqual(roundTrip(codec.varuint, v), v, `varuint should round-trip ${v}`);
		});

		it("varuint size agrees with varUintSize", () => {
			const rng = new Random(101);
			for (let i = 0; i < 200; i++) {
				const v = math.floor(2 ** rng.NextNumber(0, 53)) - 1;
				assertEqual(sizeOf(codec.varuint, v), codec.varUintSize(v), `varUintSize(${v})`);
			}
		});

		it("varint zigzags so small magnitudes of either sign stay short", () => {
			assertEqual(sizeOf(codec.varint, 0), 1, "varint(0)");
			assertEqual(sizeOf(codec.varint, -1), 1, "varint(-1)");
			assertEqual(sizeOf(codec.varint, 63), 1, "varint(63)");
			assertEqual(sizeOf(codec.varint, -64), 1, "varint(-64)");
			assertEqual(sizeOf(codec.varint, 64), 2, "varint(64)");
			assertEqual(sizeOf(codec.varint, -65), 2, "varint(-65)");
			assertEqual(buffer.readu8(encode(codec.varint, -1), 0), 1, "zigzag maps -1 to 1");
			assertEqual(buffer.readu8(encode(codec.varint, 1), 0), 2, "zigzag maps 1 to 2");
			// the bytes are LEB128 of the zigzag value: 2v for v >= 0, -2v-1 below
			const zigzags: [number, number][] = [
				[-65, 129],
				[8191, 16382],
				[-8192, 16383],
				[2 ** 40, 2 ** 41],
				[-(2 ** 40), 2 ** 41 - 1],
				[2 ** 52, 2 ** 53],
			];
			for (const [v, zigzag] of zigzags) {
				const got = buffer.tostring(encode(codec.varint, v));
				assertEqual(got, buffer.tostring(encode(codec.varuint, zigzag)), `varint(${v}) bytes are varuint(${zigzag})`);
			}
		});

		it("varint round-trips both signs up to +-(2^53-1) exactly", () => {
			const values = [0, 1, -1, 63, -64, 64, -65, 2 ** 31, -(2 ** 31), 2 ** 32, -(2 ** 32)];
			values.push(2 ** 52, -(2 ** 52), 2 ** 52 + 1, -(2 ** 52) - 1, codec.MAX_SAFE_INTEGER, -codec.MAX_SAFE_INTEGER);
			for (const v of values) assertEqual(roundTrip(codec.varint, v), v, `varint should round-trip ${v}`);
			checkAccepts(codec.varint, -codec.MAX_SAFE_INTEGER);
			checkRejects(codec.varint, codec.MAX_SAFE_INTEGER + 2, "out of range");
		});

		it("varuint read rejects encodings longer than 8 bytes and values over 2^53-1", () => {
			const nine = bytesOf([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01]);
			codecErrorOf(() => codec.varuint.read(codec.newReader(nine)), "9-byte varuint");
			// 8 bytes whose value is 2^56-1: decodable bytes, but not an exact number
			const huge = bytesOf([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]);
			codecErrorOf(() => codec.varuint.read(codec.newReader(huge)), "varuint above 2^53-1");
			codecErrorOf(() => codec.varint.read(codec.newReader(huge)), "varint above 2^53-1");
		});
	});

	describe("float codecs", () => {
		it("f32 round-trips 0, -0, extremes, subnormals, infinities and NaN in 4 bytes", () => {
			const c = codec.f32();
			for (const v of [0, 1.5, -2.25, F32_MAX, -F32_MAX, F32_MIN_SUBNORMAL, INF, -INF]) {
				assertEqual(sizeOf(c, v), 4, `f32 size of ${v}`);
				assertSameNumber(roundTrip(c, v), v, `f32 should round-trip ${v}`);
			}
			const negZero = roundTrip(c, -0);
			assertEqual(1 / negZero, -INF, "f32 should keep the sign of -0");
			const nan = roundTrip(c, NAN);
			check(nan !== nan, "f32 NaN should decode as NaN");
			check(c.equals(nan, NAN), "NaN equals NaN so it is not resent forever");
		});

		it("f32 canonical is what the receiver decodes, bit for bit", () => {
			const c = codec.f32();
			check(!c.exact, "f32 rounds, so it is not exact");
			const rng = new Random(32);
			for (let i = 0; i < 200; i++) {
				const v = rng.NextNumber(-1e6, 1e6) * 10 ** rng.NextInteger(-30, 30);
				const canon = c.canonical(v);
				assertSameNumber(roundTrip(c, v), canon, `f32 decode of ${v}`);
				check(math.abs(canon - v) <= math.abs(v) * 2 ** -24, `f32 canonical of ${v} within half an ulp`);
			}
			assertSameNumber(c.canonical(0.1), roundTrip(c, 0.1), "0.1 rounds through f32");
			check(c.canonical(0.1) !== 0.1, "0.1 is not an f32 value");
		});

		it("f64 round-trips every double exactly in 8 bytes", () => {
			const c = codec.f64();
			check(c.exact, "f64 is exact");
			for (const v of [0, 0.1, -1 / 3, F64_MAX, -F64_MAX, F64_MIN_SUBNORMAL, -F64_MIN_SUBNORMAL, INF, -INF, 2 ** 53 + 2]) {
				assertEqual(sizeOf(c, v), 8, `f64 size of ${v}`);
				assertSameNumber(roundTrip(c, v), v, `f64 should round-trip ${v}`);
			}
			assertEqual(1 / roundTrip(c, -0), -INF, "f64 should keep the sign of -0");
			const nan = roundTrip(c, NAN);
			check(nan !== nan, "f64 NaN should decode as NaN");
		});

		it("finite floats reject NaN and infinities in validate and on read", () => {
			for (const c of [codec.f64({ finite: true }), codec.f32({ finite: true })]) {
				checkRejects(c, NAN, "NaN");
				checkRejects(c, INF, "finite");
				checkRejects(c, -INF, "finite");
				checkAccepts(c, 1.5);
				checkAccepts(c, -0);
				for (const bad of [NAN, INF, -INF]) {
					const b = encode(c, bad); // write assumes validated values, so this is a hostile packet
					const err = codecErrorOf(() => decode(c, b), `${c.name} reading ${bad}`);
					check(err.reason.find("non-finite", 1, true)[0] !== undefined, `reason should say non-finite: ${err.reason}`);
				}
				assertEqual(roundTrip(c, 2.5), 2.5, `${c.name} round-trips finite values`);
			}
		});

		it("f32({ finite }) rejects values that would overflow to infinity", () => {
			const c = codec.f32({ finite: true });
			checkAccepts(c, F32_MAX);
			checkRejects(c, 1e39, "overflows");
			checkRejects(c, -1e300, "overflows");
			checkAccepts(codec.f32(), 1e39); // without finite, it is sent as infinity
			assertEqual(codec.f32().canonical(1e39), INF, "canonical says it arrives as infinity");
		});

		it("float validate rejects non-numbers", () => {
			checkRejects(codec.f32(), "1", "expects a number");
			checkRejects(codec.f64(), undefined, "expects a number");
			checkAccepts(codec.f64(), NAN);
		});
	});

	describe("bool", () => {
		it("round-trips true and false in one byte", () => {
			for (const v of [true, false]) {
				assertEqual(sizeOf(codec.bool, v), 1, `bool size of ${v}`);
				assertEqual(roundTrip(codec.bool, v), v, `bool should round-trip ${v}`);
			}
		});

		it("rejects non-booleans in validate and bytes other than 0/1 on read", () => {
			checkRejects(codec.bool, 1, "boolean");
			checkRejects(codec.bool, undefined, "boolean");
			checkAccepts(codec.bool, false);
			codecErrorOf(() => decode(codec.bool, bytesOf([2])), "bool byte 2");
			codecErrorOf(() => decode(codec.bool, bytesOf([255])), "bool byte 255");
		});
	});

	describe("strings and buffers", () => {
		it("str round-trips the empty string, binary bytes and a 64 KiB string", () => {
			const c = codec.str(65536);
			assertEqual(sizeOf(c, ""), 1, "empty string is its length byte");
			assertEqual(roundTrip(c, ""), "", "empty string round-trips");
			const binary = buffer.tostring(bytesOf([97, 0, 98, 255, 10]));
			assertEqual(roundTrip(c, binary), binary, "strings are bytes, NUL included");
			const big = "x".rep(65536);
			checkAccepts(c, big);
			assertEqual(sizeOf(c, big), 65536 + 3, "64 KiB string is a 3-byte length and the bytes");
			assertEqual(roundTrip(c, big), big, "64 KiB string round-trips");
		});

		it("str over its limit fails validate and fails read before allocating", () => {
			const c = codec.str(8);
			checkAccepts(c, "12345678");
			checkRejects(c, "123456789", "exceeds");
			checkRejects(c, 5, "expects a string");
			// written by a writer with a larger limit: the reader refuses it by its length prefix
			const wire = encode(codec.str(), "123456789");
			const err = codecErrorOf(() => decode(c, wire), "str(8) reading 9 bytes");
			check(err.reason.find("exceeds", 1, true)[0] !== undefined, `reason should name the limit: ${err.reason}`);
			// a length of 2^40 with no bytes behind it fails on the length, not in buffer.readstring
			const w = codec.newWriter();
			codec.writeVarUint(w, 2 ** 40);
			const claim = codec.toBuffer(w);
			const e2 = codecErrorOf(() => decode(codec.str(), claim), "str claiming 2^40 bytes");
			check(e2.reason.find("exceeds", 1, true)[0] !== undefined, `reason should name the limit: ${e2.reason}`);
			// a length within the limit but past the packet's end is a truncation
			codecErrorOf(() => decode(codec.str(), bytesOf([5, 65, 66])), "str claiming 5 bytes with 2 present");
		});

		it("bytes round-trips buffers and compares by content", () => {
			const c = codec.bytes(16);
			const src = bytesOf([0, 1, 2, 255]);
			const out = roundTrip(c, src);
			check(out !== src, "decoding copies");
			assertEqual(buffer.tostring(out), buffer.tostring(src), "bytes round-trip");
			assertEqual(sizeOf(c, src), 5, "bytes is a length byte and the contents");
			check(c.equals(out, src), "equal contents are equal");
			check(!c.equals(out, bytesOf([0, 1, 2, 254])), "different contents are not equal");
			assertEqual(buffer.len(roundTrip(c, buffer.create(0))), 0, "empty buffer round-trips");
		});

		it("bytes over its limit fails validate and read", () => {
			const c = codec.bytes(4);
			checkRejects(c, buffer.create(5), "exceeds");
			checkRejects(c, "abc", "expects a buffer");
			codecErrorOf(() => decode(c, encode(codec.bytes(), buffer.create(5))), "bytes(4) reading 5");
			codecErrorOf(() => decode(c, bytesOf([3, 1])), "bytes claiming 3 with 1 present");
		});
	});

	describe("literal", () => {
		it("round-trips every option as a one-byte index", () => {
			const options = ["idle", "walk", "run", "jump"] as const;
			const c = codec.literal(options);
			options.forEach((v, i) => {
				checkAccepts(c, v);
				const b = encode(c, v);
				assertEqual(buffer.len(b), 1, `${v} takes one byte`);
				assertEqual(buffer.readu8(b, 0), i, `${v} is sent as its index`);
				assertEqual(decode(c, b), v, `${v} round-trips`);
			});
			checkRejects(c, "fly", "not one of");
			checkRejects(c, 0, "not one of");
		});

		it("mixes numbers and booleans", () => {
			const c = codec.literal<number | boolean>([3, 7, true, false]);
			for (const v of [3, 7, true, false]) assertEqual(roundTrip(c, v), v, `literal should round-trip ${v}`);
		});

		it("an out-of-range index on the wire fails", () => {
			const c = codec.literal(["a", "b", "c"]);
			assertEqual(decode(c, bytesOf([2])), "c", "last index is valid");
			const err = codecErrorOf(() => decode(c, bytesOf([3])), "index 3 of 3 options");
			check(err.reason.find("index 3", 1, true)[0] !== undefined, `reason should name the index: ${err.reason}`);
			codecErrorOf(() => decode(c, bytesOf([255])), "index 255 of 3 options");
		});

		it("more than 256 options use a varint index", () => {
			const options: number[] = [];
			for (let i = 0; i < 300; i++) options.push(i * 10);
			const c = codec.literal(options);
			assertEqual(sizeOf(c, 0), 1, "index 0 takes one byte");
			assertEqual(sizeOf(c, 2990), 2, "index 299 takes two bytes");
			assertEqual(roundTrip(c, 2990), 2990, "last option round-trips");
			codecErrorOf(() => decode(c, encode(codec.varuint, 300)), "index 300 of 300 options");
		});
	});

	describe("truncated scalars", () => {
		it("every scalar codec fails with a CodecError on every strict prefix", () => {
			// eslint-disable-next-line @typescript-eslint/no-explicit-any, roblox-ts/no-any -- codecs of every value type in one list
			const cases: [codec.Codec<any>, unknown][] = [
				[codec.u8, 200],
				[codec.u16, 65535],
				[codec.u32, 4294967295],
				[codec.i8, -5],
				[codec.i16, -300],
				[codec.i32, -2147483648],
				[codec.varuint, codec.MAX_SAFE_INTEGER],
				[codec.varint, -codec.MAX_SAFE_INTEGER],
				[codec.f32(), 1.5],
				[codec.f64(), -0.1],
				[codec.bool, true],
				[codec.str(), "hello"],
				[codec.bytes(), bytesOf([1, 2, 3])],
				[codec.literal(["x", "y"]), "y"],
			];
			for (const [c, v] of cases) {
				const b = encode(c, v);
				for (let n = 0; n < buffer.len(b); n++) {
					const err = readPrefixError(c, b, n);
					check(err.reason.size() > 0, `${c.name} error should carry a reason`);
				}
			}
		});
	});
};
