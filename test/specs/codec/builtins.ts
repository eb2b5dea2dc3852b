// Every built-in codec with valid samples (edge and worst cases) and values its validate must
// refuse: the contract spec runs the spec-kit over each, the size spec reads maxSize from each.
import * as codec from "../../../src/codec";

/** One built-in codec under test. */
export interface Builtin {
	codec: codec.Codec<unknown>;
	samples: defined[];
	invalid?: defined[];
	ctx?: codec.CodecContext;
}

/** Entity handles are entity ids - 1000 (the spec-kit needs a context that resolves every handle). */
export const entityContext: codec.CodecContext = {
	toHandle: (e) => e - 1000,
	fromHandle: (h) => h + 1000,
};

const NAN = 0 / 0;
const INF = math.huge;

function buf(...bytes: number[]): buffer {
	const b = buffer.create(bytes.size());
	bytes.forEach((v, i) => buffer.writeu8(b, i, v));
	return b;
}

function entry<T>(c: codec.Codec<T>, samples: NonNullable<T>[], invalid?: defined[], ctx?: codec.CodecContext): Builtin {
	return { codec: c as codec.Codec<unknown>, samples: samples as defined[], invalid, ctx };
}

const rotated = new CFrame(10, -20, 30).mul(CFrame.Angles(0.3, -1.2, 2.5));
const deep: defined[] = [];
{
	let t = deep;
	for (let i = 1; i < 16; i++) {
		const inner: defined[] = [];
		t.push(inner);
		t = inner;
	}
}
const sixteen: number[] = [];
const wideOptions: number[] = [];
for (let i = 0; i < 300; i++) wideOptions.push(i < 16 ? i : 984 + i);
const keyed = new Map<string, number>();
for (let i = 0; i < 16; i++) {
	sixteen.push(i * 1000);
	keyed.set(`k${i}`, -i);
}

