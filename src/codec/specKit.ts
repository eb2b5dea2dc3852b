/**
 * The codec spec-kit: checks the contract of a {@link Codec} (built-in or your own) from any
 * TestEZ spec, with no test framework dependency. It round-trips your samples (whole and as
 * deltas), checks `maxSize` (and `fixedSize`), then feeds random and mutated bytes to `read` and `readDelta` with a
 * fixed seed: decoding may only fail with a CodecError, and whatever it returns must pass
 * `validate`, re-encode and round-trip (decode accepts only what encode accepts).
 */
import { Codec, CodecContext } from "./codec";
import * as C from "./cursor";

/** What {@link checkCodec} runs. */
export interface CheckCodecOptions<T> {
	/**
	 * Valid values: each must pass validate, and round-trip to its canonical form; the first 8
	 * are also round-tripped as deltas of each other. Their encodings seed the mutation fuzzer,
	 * so include edge cases (empty, longest, extremes) and worst cases for maxSize. nil cannot
	 * sit in a Luau array: when validate accepts undefined, the kit adds it as a sample itself.
	 */
	readonly samples: readonly NonNullable<T>[];
	/** Seed of the fuzzer (default 1). The same seed feeds the same bytes on every run. */
	readonly seed?: number;
	/** Random and mutated inputs fed to read (and as many to readDelta, when there is one); default 500. */
	readonly iterations?: number;
	/** Context for codecs with entity references (see `codec.entity`). */
	readonly ctx?: CodecContext;
	/** Values validate must refuse (wrong type, out of range...). */
	readonly invalid?: readonly defined[];
	/** Throw on failure (default true); false returns the report with its `failures`. */
	readonly throws?: boolean;
}

/** What {@link checkCodec} found. */
export interface CodecReport {
	/** The codec's name. */
	readonly codec: string;
	/** The fuzzer's seed. */
	readonly seed: number;
	/** Samples round-tripped. */
	readonly samples: number;
	/** Delta pairs round-tripped (0 without writeDelta). */
	readonly deltas: number;
	/** Fuzzed inputs fed to read and readDelta. */
	readonly fuzzed: number;
	/** Fuzzed inputs that decoded (each then validated, re-encoded and round-tripped). */
	readonly decoded: number;
	/** Fuzzed inputs refused with a CodecError. */
	readonly rejected: number;
	/** Most bytes a sample's encoding or delta took. */
	readonly largest: number;
	/** The codec's maxSize (undefined: unbounded). */
	readonly maxSize: number | undefined;
	/** One line per failed check: the property, the input and its bytes. Empty when all hold. */
	readonly failures: string[];
}

const MAX_FAILURES = 12;
const SLACK = 16;

/** xorshift32: a tiny deterministic generator, so a seed means the same bytes everywhere. */
function generator(seed: number) {
	let state = math.floor(math.abs(seed)) % 4294967296;
	if (state === 0) state = 0x9e3779b9;
	const step = () => {
		state = bit32.bxor(state, bit32.lshift(state, 13));
		state = bit32.bxor(state, bit32.rshift(state, 17));
		state = bit32.bxor(state, bit32.lshift(state, 5));
		return state;
	};
	/** An integer in [lo, hi]. */
	return (lo: number, hi: number) => lo + (step() % (hi - lo + 1));
}

/** Up to 48 bytes of `b` in hex, for failure messages. */
function hexOf(b: buffer, length = buffer.len(b)): string {
	const parts: string[] = [];
	for (let i = 0; i < math.min(length, 48); i++) parts.push(string.format("%02x", buffer.readu8(b, i)));
	if (length > 48) parts.push(`... (${length} bytes)`);
	return length === 0 ? "(no bytes)" : parts.join(" ");
}

function bytesOf(b: buffer): number[] {
	const out: number[] = [];
	for (let i = 0; i < buffer.len(b); i++) out.push(buffer.readu8(b, i));
	return out;
}

/**
 * Checks `codec` against the Codec contract and returns a report; throws (unless
 * `throws: false`) with one line per failure naming the property and the input bytes.
 *
 * ```ts
 * it("my codec keeps the contract", () => {
 *     const report = checkCodec(myCodec, { samples: [a, b, c], seed: 42 });
 *     print(`${report.decoded} fuzzed inputs decoded, ${report.rejected} rejected`);
 * });
 * ```
 */
