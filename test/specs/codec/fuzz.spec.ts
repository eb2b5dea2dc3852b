// Reader strictness under hostile input: random byte strings and mutated
// valid encodings fed to a nested schema. Every failure must be a CodecError,
// no read may run past its window, and work must stay proportional to the
// input (a claimed 2^30 elements fails before reading any).
import * as codec from "../../../src/codec";
import { assertAtMost, assertEqual, bytesOf, check, codecErrorOf, encode, encodeDelta } from "./helpers";

const SEED = 20240611;
const CASES = 5000;
const SLACK = 16;

/** Element reads performed by the counted codecs, to bound a decode's work by its input size. */
let elementReads = 0;
function counted<T>(inner: codec.Codec<T>): codec.Codec<T> {
	return {
		...inner,
		read: (r, ctx) => {
			elementReads += 1;
			return inner.read(r, ctx);
		},
	};
}

const item = codec.struct({ id: codec.varuint, on: codec.bool, label: codec.optional(codec.str(12)), dx: codec.varint });
const schema = codec.struct({
	kind: codec.literal(["idle", "walk", "run"]),
	alive: codec.bool,
	hp: codec.u16,
	speed: codec.f32(),
	mass: codec.f64({ finite: true }),
	name: codec.str(24),
	pos: codec.vector3({ precision: 1 / 64 }),
	aim: codec.cframe({ precision: 1 / 32, rotationBits: 10 }),
	yaw: codec.angle(),
	items: codec.array(counted(item), { maxLength: 16 }),
	stats: codec.map(counted(codec.str(8)), codec.i32, { maxLength: 8 }),
	parent: codec.optional(item),
	blob: codec.bytes(32),
	owner: codec.entity(),
	level: codec.quantized({ precision: 0.5 }),
});
type Value = codec.CodecValue<typeof schema>;

const ctx: codec.CodecContext = {
	toHandle: (e) => e - 1000,
	fromHandle: (h) => h + 1000,
};

function randomText(rng: Random, maxLength: number): string {
	const chars: number[] = [];
	const n = rng.NextInteger(0, maxLength);
	for (let i = 0; i < n; i++) chars.push(rng.NextInteger(0, 255));
	return n === 0 ? "" : string.char(...chars);
}

function randomItem(rng: Random) {
	return {
		id: math.floor(2 ** rng.NextNumber(0, 53)) - 1,
		on: rng.NextNumber() < 0.5,
		label: rng.NextNumber() < 0.5 ? undefined : randomText(rng, 12),
		dx: rng.NextInteger(-1e6, 1e6),
	};
}

function randomValue(rng: Random): Value {
	const items: ReturnType<typeof randomItem>[] = [];
	for (let i = rng.NextInteger(0, 5); i > 0; i--) items.push(randomItem(rng));
	const stats = new Map<string, number>();
	for (let i = rng.NextInteger(0, 4); i > 0; i--) stats.set(randomText(rng, 8), rng.NextInteger(-(2 ** 31), 2 ** 31 - 1));
	const blob = buffer.create(rng.NextInteger(0, 32));
	for (let i = 0; i < buffer.len(blob); i++) buffer.writeu8(blob, i, rng.NextInteger(0, 255));
	const rot = new CFrame(0, 0, 0, rng.NextNumber(-1, 1), rng.NextNumber(-1, 1), rng.NextNumber(-1, 1), rng.NextNumber(-1, 1));
	return {
		kind: (["idle", "walk", "run"] as const)[rng.NextInteger(0, 2)],
		alive: rng.NextNumber() < 0.5,
		hp: rng.NextInteger(0, 65535),
		speed: rng.NextNumber(-100, 100),
		mass: rng.NextNumber(0, 1e6),
		name: randomText(rng, 24),
		pos: new Vector3(rng.NextNumber(-1e4, 1e4), rng.NextNumber(-1e4, 1e4), rng.NextNumber(-1e4, 1e4)),
		aim: new CFrame(rng.NextNumber(-500, 500), rng.NextNumber(-500, 500), rng.NextNumber(-500, 500)).mul(rot),
		yaw: rng.NextNumber(-10, 10),
		items,
		stats,
		parent: rng.NextNumber() < 0.5 ? undefined : randomItem(rng),
		blob,
		owner: rng.NextNumber() < 0.3 ? undefined : rng.NextInteger(1001, 5000),
		level: rng.NextNumber(-1000, 1000),
	};
}

