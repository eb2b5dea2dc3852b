// Spatial codecs: quantized numbers, angles, Vector3 and CFrame.
import * as codec from "../../../src/codec";
import {
	angleBetween,
	assertAtMost,
	assertEqual,
	assertSameNumber,
	check,
	checkAccepts,
	checkDeltaTruncations,
	checkRejects,
	checkTruncations,
	codecErrorOf,
	decode,
	deltaRoundTrip,
	encode,
	encodeDelta,
	roundTrip,
	sizeOf,
} from "./helpers";

const NAN = 0 / 0;

function randomRotation(rng: Random): CFrame {
	// a random rotation from a random quaternion (CFrame.new normalises it)
	return new CFrame(0, 0, 0, rng.NextNumber(-1, 1), rng.NextNumber(-1, 1), rng.NextNumber(-1, 1), rng.NextNumber(-1, 1));
}

function randomVector(rng: Random, range: number): Vector3 {
	return new Vector3(rng.NextNumber(-range, range), rng.NextNumber(-range, range), rng.NextNumber(-range, range));
}

function assertSameVector(actual: Vector3, expected: Vector3, message: string) {
	assertSameNumber(actual.X, expected.X, `${message} (X)`);
	assertSameNumber(actual.Y, expected.Y, `${message} (Y)`);
	assertSameNumber(actual.Z, expected.Z, `${message} (Z)`);
}

function assertSameCFrame(actual: CFrame, expected: CFrame, message: string) {
	const a = [...actual.GetComponents()];
	const b = [...expected.GetComponents()];
	for (let i = 0; i < 12; i++) assertSameNumber(a[i], b[i], `${message} (component ${i})`);
}