export function checkCodec<T>(codec: Codec<T>, options: CheckCodecOptions<T>): CodecReport {
	const seed = options.seed ?? 1;
	const iterations = options.iterations ?? 500;
	const ctx = options.ctx;
	const failures: string[] = [];
	const fail = (line: string) => {
		if (failures.size() < MAX_FAILURES) failures.push(line);
	};
	const writer = C.newWriter(64);
	const encode = (fn: (w: C.Writer) => void) => {
		C.resetWriter(writer);
		fn(writer);
		return C.toBuffer(writer);
	};
	const maxSize = codec.maxSize;
	let largest = 0;
	const fixedSize = codec.fixedSize;
	if (fixedSize !== undefined && fixedSize !== maxSize) fail(`fixedSize: ${fixedSize} differs from maxSize ${tostring(maxSize)}`);
	const checkSize = (what: string, b: buffer) => {
		largest = math.max(largest, buffer.len(b));
		if (maxSize !== undefined && buffer.len(b) > maxSize)
			fail(`maxSize: ${what} took ${buffer.len(b)} bytes, more than maxSize ${maxSize}: ${hexOf(b)}`);
		if (fixedSize !== undefined && buffer.len(b) !== fixedSize)
			fail(`fixedSize: ${what} took ${buffer.len(b)} bytes, not the fixedSize ${fixedSize}: ${hexOf(b)}`);
	};

	// 1. samples: valid, canonical stable, whole round trip, within maxSize
	const seeds: number[][] = [];
	const canon: { value: T }[] = [];
	const samples: { value: T }[] = options.samples.map((value) => ({ value: value as T }));
	const [nilOk, nilProblem] = pcall(() => codec.validate(undefined));
	if (!nilOk) fail(`validate: validate(undefined) threw (it must return a message): ${tostring(nilProblem)}`);
	else if (nilProblem === undefined) samples.push({ value: undefined as T });
	const checkSample = (v: T, i: number) => {
		const problem = codec.validate(v);
		if (problem !== undefined) return fail(`valid samples: sample ${i} is refused by validate: ${problem}`);
		const c = codec.canonical(v);
		const cProblem = codec.validate(c);
		if (cProblem !== undefined) return fail(`canonical: canonical(sample ${i}) is refused by validate: ${cProblem}`);
		if (!codec.equals(codec.canonical(c), c)) fail(`canonical: canonical(canonical(sample ${i})) differs from canonical(sample ${i})`);
		if (codec.exact && !codec.equals(c, v)) fail(`canonical: the codec says exact, but canonical(sample ${i}) differs from it`);
		const [ok, b] = pcall(() => encode((w) => codec.write(w, v, ctx)));
		if (!ok) return fail(`round trip: write(sample ${i}) threw: ${tostring(b)}`);
		const bytes = b as buffer;
		checkSize(`sample ${i}`, bytes);
		seeds.push(bytesOf(bytes));
		const r = C.newReader(bytes);
		const [readOk, out] = pcall(() => codec.read(r, ctx));
		if (!readOk) return fail(`round trip: read(write(sample ${i})) threw: ${tostring(out)}; bytes ${hexOf(bytes)}`);
		if (r.p !== buffer.len(bytes))
			fail(`round trip: sample ${i} read ${r.p} of the ${buffer.len(bytes)} bytes written: ${hexOf(bytes)}`);
		if (!codec.equals(out as T, c))
			fail(`round trip: read(write(sample ${i})) differs from canonical(sample ${i}); bytes ${hexOf(bytes)}`);
		canon.push({ value: c });
	};
	samples.forEach(({ value }, i) => {
		// validate, canonical and equals must not throw on valid values: report it instead of stopping
		const [ok, err] = pcall(checkSample, value, i);
		if (!ok) fail(`valid samples: checking sample ${i} threw: ${tostring(err)}`);
	});

	// 2. deltas between every ordered pair of the first 8 canonical samples
	let deltas = 0;
	const deltaSeeds: { base: T; bytes: number[] }[] = [];
	const writeDelta = codec.writeDelta;
	const readDelta = codec.readDelta;
	if ((writeDelta === undefined) !== (readDelta === undefined)) fail("delta round trip: writeDelta and readDelta must come together");
	if (writeDelta !== undefined && readDelta !== undefined) {
		const n = math.min(canon.size(), 8);
		for (let a = 0; a < n; a++) {
			for (let b = 0; b < n; b++) {
				const base = canon[a].value;
				const value = canon[b].value;
				const [ok, enc] = pcall(() => encode((w) => writeDelta(w, base, value, ctx)));
				if (!ok) {
					fail(`delta round trip: writeDelta(sample ${a} -> sample ${b}) threw: ${tostring(enc)}`);
					continue;
				}
				const bytes = enc as buffer;
				checkSize(`delta sample ${a} -> sample ${b}`, bytes);
				deltaSeeds.push({ base, bytes: bytesOf(bytes) });
				const r = C.newReader(bytes);
				const [readOk, out] = pcall(() => readDelta(r, base, ctx));
				deltas += 1;
				if (!readOk) fail(`delta round trip: readDelta(sample ${a} -> sample ${b}) threw: ${tostring(out)}; bytes ${hexOf(bytes)}`);
				else if (r.p !== buffer.len(bytes))
					fail(
						`delta round trip: sample ${a} -> sample ${b} read ${r.p} of the ${buffer.len(bytes)} bytes written: ${hexOf(bytes)}`,
					);
				else if (!codec.equals(out as T, value))
					fail(`delta round trip: sample ${a} -> sample ${b} decodes to another value; bytes ${hexOf(bytes)}`);
			}
		}
	}

	// 3. invalid values are refused
	options.invalid?.forEach((v, i) => {
		const [ok, problem] = pcall(() => codec.validate(v));
		if (!ok) fail(`validate: invalid value ${i} made validate throw (it must return a message): ${tostring(problem)}`);
		else if (problem === undefined) fail(`validate: invalid value ${i} (${tostring(v)}) was accepted`);
	});

	// 4. fuzz: random and mutated bytes through read and readDelta
	const random = generator(seed);
	let fuzzed = 0;
	let decoded = 0;
	let rejected = 0;
	const randomBytes = (maxLength: number) => {
		const out: number[] = [];
		for (let i = random(0, maxLength); i > 0; i--) {
			const pick = random(0, 99);
			out.push(pick < 15 ? 0xff : pick < 25 ? 0x80 : pick < 35 ? 0 : pick < 40 ? 1 : random(0, 255));
		}
		return out;
	};
	const mutate = (src: number[]) => {
		const out = [...src];
		for (let k = random(1, 4); k > 0; k--) {
			const n = out.size();
			const at = random(0, math.max(0, n - 1));
			const op = random(0, 6);
			if (op === 0 && n > 0) out[at] = random(0, 255);
			else if (op === 1 && n > 0) out[at] = bit32.bxor(out[at], bit32.lshift(1, random(0, 7)));
			else if (op === 2) out.insert(at, random(0, 255));
			else if (op === 3 && n > 0) out.remove(at);
			else if (op === 4) for (let i = out.size() - 1; i >= at; i--) out.remove(i);
			else if (op === 5 && n > 0) out[at] = random(0, 1) === 0 ? 0 : 0xff;
			else for (let i = 0; i < 5; i++) out.insert(at, 0xff); // a huge varint length or count
		}
		return out;
	};
	const maxRandom = math.max(16, largest * 2);
	const feed = (input: number[], read: (r: C.Reader) => T, label: string) => {
		fuzzed += 1;
		const n = input.size();
		const b = buffer.create(n + SLACK);
		input.forEach((v, i) => buffer.writeu8(b, i, v));
		for (let i = n; i < n + SLACK; i++) buffer.writeu8(b, i, random(0, 255));
		const r = C.newReader(b, 0, n);
		const [ok, result] = pcall(() => read(r));
		if (!ok) {
			if (C.isCodecError(result)) rejected += 1;
			else fail(`decode throws only CodecError: ${label} threw ${tostring(result)}; bytes ${hexOf(b, n)}`);
			return;
		}
		decoded += 1;
		const v = result as T;
		if (r.p > n) return fail(`decode stays in its bytes: ${label} read ${r.p} bytes of ${n}: ${hexOf(b, n)}`);
		const [vOk, problem] = pcall(() => codec.validate(v));
		if (!vOk)
			return fail(
				`decode accepts only what encode accepts: validate threw on a decoded value: ${tostring(problem)}; bytes ${hexOf(b, n)}`,
			);
		if (problem !== undefined)
			return fail(
				`decode accepts only what encode accepts: ${label} returned a value validate refuses (${problem}); bytes ${hexOf(b, n)}`,
			);
		const [wOk, again] = pcall(() => encode((w) => codec.write(w, v, ctx)));
		if (!wOk)
			return fail(
				`decode accepts only what encode accepts: a decoded value does not re-encode: ${tostring(again)}; bytes ${hexOf(b, n)}`,
			);
		const [rOk, back] = pcall(() => codec.read(C.newReader(again as buffer), ctx));
		if (!rOk || !codec.equals(back as T, codec.canonical(v)))
			fail(
				`decode accepts only what encode accepts: a decoded value does not round-trip (${rOk ? "differs" : tostring(back)}); bytes ${hexOf(b, n)}`,
			);
	};
	for (let i = 0; i < iterations && failures.size() < MAX_FAILURES; i++) {
		const input = i % 3 === 0 || seeds.size() === 0 ? randomBytes(maxRandom) : mutate(seeds[random(0, seeds.size() - 1)]);
		feed(input, (r) => codec.read(r, ctx), `read of fuzz case ${i} (seed ${seed})`);
	}
	if (readDelta !== undefined && canon.size() > 0) {
		for (let i = 0; i < iterations && failures.size() < MAX_FAILURES; i++) {
			const pick = deltaSeeds.size() > 0 ? deltaSeeds[random(0, deltaSeeds.size() - 1)] : undefined;
			const base = i % 3 === 0 || pick === undefined ? canon[random(0, canon.size() - 1)].value : pick.base;
			const input = i % 3 === 0 || pick === undefined ? randomBytes(maxRandom) : mutate(pick.bytes);
			feed(input, (r) => readDelta(r, base, ctx), `readDelta of fuzz case ${i} (seed ${seed})`);
		}
	}

	const report: CodecReport = {
		codec: codec.name,
		seed,
		samples: canon.size(),
		deltas,
		fuzzed,
		decoded,
		rejected,
		largest,
		maxSize,
		failures,
	};
	if (failures.size() > 0 && options.throws !== false) {
		error(`checkCodec(${codec.name}, seed ${seed}) failed:\n  ${failures.join("\n  ")}`, 2);
	}
	return report;
}
