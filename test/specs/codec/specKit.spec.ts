// The spec-kit users run on their own codecs: it passes a correct custom codec, and for each
// kind of broken codec it fails naming the property and showing the input bytes.
import * as codec from "../../../src/codec";
import { checkCodec } from "../../../src";
import { check } from "./helpers";

type Codec<T> = codec.Codec<T>;

/** A correct custom codec: a percentage 0..100 in one byte. */
const percent: Codec<number> = {
	name: "percent",
	exact: true,
	maxSize: 1,
	write: (w, v) => codec.writeU8(w, v),
	read: (r) => {
		const v = codec.readU8(r);
		if (v > 100) codec.fail(`percent: ${v} is over 100`);
		return v;
	},
	validate: (v) =>
		typeIs(v, "number") && v % 1 === 0 && v >= 0 && v <= 100 ? undefined : `percent expects an integer 0..100, got ${tostring(v)}`,
	canonical: (v) => v,
	equals: (a, b) => a === b,
	writeDelta: (w, base, v) => codec.writeI8(w, v - base),
	readDelta: (r, base) => {
		const v = base + codec.readI8(r);
		if (v < 0 || v > 100) codec.fail(`percent: delta leaves 0..100`);
		return v;
	},
};

/** The failures `checkCodec` reports for `c` (without throwing). */
function failuresOf<T>(c: Codec<T>, samples: NonNullable<T>[], invalid?: defined[]): string[] {
	return checkCodec(c, { samples, invalid, seed: 7, iterations: 300, throws: false }).failures;
}

/** Fails unless some failure line contains every needle. */
function checkReports(failures: string[], needles: string[], what: string) {
	for (const line of failures) {
		let all = true;
		for (const needle of needles) if (line.find(needle, 1, true)[0] === undefined) all = false;
		if (all) return;
	}
	error(`${what}: expected a failure mentioning ${needles.join(" and ")}, got:\n${failures.join("\n")}`, 2);
}

export = () => {
	describe("codec spec-kit", () => {
		it("passes a correct custom codec and reports what it ran", () => {
			const report = checkCodec(percent, { samples: [0, 100, 42], invalid: [101, -1, 0.5, "x"], seed: 3, iterations: 200 });
			check(report.failures.size() === 0, "no failures");
			check(report.samples === 3 && report.deltas === 9, `3 samples and 9 delta pairs, got ${report.samples} and ${report.deltas}`);
			check(report.fuzzed === 400, `200 reads and 200 readDeltas fuzzed, got ${report.fuzzed}`);
			check(report.decoded > 0 && report.rejected > 0, "the fuzzer reaches both outcomes");
			check(report.largest === 1 && report.maxSize === 1, "largest encoding and maxSize");
		});

		it("is deterministic for a seed", () => {
			const a = checkCodec(percent, { samples: [1, 99], seed: 11, iterations: 100 });
			const b = checkCodec(percent, { samples: [1, 99], seed: 11, iterations: 100 });
			check(a.decoded === b.decoded && a.rejected === b.rejected, "same seed, same outcomes");
		});

		it("throws naming the codec, the seed, the property and the bytes", () => {
			const lax: Codec<number> = { ...percent, read: (r) => codec.readU8(r) }; // decodes 101..255
			const [ok, err] = pcall(() => checkCodec(lax, { samples: [5], seed: 9, iterations: 200 }));
			check(!ok, "a broken codec should throw");
			const message = tostring(err);
			for (const needle of ["checkCodec(percent, seed 9)", "decode accepts only what encode accepts", "validate refuses", "bytes "])
				check(message.find(needle, 1, true)[0] !== undefined, `the message should mention "${needle}": ${message}`);
		});

		it("catches a decoder that returns values validate refuses", () => {
			checkReports(
				failuresOf({ ...percent, read: (r) => codec.readU8(r) }, [5]),
				["decode accepts only what encode accepts", "validate refuses"],
				"lax read",
			);
		});

		it("catches a decoder that throws something other than a CodecError", () => {
			const crashy: Codec<number> = { ...percent, read: (r) => buffer.readu8(r.b, r.p + 1000) };
			checkReports(failuresOf(crashy, [5]), ["decode throws only CodecError"], "unchecked read");
		});

		it("catches a reader that runs past its window", () => {
			const greedy: Codec<number> = {
				...percent,
				read: (r) => {
					const v = buffer.readu8(r.b, r.p) % 101; // within the buffer, but past r.n when r.p = r.n
					r.p += 1;
					return v;
				},
			};
			checkReports(failuresOf(greedy, [5]), ["decode stays in its bytes"], "over-read");
		});

		it("catches a broken round trip, a broken delta and a maxSize that is too small", () => {
			checkReports(
				failuresOf({ ...percent, read: (r) => math.min(codec.readU8(r) + 1, 100) }, [5]),
				["round trip", "sample 0"],
				"off by one",
			);
			checkReports(
				failuresOf({ ...percent, readDelta: (r, base) => base }, [5, 9]),
				["delta round trip", "sample 0 -> sample 1"],
				"delta",
			);
			checkReports(failuresOf({ ...percent, maxSize: 0 }, [5]), ["maxSize", "more than maxSize 0"], "maxSize");
			checkReports(
				failuresOf({ ...percent, writeDelta: undefined }, [5]),
				["writeDelta and readDelta must come together"],
				"half a delta",
			);
		});

		it("catches canonical forms that are not stable, invalid samples and accepted invalid values", () => {
			let calls = 0;
			const drifting: Codec<number> = { ...percent, exact: false, canonical: (v) => math.min(v + (calls++ % 2), 100) };
			checkReports(failuresOf(drifting, [5]), ["canonical"], "drifting canonical");
			checkReports(failuresOf(percent, [101 as number]), ["valid samples", "sample 0"], "invalid sample");
			checkReports(failuresOf(percent, [5], [50]), ["validate", "invalid value 0"], "accepted invalid");
			checkReports(failuresOf({ ...percent, canonical: (v) => v + 0.5 }, [5]), ["canonical"], "exact but quantizing");
		});

		it("adds nil as a sample when validate accepts it", () => {
			const report = checkCodec(codec.optional(percent), { samples: [7], seed: 1, iterations: 50 });
			check(report.samples === 2, `the sample and nil, got ${report.samples}`);
		});
	});
};
