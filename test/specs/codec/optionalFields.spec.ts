// An optional(c) field of a struct is an optional property of its value type: callers may leave
// it out. This spec compiles only if that holds (the assignments below have no `reason` key).
import * as codec from "../../../src/codec";
import { check, roundTrip } from "./helpers";

const Kick = codec.struct({ player: codec.u32, reason: codec.optional(codec.str(64)), by: codec.entity<number>() });
type Kick = codec.CodecValue<typeof Kick>;

// compile-time checks: the value type is exactly this (optional fields optional, required ones
// required), and leaving optional fields out compiles
type Same<A, B> = (<X>() => X extends A ? 1 : 2) extends <X>() => X extends B ? 1 : 2 ? true : false;
const exactType: Same<Kick, { player: number; reason?: string | undefined; by?: number | undefined }> = true;
const bare: Kick = { player: 7 };
const full: Kick = { player: 7, reason: "afk", by: 1001 };
const missing = { reason: "afk" } as unknown as Kick;
const wrong = { player: 7, reason: 5 } as unknown as Kick;

export = () => {
	describe("struct optional fields", () => {
		it("can be left out of a value and decode as absent", () => {
			check(exactType, "the type check above compiled");
			check(Kick.validate(bare) === undefined, "a value without its optional fields is valid");
			const out = roundTrip(Kick, bare);
			check(out.player === 7 && out.reason === undefined && out.by === undefined, "absent fields decode as nil");
			const reason: string | undefined = roundTrip(Kick, full).reason;
			check(reason === "afk", "present fields round-trip");
			check(
				Kick.validate(missing) !== undefined && Kick.validate(wrong) !== undefined,
				"the values the compiler refuses, validate refuses too",
			);
		});
	});
};