function randomBytes(rng: Random, maxLength: number): number[] {
	const out: number[] = [];
	for (let i = rng.NextInteger(0, maxLength); i > 0; i--) {
		// favour bytes that stress varints and flags
		const pick = rng.NextNumber();
		out.push(pick < 0.15 ? 0xff : pick < 0.25 ? 0x80 : pick < 0.35 ? 0 : rng.NextInteger(0, 255));
	}
	return out;
}

function bytesOfBuffer(b: buffer): number[] {
	const out: number[] = [];
	for (let i = 0; i < buffer.len(b); i++) out.push(buffer.readu8(b, i));
	return out;
}

/** Applies 1-4 random edits: overwrite, bit flip, insert, delete, truncate, varint bomb. */
function mutate(rng: Random, src: number[]): number[] {
	const out = [...src];
	for (let k = rng.NextInteger(1, 4); k > 0; k--) {
		const n = out.size();
		const at = rng.NextInteger(0, math.max(0, n - 1));
		const op = rng.NextInteger(0, 5);
		if (op === 0 && n > 0) out[at] = rng.NextInteger(0, 255);
		else if (op === 1 && n > 0) out[at] = (out[at] + 2 ** rng.NextInteger(0, 7)) % 256;
		else if (op === 2) out.insert(at, rng.NextInteger(0, 255));
		else if (op === 3 && n > 0) out.remove(at);
		else if (op === 4) {
			for (let i = out.size() - 1; i >= at; i--) out.remove(i);
		} else if (n > 0) {
			// a long run of continuation bytes: a huge varint length or count
			for (let i = 0; i < 5; i++) out.insert(at, 0xff);
		}
	}
	return out;
}

interface Outcome {
	ok: boolean;
	err?: unknown;
	value?: Value;
	consumed: number;
	reads: number;
}

/** Reads `input` through a window of a larger buffer whose tail is garbage, so over-reads would not crash. */
function feed(rng: Random, input: number[], read: (r: codec.Reader) => Value): Outcome {
	const n = input.size();
	const b = buffer.create(n + SLACK);
	input.forEach((v, i) => buffer.writeu8(b, i, v));
	for (let i = n; i < n + SLACK; i++) buffer.writeu8(b, i, rng.NextInteger(0, 255));
	const r = codec.newReader(b, 0, n);
	elementReads = 0;
	const [ok, result] = pcall(() => read(r));
	return ok
		? { ok: true, value: result as Value, consumed: r.p, reads: elementReads }
		: { ok: false, err: result, consumed: r.p, reads: elementReads };
}

/** Checks one outcome: CodecError on failure; on success, inside the window and a valid value. */
function checkOutcome(o: Outcome, input: number[], label: string) {
	if (!o.ok) {
		if (!codec.isCodecError(o.err)) error(`${label}: expected a CodecError, got ${tostring(o.err)}`);
	} else {
		assertAtMost(o.consumed, input.size(), `${label}: read past its window`);
		const problem = schema.validate(o.value);
		if (problem !== undefined) error(`${label}: decoded a value its own validate rejects: ${problem}`);
	}
	// every element read that succeeds consumes at least one byte; the one that fails may not
	assertAtMost(o.reads, input.size() + 1, `${label}: element reads`);
}