/** The built-ins, each with samples that include its worst case. */
export function builtins(): Builtin[] {
	return [
		entry(codec.u8, [0, 255, 17], [256, -1, 0.5, "1"]),
		entry(codec.u16, [0, 65535], [65536, -1]),
		entry(codec.u32, [0, 4294967295], [4294967296, -1]),
		entry(codec.i8, [-128, 127, 0], [128, -129]),
		entry(codec.i16, [-32768, 32767], [32768]),
		entry(codec.i32, [-2147483648, 2147483647], [2147483648]),
		entry(codec.varuint, [0, 127, 128, codec.MAX_SAFE_INTEGER], [-1, 2 ** 53, NAN]),
		entry(codec.varint, [0, -1, 63, -64, codec.MAX_SAFE_INTEGER, -codec.MAX_SAFE_INTEGER], [2 ** 53, 0.5]),
		entry(codec.f32(), [0, 1.5, -3.4e38, 1e-45, INF, -INF, NAN], ["0"]),
		entry(codec.f32({ finite: true }), [0, 1e30, -1e-30], [NAN, INF, 1e39]),
		entry(codec.f64(), [0, 0.1, -1e308, 5e-324, INF, NAN], [true]),
		entry(codec.f64({ finite: true }), [0, 0.1, 1.7976931348623157e308], [NAN, -INF]),
		entry(codec.bool, [true, false], [0, "true"]),
		entry(codec.str(16), ["", "hello", string.char(0xff, 0xfe) + "0123456789abcd"], ["x".rep(17), 5]),
		entry(codec.str(), ["", "a longer string"], [buf(1)]),
		entry(codec.bytes(8), [buf(), buf(0, 255, 128, 1, 2, 3, 4, 5)], [buf(0, 0, 0, 0, 0, 0, 0, 0, 0), "x"]),
		entry(codec.literal(["idle", "walk", "run"]), ["idle", "walk", "run"], ["fly", 0]),
		entry(codec.literal(wideOptions), [0, 15, 1283], [1284, -1]),
		entry(codec.optional(codec.u16), [0, 65535], [65536]),
		entry(codec.array(codec.u16, { maxLength: 4 }), [[], [1, 2, 3, 65535]], [[1, 2, 3, 4, 5], [70000]]),
		entry(codec.array(codec.str(4)), [[], ["a", "bcde"]], [["abcdef"]]),
		entry(
			codec.map(codec.str(4), codec.u8, { maxLength: 3 }),
			[
				new Map(),
				new Map([
					["a", 1],
					["bb", 255],
					["cccc", 0],
				]),
			],
			[new Map([["a", 256]])],
		),
		entry(
			codec.map(codec.f32(), codec.bool),
			[
				new Map([
					[1.5, true],
					[-2, false],
				]),
			],
			[new Map([["x", true]])],
		),
		// deltas: elements changed, appended and truncated; keys set and removed; element and value deltas (struct masks)
		entry(
			codec.array(codec.struct({ a: codec.u8, b: codec.bool }), { maxLength: 8 }),
			[
				[],
				[{ a: 1, b: true }],
				[
					{ a: 1, b: false },
					{ a: 2, b: true },
					{ a: 3, b: true },
				],
				[
					{ a: 9, b: true },
					{ a: 2, b: true },
					{ a: 3, b: true },
					{ a: 4, b: false },
					{ a: 5, b: false },
				],
			],
			[[{ a: 256, b: true }]],
		),
		entry(
			codec.map(codec.str(8), codec.struct({ hp: codec.u16, tag: codec.optional(codec.str(4)) }), { maxLength: 6 }),
			[
				new Map(),
				new Map([["a", { hp: 1 }]]),
				new Map([
					["a", { hp: 2 }],
					["bb", { hp: 3, tag: "x" }],
				]),
				new Map([
					["bb", { hp: 3, tag: "y" }],
					["ccc", { hp: 65535 }],
					["dddd", { hp: 0 }],
				]),
			],
			[new Map([["a", { hp: 70000 }]])],
		),
		entry(
			codec.struct({
				a: codec.u8,
				b: codec.bool,
				c: codec.optional(codec.str(4)),
				d: codec.quantized({ precision: 0.5, min: -8, max: 8 }),
			}),
			[
				{ a: 0, b: false, d: 0 },
				{ a: 255, b: true, c: "abcd", d: -8 },
				{ a: 3, b: true, c: "", d: 8 },
			],
			[{ a: 256, b: true, d: 0 }, { a: 0, b: 1, d: 0 }, "x"],
		),
		entry(codec.quantized({ precision: 0.5 }), [0, -0.25, 1e6, -(2 ** 40)], [NAN, INF, 2 ** 50]),
		entry(codec.quantized({ precision: 0.1, min: -10, max: 10 }), [-10, 10, 0.05, 3.3], [10.01, -11]),
		// the edge steps round outward: 1 decodes to 1.2, which must still validate
		entry(codec.quantized({ precision: 0.4, min: -1, max: 1 }), [-1, 1, 0.2], [1.1, -1.3]),
		entry(codec.angle(), [0, math.pi, -math.pi, 1, 100], [NAN, "0"]),
		entry(codec.angle({ bits: 16 }), [0, 3, -3], [INF]),
		entry(codec.angle({ bits: 2 }), [0, 1.6, -1.6]),
		entry(codec.vector3(), [new Vector3(), new Vector3(1.5, -2, 3e38)], [new Vector3(NAN, 0, 0), new Vector3(0, 1e39, 0), 5]),
		entry(codec.vector3({ range: 0.1 }), [new Vector3(0.1, -0.1, 0)], [new Vector3(0.11, 0, 0)]),
		entry(codec.vector3({ precision: 1 / 64 }), [new Vector3(), new Vector3(1e9, -1e9, 0.01)], [new Vector3(0, INF, 0)]),
		entry(codec.vector3({ precision: 1 / 64, range: 100 }), [new Vector3(100, -100, 0.3)], [new Vector3(0, 100.5, 0)]),
		entry(codec.vector3({ precision: 0.4, range: 1 }), [new Vector3(1, -1, 0.5)], [new Vector3(0, 1.1, 0)]),
		entry(codec.cframe(), [new CFrame(), rotated], [new CFrame(NAN, 0, 0), new Vector3()]),
		entry(
			codec.cframe({ precision: 1 / 64, range: 500 }),
			[new CFrame(500, -500, 0).mul(rotated.Rotation), new CFrame()],
			[new CFrame(501, 0, 0)],
		),
		entry(codec.cframe({ rotationBits: 2 }), [rotated, CFrame.Angles(0, math.pi / 2, 0)]),
		entry(codec.cframe({ precision: 0.01, rotationBits: 15 }), [rotated]),
		entry(codec.entity(), [1001, 5000], ["x"], entityContext),
		entry(codec.bits(1), [0, 1], [2, -1]),
		entry(codec.bits(3), [0, 7], [8]),
		entry(codec.bits(16), [0, 65535], [65536]),
		entry(codec.bits(24), [0, 2 ** 24 - 1, 65536], [2 ** 24]),
		entry(codec.bits(32), [0, 2 ** 32 - 1], [2 ** 32, 0.5]),
		entry(
			codec.packed({ state: codec.literal(["idle", "walk", "run"]), crouched: codec.bool, ammo: codec.bits(6), team: codec.bits(3) }),
			[
				{ state: "idle", crouched: false, ammo: 0, team: 0 },
				{ state: "run", crouched: true, ammo: 63, team: 7 },
				{ state: "walk", crouched: false, ammo: 12, team: 2 },
			],
			[
				{ state: "fly", crouched: false, ammo: 0, team: 0 },
				{ state: "run", crouched: true, ammo: 64, team: 0 },
			],
		),
		entry(
			codec.json(),
			[
				true,
				0,
				-0.1,
				1e300,
				"",
				'héllo "quoted"\n\t\\ ' + string.char(1),
				[1, "two", [3]],
				new Map<string, unknown>([
					["a", 1],
					["b", [true, false]],
				]) as never,
				deep as never,
			],
			[
				NAN,
				INF,
				string.char(0xff),
				[1, undefined, 3] as never,
				new Map<unknown, unknown>([
					[1, 1],
					["a", 2],
				]) as never,
				new Vector3(),
			],
		),
		entry(codec.json({ maxLength: 24 }), ["x".rep(22), [1, 2, 3]], ["x".rep(23)]),
		entry(
			codec.dynamic(),
			[
				true,
				false,
				0,
				-1,
				127,
				128,
				-33,
				65536,
				-2147483648,
				4294967295,
				2 ** 40 + 1,
				0.5,
				0.1,
				NAN,
				-INF,
				"",
				"x".rep(31),
				"x".rep(32),
				buf(0, 1, 255),
				[1, "a", [2]],
				sixteen,
				keyed,
				deep as never,
				new Vector3(1, 2.5, -3),
				new Vector2(0.25, -8),
				new CFrame(1, 2, 3),
				new CFrame(1, 2, 3, 0, 0, 1, 0, 1, 0, -1, 0, 0),
				rotated,
				Color3.fromRGB(255, 128, 0),
				new Color3(0.1, 0.2, 2),
				Enum.KeyCode.W,
				new UDim2(0.5, -10, 1, 20),
				new UDim(0.25, 4),
			],
			[
				new Map<unknown, unknown>([
					[1, 1],
					["a", 2],
				]) as never,
				[1, undefined, 3] as never,
				new UDim2(0, 1.5, 0, 0),
				print as never,
			],
		),
		entry(codec.dynamic({ maxBytes: 32 }), ["x".rep(31), [1, 2, 3]], ["x".rep(32)]),
	];
}