export = () => {
	describe("quantized", () => {
		it("round-trips within precision/2 and decodes exactly canonical(v)", () => {
			const rng = new Random(11);
			for (const precision of [1, 0.1, 1 / 64, 1 / 1024]) {
				const c = codec.quantized({ precision });
				for (let i = 0; i < 200; i++) {
					const v = rng.NextNumber(-1000, 1000);
					const out = roundTrip(c, v);
					assertAtMost(math.abs(out - v), precision / 2 + 1e-9, `quantized(${precision}) error for ${v}`);
					assertSameNumber(out, c.canonical(v), `quantized(${precision}) decode of ${v} equals canonical`);
					check(c.equals(c.canonical(v), out), "equals(canonical, decoded)");
					assertSameNumber(c.canonical(out), out, "canonical is idempotent");
				}
			}
		});

		it("takes 1 byte for up to 63 steps and 2 from 64", () => {
			const c = codec.quantized({ precision: 0.5 });
			assertEqual(sizeOf(c, 0), 1, "0 steps");
			assertEqual(sizeOf(c, 31.5), 1, "63 steps");
			assertEqual(sizeOf(c, -32), 1, "-64 steps");
			assertEqual(sizeOf(c, 32), 2, "64 steps");
		});

		it("small negative values decode to +0, exactly as canonical says", () => {
			const c = codec.quantized({ precision: 1 });
			const out = roundTrip(c, -0.2);
			assertSameNumber(out, c.canonical(-0.2), "canonical(-0.2) matches the decoded zero, sign included");
			const v = codec.vector3({ precision: 1 / 64 });
			const small = new Vector3(-0.001, 0.001, -0.004);
			assertSameVector(roundTrip(v, small), v.canonical(small), "vector3 canonical of tiny negative axes");
			const a = codec.angle();
			assertSameNumber(roundTrip(a, -0.0001), a.canonical(-0.0001), "angle canonical of a tiny negative angle");
			const cf = codec.cframe({ precision: 1 / 64 });
			const at = new CFrame(-0.001, 0, -0.001);
			assertSameVector(roundTrip(cf, at).Position, cf.canonical(at).Position, "cframe canonical of a tiny negative position");
		});

		it("validate rejects NaN, infinities, out-of-range and non-numbers", () => {
			const c = codec.quantized({ precision: 0.1, min: -10, max: 10 });
			checkAccepts(c, -10);
			checkAccepts(c, 10);
			checkRejects(c, 10.01, "outside");
			checkRejects(c, -11, "outside");
			checkRejects(c, NAN, "NaN");
			checkRejects(c, math.huge, "inf");
			checkRejects(c, "1", "expects a number");
			checkRejects(codec.quantized({ precision: 1e-9 }), 1e10, "too large");
		});

		it("deltas decode to canonical(v) and small motions take one byte", () => {
			const rng = new Random(12);
			const c = codec.quantized({ precision: 1 / 64 });
			for (let i = 0; i < 200; i++) {
				const base = c.canonical(rng.NextNumber(-5000, 5000));
				const v = base + rng.NextNumber(-0.9, 0.9);
				assertEqual(buffer.len(encodeDelta(c, base, v)), 1, `delta of ${v - base} is one byte`);
				assertSameNumber(deltaRoundTrip(c, base, v), c.canonical(v), `delta decode of ${v}`);
			}
			const far = deltaRoundTrip(c, c.canonical(-4000), 4000);
			assertSameNumber(far, 4000, "a large jump still decodes exactly");
		});
	});

	describe("angle", () => {
		it("round-trips within pi/2^bits in 2 bytes", () => {
			const rng = new Random(21);
			for (const bits of [8, 12, 16]) {
				const c = codec.angle({ bits });
				for (let i = 0; i < 200; i++) {
					const v = rng.NextNumber(-math.pi, math.pi);
					assertEqual(sizeOf(c, v), 2, "angle is 2 bytes");
					const out = roundTrip(c, v);
					assertAtMost(angleBetween(out, v), math.pi / 2 ** bits + 1e-12, `angle(${bits}) error for ${v}`);
					assertSameNumber(out, c.canonical(v), `angle(${bits}) decode of ${v} equals canonical`);
					check(out >= -math.pi && out < math.pi, `decoded angle ${out} lies in [-pi, pi)`);
				}
			}
		});

		it("wraps angles outside [-pi, pi)", () => {
			const c = codec.angle();
			const threePi = roundTrip(c, 3 * math.pi);
			assertAtMost(math.abs(math.abs(threePi) - math.pi), 1e-9, "3pi decodes to +-pi");
			assertAtMost(angleBetween(roundTrip(c, 2 * math.pi + 0.5), 0.5), math.pi / 4096, "2pi + 0.5 decodes near 0.5");
			assertAtMost(angleBetween(roundTrip(c, -7.5 * math.pi), 0.5 * math.pi), math.pi / 4096, "-7.5pi decodes near pi/2");
			assertSameNumber(roundTrip(c, 100), c.canonical(100), "a wrapped angle still decodes to canonical");
		});

		it("deltas take the short way round in one byte for small turns", () => {
			const rng = new Random(22);
			const c = codec.angle({ bits: 12 });
			for (let i = 0; i < 200; i++) {
				const base = c.canonical(rng.NextNumber(-math.pi, math.pi));
				const v = base + rng.NextNumber(-0.09, 0.09); // < 64 steps of 2pi/4096
				assertEqual(buffer.len(encodeDelta(c, base, v)), 1, `small turn ${v - base} is one byte`);
				assertSameNumber(deltaRoundTrip(c, base, v), c.canonical(v), `delta decode of ${v}`);
			}
			// across the +-pi seam: 2 steps, not 4094
			const nearPi = c.canonical(math.pi - 0.001);
			const pastPi = -math.pi + 0.001;
			assertEqual(buffer.len(encodeDelta(c, nearPi, pastPi)), 1, "crossing the seam is a short delta");
			assertSameNumber(deltaRoundTrip(c, nearPi, pastPi), c.canonical(pastPi), "crossing the seam decodes");
		});

		it("rejects NaN and infinities, and raw values past 2^bits on the wire", () => {
			const c = codec.angle({ bits: 8 });
			checkRejects(c, NAN, "NaN");
			checkRejects(c, -math.huge, "inf");
			checkRejects(c, "0", "expects a number");
			codecErrorOf(() => decode(c, encode(codec.u16, 256)), "raw 256 for 8 bits");
			codecErrorOf(() => c.readDelta!(codec.newReader(encode(codec.varint, 128)), 0), "delta of 128 steps for 8 bits");
		});
	});

	describe("vector3", () => {
		it("quantized axes err by at most precision/2 and decode to canonical(v)", () => {
			const rng = new Random(31);
			const c = codec.vector3({ precision: 1 / 64 });
			for (let i = 0; i < 200; i++) {
				const v = randomVector(rng, 2048);
				const out = roundTrip(c, v);
				assertAtMost(math.abs(out.X - v.X), 1 / 128, "X error");
				assertAtMost(math.abs(out.Y - v.Y), 1 / 128, "Y error");
				assertAtMost(math.abs(out.Z - v.Z), 1 / 128, "Z error");
				assertSameVector(out, c.canonical(v), "decode equals canonical");
				check(c.equals(c.canonical(v), out), "equals(canonical, decoded)");
			}
		});

		it("small quantized values take 3 bytes, f32 vectors 12", () => {
			const q = codec.vector3({ precision: 1 / 64 });
			assertEqual(sizeOf(q, new Vector3(0.5, -0.25, 0.9)), 3, "three one-byte axes");
			assertEqual(sizeOf(q, new Vector3(0, 0, 0)), 3, "zero vector");
			assertEqual(sizeOf(q, new Vector3(1, 0, 0)), 4, "64 steps need two bytes");
			const f = codec.vector3();
			assertEqual(sizeOf(f, new Vector3(1, 2, 3)), 12, "three f32");
		});

		it("f32 vectors decode to canonical(v) bit for bit", () => {
			const rng = new Random(32);
			const c = codec.vector3();
			for (let i = 0; i < 100; i++) {
				const v = randomVector(rng, 1e5);
				const out = roundTrip(c, v);
				assertSameVector(out, c.canonical(v), "decode equals canonical");
				assertAtMost((out.sub(v) as Vector3).Magnitude, 1e5 * 2 ** -23, "f32 relative error");
			}
		});

		it("deltas decode to canonical(v) and small motions take one byte per axis", () => {
			const rng = new Random(33);
			const c = codec.vector3({ precision: 1 / 64 });
			for (let i = 0; i < 200; i++) {
				const base = c.canonical(randomVector(rng, 1000));
				const v = base.add(randomVector(rng, 0.9));
				assertEqual(buffer.len(encodeDelta(c, base, v)), 3, "one byte per axis");
				assertSameVector(deltaRoundTrip(c, base, v), c.canonical(v), "delta decode");
			}
		});

		it("validate rejects non-vectors, NaN axes and out-of-range axes", () => {
			const c = codec.vector3({ precision: 1 / 64, range: 100 });
			checkAccepts(c, new Vector3(100, -100, 0));
			checkRejects(c, new Vector3(0, 100.5, 0), "outside");
			checkRejects(c, new Vector3(NAN, 0, 0), "NaN");
			checkRejects(c, new Vector3(0, 0, math.huge), "inf");
			checkRejects(c, 5, "expects a Vector3");
			checkRejects(codec.vector3(), new Vector3(0, NAN, 0), "NaN");
		});
	});

	describe("cframe", () => {
		it("position errs by at most precision/2 and rotation keeps its axes", () => {
			const rng = new Random(41);
			const c = codec.cframe({ precision: 1 / 64, rotationBits: 12 });
			for (let i = 0; i < 200; i++) {
				const v = new CFrame(randomVector(rng, 500)).mul(randomRotation(rng));
				const out = roundTrip(c, v);
				assertAtMost(math.abs(out.X - v.X), 1 / 128, "X error");
				assertAtMost(math.abs(out.Y - v.Y), 1 / 128, "Y error");
				assertAtMost(math.abs(out.Z - v.Z), 1 / 128, "Z error");
				check(out.LookVector.Dot(v.LookVector) > 0.999, `LookVector kept: dot ${out.LookVector.Dot(v.LookVector)}`);
				check(out.UpVector.Dot(v.UpVector) > 0.999, `UpVector kept: dot ${out.UpVector.Dot(v.UpVector)}`);
				assertSameCFrame(out, c.canonical(v), "decode equals canonical");
				check(c.equals(c.canonical(v), out), "equals(canonical, decoded)");
			}
		});

		it("takes 3 one-byte axes and 5 rotation bytes near the origin", () => {
			const c = codec.cframe({ precision: 1 / 64 });
			assertEqual(sizeOf(c, new CFrame(0.5, 0, -0.5)), 3 + 5, "small position + 12-bit rotation");
			assertEqual(sizeOf(codec.cframe({ precision: 1 / 64, rotationBits: 15 }), new CFrame()), 3 + 6, "15-bit rotation is 47 bits");
			assertEqual(sizeOf(codec.cframe(), new CFrame()), 12 + 5, "f32 position");
		});

		it("keeps axis-aligned and half-turn rotations", () => {
			const c = codec.cframe({ precision: 1 / 64 });
			const rotations = [
				new CFrame(),
				CFrame.Angles(math.pi, 0, 0),
				CFrame.Angles(0, math.pi, 0),
				CFrame.Angles(0, 0, math.pi),
				CFrame.Angles(0, math.pi / 2, 0),
				CFrame.Angles(math.pi / 2, 0, math.pi / 2),
			];
			for (const rot of rotations) {
				const out = roundTrip(c, rot);
				check(out.LookVector.Dot(rot.LookVector) > 0.9999, "LookVector kept");
				check(out.UpVector.Dot(rot.UpVector) > 0.9999, "UpVector kept");
				check(c.equals(c.canonical(rot), out), "equals(canonical, decoded)");
			}
		});

		it("canonical is stable: re-canonicalising changes nothing", () => {
			const rng = new Random(42);
			const c = codec.cframe({ precision: 1 / 64, rotationBits: 12 });
			for (let i = 0; i < 200; i++) {
				const once = c.canonical(new CFrame(randomVector(rng, 100)).mul(randomRotation(rng)));
				check(c.equals(c.canonical(once), once), "canonical(canonical(v)) equals canonical(v)");
			}
		});

		it("deltas send only what changed and decode to canonical(v)", () => {
			const rng = new Random(43);
			const c = codec.cframe({ precision: 1 / 64, rotationBits: 12 });
			for (let i = 0; i < 100; i++) {
				const base = c.canonical(new CFrame(randomVector(rng, 500)).mul(randomRotation(rng)));
				const moved = c.canonical(base.add(randomVector(rng, 0.9)));
				assertEqual(buffer.len(encodeDelta(c, base, moved)), 1 + 3, "flags + one byte per axis");
				assertSameCFrame(deltaRoundTrip(c, base, moved), moved, "moved delta decode");
				const turned = c.canonical(base.mul(CFrame.Angles(0, 0.5, 0)));
				check(c.equals(deltaRoundTrip(c, base, turned), turned), "turned delta decode");
				assertEqual(buffer.len(encodeDelta(c, base, base)), 1, "no change is the flags byte");
			}
		});

		it("rejects non-CFrames and NaN, and bad flags or rotation bits on the wire", () => {
			const c = codec.cframe({ precision: 1 / 64, rotationBits: 12 });
			checkAccepts(c, new CFrame(1, 2, 3));
			checkRejects(c, new Vector3(), "expects a CFrame");
			checkRejects(c, new CFrame(NAN, 0, 0), "NaN");
			const w = codec.newWriter();
			codec.vector3({ precision: 1 / 64 }).write(w, new Vector3());
			for (let i = 0; i < 5; i++) codec.writeU8(w, 255); // 40 bits > 2 + 36
			codecErrorOf(() => decode(c, codec.toBuffer(w)), "rotation bits out of range");
			codecErrorOf(() => c.readDelta!(codec.newReader(encode(codec.u8, 4)), new CFrame()), "delta flags 4");
		});
	});

	describe("truncated spatial values", () => {
		it("every spatial codec fails with a CodecError on every strict prefix, full and delta", () => {
			const q = codec.quantized({ precision: 1 / 64 });
			checkTruncations(q, 123456.5);
			checkDeltaTruncations(q, 0, 99999);
			const a = codec.angle();
			checkTruncations(a, 1);
			checkDeltaTruncations(a, 0, 3);
			const v = codec.vector3({ precision: 1 / 64 });
			checkTruncations(v, new Vector3(1000, -1000, 5));
			checkDeltaTruncations(v, new Vector3(), new Vector3(1000, -1000, 5));
			checkTruncations(codec.vector3(), new Vector3(1, 2, 3));
			const cf = codec.cframe({ precision: 1 / 64 });
			const value = new CFrame(100, 200, -300).mul(CFrame.Angles(0.3, 0.2, 0.1));
			checkTruncations(cf, value);
			checkDeltaTruncations(cf, cf.canonical(new CFrame()), cf.canonical(value));
			checkTruncations(codec.cframe(), value);
		});
	});
};
