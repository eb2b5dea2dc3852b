// codec.bits(n) and codec.packed({...}): fields at bit granularity, rounded up to whole bytes,
// strict padding, field-mask deltas, and clear errors for fields that cannot be packed.
import * as codec from "../../../src/codec";
import { assertEqual, bytesOf, check, checkRejects, codecErrorOf, decode, deltaRoundTrip, encode, encodeDelta, roundTrip } from "./helpers";

const flags = codec.packed({
	state: codec.literal(["idle", "walk", "run", "jump", "fall"]),
	crouched: codec.bool,
	ammo: codec.bits(6),
	team: codec.bits(2),
});
type Flags = codec.CodecValue<typeof flags>;

export = () => {
	describe("codec.bits", () => {
		it("takes ceil(n/8) bytes and refuses values past 2^n - 1", () => {
			for (const n of [1, 7, 8, 9, 16, 17, 24, 25, 32]) {
				const c = codec.bits(n);
				assertEqual(buffer.len(encode(c, 2 ** n - 1)), math.ceil(n / 8), `bits(${n}) bytes`);
				assertEqual(roundTrip(c, 2 ** n - 1), 2 ** n - 1, `bits(${n}) largest value`);
				checkRejects(c, 2 ** n, "out of range");
			}
			checkRejects(codec.bits(4), 1.5, "integer");
			codecErrorOf(() => decode(codec.bits(3), bytesOf([8])), "8 in 3 bits");
			codecErrorOf(() => decode(codec.bits(17), bytesOf([0, 0, 2])), "2^17 in 17 bits");
			const [ok] = pcall(() => codec.bits(33));
			check(!ok, "bits(33) is refused at construction");
		});
	});

	describe("codec.packed", () => {
		it("packs 3 + 1 + 6 + 2 = 12 bits into 2 bytes, in field-name order", () => {
			assertEqual(flags.bitCount, 12, "bit count");
			const v: Flags = { state: "fall", crouched: true, ammo: 63, team: 3 };
			const b = encode(flags, v);
			assertEqual(buffer.len(b), 2, "2 bytes");
			// ammo (6 bits) = 63, crouched (1) = 1, state (3) = 4, team (2) = 3
			assertEqual(buffer.readu16(b, 0), 63 + 1 * 2 ** 6 + 4 * 2 ** 7 + 3 * 2 ** 10, "bit layout");
			check(flags.equals(roundTrip(flags, v), v), "round trip");
			const struct = codec.struct({
				state: codec.literal(["idle", "walk", "run", "jump", "fall"]),
				crouched: codec.bool,
				ammo: codec.u8,
				team: codec.u8,
			});
			check(buffer.len(encode(struct, v)) > buffer.len(b), "smaller than the same fields in a struct");
		});

		it("refuses set padding bits and literal indices past the options", () => {
			codecErrorOf(() => decode(flags, bytesOf([0, 0x10])), "padding bit 12 set");
			// state index 5..7 (3 bits) is not one of 5 options
			codecErrorOf(() => decode(flags, bytesOf([0x80 * 1, 0x02])), "state index 5");
		});

		it("deltas send a field mask and only the changed fields", () => {
			const base: Flags = { state: "idle", crouched: false, ammo: 30, team: 1 };
			const shot: Flags = { ...base, ammo: 29 };
			assertEqual(buffer.len(encodeDelta(flags, base, shot)), 2, "mask + 6 bits");
			check(flags.equals(deltaRoundTrip(flags, base, shot), shot), "one-field delta");
			assertEqual(buffer.len(encodeDelta(flags, base, base)), 1, "no change: the mask alone");
			const all: Flags = { state: "run", crouched: true, ammo: 0, team: 2 };
			check(flags.equals(deltaRoundTrip(flags, base, all), all), "all-field delta");
			codecErrorOf(() => flags.readDelta!(codec.newReader(bytesOf([16])), base), "mask naming a fifth field");
		});

		it("names the field and the fix when a codec cannot be packed", () => {
			const [ok, err] = pcall(() => codec.packed({ id: codec.u16 as never }));
			check(!ok, "u16 is not a packed field");
			check(tostring(err).find("codec.bits(n)", 1, true)[0] !== undefined, `the error suggests codec.bits: ${tostring(err)}`);
			check(tostring(err).find('"id"', 1, true)[0] !== undefined, "the error names the field");
		});
	});
};
