// maxSize is the worst case of write() and writeDelta(): for each built-in, the worst-case
// values reach it exactly (so it is not a loose guess) and every sample stays within it.
import * as codec from "../../../src/codec";
import { builtins } from "./builtins";
import { assertAtMost, assertEqual, check, encode, encodeDelta } from "./helpers";

type Codec<T> = codec.Codec<T>;

/** Fails unless the largest of the encodings of `values` (and deltas between `pairs`) is exactly c.maxSize. */
function checkTight<T>(c: Codec<T>, values: T[], deltas: [T, T][] = [], ctx?: codec.CodecContext) {
	const maxSize = c.maxSize;
	if (maxSize === undefined) error(`${c.name} should be bounded`, 2);
	let largest = 0;
	for (const v of values) largest = math.max(largest, buffer.len(encode(c, v, ctx)));
	for (const [base, v] of deltas) largest = math.max(largest, buffer.len(encodeDelta(c, c.canonical(base), c.canonical(v), ctx)));
	assertEqual(largest, maxSize, `${c.name}: the worst case should take exactly maxSize bytes`);
}

export = () => {
	describe("codec maxSize", () => {
		it("no sample of any built-in encodes (whole or as a delta) past its maxSize", () => {
			for (const b of builtins()) {
				const c = b.codec;
				if (c.maxSize === undefined) continue;
				for (const v of b.samples) {
					assertAtMost(buffer.len(encode(c, v, b.ctx)), c.maxSize, `${c.name} write`);
					if (c.writeDelta === undefined) continue;
					for (const base of b.samples)
						assertAtMost(buffer.len(encodeDelta(c, c.canonical(base), c.canonical(v), b.ctx)), c.maxSize, `${c.name} delta`);
				}
			}
		});

		it("fixed-width numbers, varints and bool are exact", () => {
			const fixed: [Codec<number>, number, number][] = [
				[codec.u8, 255, 1],
				[codec.u16, 65535, 2],
				[codec.u32, 4294967295, 4],
				[codec.i8, -128, 1],
				[codec.i16, -32768, 2],
				[codec.i32, -2147483648, 4],
				[codec.f32(), 1.5, 4],
				[codec.f64(), 0.1, 8],
				[codec.varuint, codec.MAX_SAFE_INTEGER, 8],
				[codec.varint, -codec.MAX_SAFE_INTEGER, 8],
				[codec.bits(3), 7, 1],
				[codec.bits(17), 2 ** 17 - 1, 3],
				[codec.bits(32), 2 ** 32 - 1, 4],
			];
			for (const [c, worst, size] of fixed) {
				assertEqual(c.maxSize, size, `${c.name} maxSize`);
				checkTight(c, [worst]);
			}
			checkTight(codec.bool, [true]);
		});

		it("strings and buffers: varint(max) + max", () => {
			assertEqual(codec.str(16).maxSize, 17, "str(16)");
			checkTight(codec.str(16), ["x".rep(16)]);
			assertEqual(codec.str(200).maxSize, 202, "str(200): a 2-byte length");
			checkTight(codec.str(200), ["x".rep(200)]);
			checkTight(codec.bytes(300), [buffer.create(300)]);
			assertEqual(codec.str().maxSize, 3 + codec.DEFAULT_MAX_STRING, "str() is bounded by its default limit");
		});

		it("literal, optional, array and map compose their parts; without maxLength they are unbounded", () => {
			checkTight(codec.literal(["a", "b"]), ["b"]);
			const many: number[] = [];
			for (let i = 0; i < 1000; i++) many.push(i);
			checkTight(codec.literal(many), [999]);
			assertEqual(codec.optional(codec.u16).maxSize, 3, "optional = 1 + inner");
			checkTight(codec.optional(codec.u16), [65535]);
			// a delta is at most its tag byte over the whole value: from empty to full is the worst case
			const full = table.create(200, 65535);
			assertEqual(codec.array(codec.u16, { maxLength: 200 }).maxSize, 1 + 2 + 400, "array = delta tag + varint(max) + max x element");
			checkTight(codec.array(codec.u16, { maxLength: 200 }), [full], [[[], full]]);
			check(codec.array(codec.u16).maxSize === undefined, "an array without maxLength is unbounded");
			check(codec.array(codec.str(), { maxLength: 2 }).maxSize !== undefined, "bounded elements, bounded count");
			const m = new Map<string, number>();
			for (const k of ["aaaa", "bbbb", "cccc"]) m.set(k, 65535);
			checkTight(codec.map(codec.str(4), codec.u16, { maxLength: 3 }), [m], [[new Map(), m]]);
			check(codec.map(codec.str(4), codec.u16).maxSize === undefined, "a map without maxLength is unbounded");
			check(codec.optional(codec.array(codec.u8)).maxSize === undefined, "optional of unbounded is unbounded");
		});

		it("struct: field mask + flags + every field, reached by a delta that changes everything", () => {
			const s = codec.struct({
				a: codec.u8,
				b: codec.bool,
				c: codec.optional(codec.str(4)),
				d: codec.quantized({ precision: 1, min: -100, max: 100 }),
			});
			const low = { a: 0, b: false, d: -100 };
			const high = { a: 255, b: true, c: "abcd", d: 100 };
			// mask (1) + flags (1) + a (1) + c (5) + d (delta of 200 steps: 2)
			assertEqual(s.maxSize, 10, "struct maxSize");
			checkTight(s, [high], [[low, high]]);
			check(codec.struct({ list: codec.array(codec.u8) }).maxSize === undefined, "an unbounded field makes the struct unbounded");
		});

		it("quantized, angle, vector3 and cframe: deltas across the whole range are the worst case", () => {
			const q = codec.quantized({ precision: 0.5, min: -1000, max: 1000 });
			checkTight(q, [1000], [[-1000, 1000]]);
			const free = codec.quantized({ precision: 1 });
			checkTight(free, [2 ** 48], [[-(2 ** 48), 2 ** 48]]);
			checkTight(codec.angle({ bits: 16 }), [1], [[0, -math.pi]]);
			checkTight(codec.angle(), [1]);
			const v = codec.vector3({ precision: 1 / 64, range: 1000 });
			checkTight(v, [new Vector3(1000, 1000, 1000)], [[new Vector3(-1000, -1000, -1000), new Vector3(1000, 1000, 1000)]]);
			checkTight(codec.vector3(), [new Vector3(1, 2, 3)]);
			const cf = codec.cframe({ precision: 1 / 64, range: 1000 });
			const far = new CFrame(1000, 1000, 1000).mul(CFrame.Angles(1, 2, 3));
			checkTight(cf, [far], [[new CFrame(-1000, -1000, -1000), far]]);
		});

		it("entity: the largest handle", () => {
			const ctx: codec.CodecContext = { toHandle: () => codec.MAX_SAFE_INTEGER, fromHandle: (h) => h };
			checkTight(codec.entity(), [5], [], ctx);
		});

		it("packed: the field mask and every field", () => {
			const p = codec.packed({ state: codec.literal(["idle", "walk", "run"]), on: codec.bool, ammo: codec.bits(6) });
			assertEqual(p.bitCount, 9, "2 + 1 + 6 bits");
			checkTight(
				p,
				[{ state: "run", on: true, ammo: 63 }],
				[
					[
						{ state: "idle", on: false, ammo: 0 },
						{ state: "run", on: true, ammo: 63 },
					],
				],
			);
		});

		it("json and dynamic: their caps", () => {
			checkTight(codec.json({ maxLength: 100 }), ["x".rep(98)]);
			assertEqual(codec.json().maxSize, 2 + codec.DEFAULT_JSON_LENGTH, "json() default");
			checkTight(codec.dynamic({ maxBytes: 100 }), ["x".rep(98)]);
			assertEqual(codec.dynamic().maxSize, codec.DEFAULT_DYNAMIC_BYTES, "dynamic() default");
		});
	});
};
