// The Codec contract on every built-in, through the library's own spec-kit: samples round-trip
// whole and as deltas within maxSize, and random and mutated bytes (fixed seed) fed to read and
// readDelta either fail with a CodecError or decode to a value that validates, re-encodes and
// round-trips: decoding accepts exactly what encoding accepts.
import * as codec from "../../../src/codec";
import { checkCodec } from "../../../src";
import { builtins } from "./builtins";
import { bytesOf, check, codecErrorOf, encode } from "./helpers";

const SEED = 20250214;
const ITERATIONS = 400;

export = () => {
	describe("codec contract", () => {
		it(`every built-in keeps the contract under ${ITERATIONS} fuzzed reads and readDeltas (seed ${SEED})`, () => {
			print(`codec contract seed ${SEED}`);
			const failures: string[] = [];
			let decoded = 0;
			let rejected = 0;
			for (const b of builtins()) {
				const report = checkCodec(b.codec, {
					samples: b.samples,
					invalid: b.invalid,
					ctx: b.ctx,
					seed: SEED,
					iterations: ITERATIONS,
					throws: false,
				});
				for (const f of report.failures) failures.push(`${report.codec}: ${f}`);
				if (report.samples < b.samples.size()) failures.push(`${report.codec}: every sample should round-trip`);
				if (report.fuzzed < ITERATIONS) failures.push(`${report.codec}: the fuzzer should run ${ITERATIONS} cases`);
				decoded += report.decoded;
				rejected += report.rejected;
			}
			print(`codec contract: ${builtins().size()} codecs, ${decoded} fuzzed inputs decoded and re-encoded, ${rejected} rejected`);
			if (failures.size() > 0) error(`${failures.size()} contract failure(s):\n${failures.join("\n")}`);
			check(decoded > 1000 && rejected > 1000, "the fuzzer should reach both outcomes often");
		});

		it("vector3() refuses NaN and infinities on the wire, as validate does", () => {
			const c = codec.vector3();
			for (const bad of [0 / 0, math.huge, -math.huge]) {
				const w = codec.newWriter();
				codec.writeF32(w, 1);
				codec.writeF32(w, bad);
				codec.writeF32(w, 2);
				codecErrorOf(() => c.read(codec.newReader(codec.toBuffer(w))), `vector3 axis ${bad}`);
			}
		});

		it("ranged vector3, cframe and quantized refuse steps past their range on the wire", () => {
			const wide = codec.vector3({ precision: 1 / 64 });
			const narrow = codec.vector3({ precision: 1 / 64, range: 100 });
			codecErrorOf(() => narrow.read(codec.newReader(encode(wide, new Vector3(0, 1e6, 0)))), "vector3 1e6 past range 100");
			check(
				narrow.validate(narrow.read(codec.newReader(encode(wide, new Vector3(0, 100, 0))))) === undefined,
				"the edge decodes and validates",
			);
			codecErrorOf(
				() => narrow.readDelta!(codec.newReader(encode(wide, new Vector3(0, 1, 0))), new Vector3(0, 100, 0)),
				"delta past the range",
			);

			const cfWide = codec.cframe({ precision: 1 / 64 });
			const cfNarrow = codec.cframe({ precision: 1 / 64, range: 500 });
			codecErrorOf(() => cfNarrow.read(codec.newReader(encode(cfWide, new CFrame(0, 0, -9000)))), "cframe past range 500");

			const q = codec.quantized({ precision: 0.5, min: 0, max: 10 });
			const free = codec.quantized({ precision: 0.5 });
			codecErrorOf(() => q.read(codec.newReader(encode(free, -3))), "quantized below min");
			codecErrorOf(() => q.read(codec.newReader(encode(free, 1e6))), "quantized above max");
			codecErrorOf(() => q.readDelta!(codec.newReader(encode(codec.varint, 1)), 10), "quantized delta past max");
			codecErrorOf(() => free.read(codec.newReader(encode(codec.varint, 2 ** 50))), "more than 2^48 steps");
		});

		it("maps refuse NaN and nil keys, arrays refuse nil elements, with CodecErrors", () => {
			const floats = codec.map(codec.f32(), codec.u8);
			const w = codec.newWriter();
			codec.writeVarUint(w, 1);
			codec.writeF32(w, 0 / 0);
			codec.writeU8(w, 1);
			codecErrorOf(() => floats.read(codec.newReader(codec.toBuffer(w))), "NaN key");
			const byEntity = codec.map(codec.entity() as codec.Codec<number>, codec.u8);
			codecErrorOf(() => byEntity.read(codec.newReader(bytesOf([1, 5, 1]))), "unresolved (nil) entity key");
			const entities = codec.array(codec.entity() as codec.Codec<number>);
			codecErrorOf(() => entities.read(codec.newReader(bytesOf([1, 0]))), "nil element");
		});
	});
};