export = () => {
	describe("codec fuzz", () => {
		it(`random values round-trip through the nested schema (seed ${SEED})`, () => {
			const rng = new Random(SEED);
			for (let i = 0; i < 300; i++) {
				const v = randomValue(rng);
				const problem = schema.validate(v);
				if (problem !== undefined) error(`generated value should be valid: ${problem}`);
				const b = encode(schema, v, ctx);
				const r = codec.newReader(b);
				const out = schema.read(r, ctx);
				assertEqual(r.p, buffer.len(b), "decode consumes the whole encoding");
				check(schema.equals(out, schema.canonical(v)), `value ${i} should decode to its canonical form`);
			}
		});

		it(`${CASES} random and mutated inputs fail only with CodecErrors and stay in bounds (seed ${SEED})`, () => {
			print(`codec fuzz seed ${SEED}`);
			const rng = new Random(SEED);
			const valid: number[][] = [];
			for (let i = 0; i < 64; i++) valid.push(bytesOfBuffer(encode(schema, randomValue(rng), ctx)));
			let successes = 0;
			let failures = 0;
			for (let i = 0; i < CASES; i++) {
				const input = i % 3 === 0 ? randomBytes(rng, 96) : mutate(rng, valid[rng.NextInteger(0, valid.size() - 1)]);
				const o = feed(rng, input, (r) => schema.read(r, ctx));
				checkOutcome(o, input, `case ${i}`);
				if (o.ok) successes += 1;
				else failures += 1;
			}
			print(`codec fuzz: ${successes} decoded, ${failures} rejected`);
			check(failures > CASES / 2, `most hostile inputs should be rejected (${failures} of ${CASES})`);
			check(successes > 0, "some mutations (e.g. of string bytes) should still decode");
		});

		it(`readDelta of random and mutated deltas fails only with CodecErrors (seed ${SEED})`, () => {
			const rng = new Random(SEED + 1);
			const bases: Value[] = [];
			const deltas: number[][] = [];
			for (let i = 0; i < 32; i++) {
				const base = schema.canonical(randomValue(rng));
				const target = schema.canonical({ ...base, hp: rng.NextInteger(0, 65535), items: randomValue(rng).items });
				bases.push(base);
				deltas.push(bytesOfBuffer(encodeDelta(schema, base, target, ctx)));
			}
			for (let i = 0; i < 1000; i++) {
				const k = rng.NextInteger(0, bases.size() - 1);
				const input = i % 2 === 0 ? randomBytes(rng, 64) : mutate(rng, deltas[k]);
				const o = feed(rng, input, (r) => schema.readDelta!(r, bases[k], ctx));
				checkOutcome(o, input, `delta case ${i}`);
			}
		});

		it("huge claimed counts and lengths fail fast, before reading elements", () => {
			const claim = (n: number, tail: number[] = []) => {
				const w = codec.newWriter();
				codec.writeVarUint(w, n);
				for (const x of tail) codec.writeU8(w, x);
				return codec.toBuffer(w);
			};
			const checks: [string, (r: codec.Reader) => unknown][] = [
				["array", codec.array(counted(codec.u8), { maxLength: 2 ** 31 }).read],
				["map", codec.map(counted(codec.u8), codec.u8, { maxLength: 2 ** 31 }).read],
				["default array", codec.array(counted(codec.u8)).read],
			];
			for (const [label, read] of checks) {
				elementReads = 0;
				codecErrorOf(() => read(codec.newReader(claim(2 ** 30, [1, 2, 3]))), `${label} claiming 2^30 elements`);
				assertEqual(elementReads, 0, `${label} should refuse the count before reading elements`);
			}
			codecErrorOf(() => codec.str(2 ** 40).read(codec.newReader(claim(2 ** 35, [65]))), "string claiming 2^35 bytes");
			codecErrorOf(() => codec.bytes(2 ** 40).read(codec.newReader(claim(2 ** 35, [65]))), "buffer claiming 2^35 bytes");
			// nested: every level claims the most its limit allows, but the bytes run out
			const nested = codec.array(codec.array(counted(codec.u8), { maxLength: 1000 }), { maxLength: 1000 });
			elementReads = 0;
			codecErrorOf(() => nested.read(codec.newReader(bytesOf([3, 2, 1, 1]))), "nested claims");
			assertAtMost(elementReads, 2, "nested reads stop at the bytes present");
		});
	});
};
