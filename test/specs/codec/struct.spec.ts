// Struct codecs: layout, packed flags, field masks and deltas.
import * as codec from "../../../src/codec";
import {
	assertEqual,
	bytesOf,
	check,
	checkAccepts,
	checkDeltaTruncations,
	checkRejects,
	checkTruncations,
	codecErrorOf,
	decode,
	deltaRoundTrip,
	encodeDelta,
	roundTrip,
	sizeOf,
} from "./helpers";

// five fields; wire order (sorted): alive, health, name, position, team
const unit = codec.struct({
	health: codec.u16,
	name: codec.str(32),
	position: codec.vector3({ precision: 1 / 64 }),
	alive: codec.bool,
	team: codec.literal(["red", "blue"]),
});
type Unit = codec.CodecValue<typeof unit>;

function baseUnit(): Unit {
	return { health: 100, name: "orc", position: new Vector3(10, 2, -3), alive: true, team: "red" };
}

export = () => {
	describe("struct layout", () => {
		it("lists fields in sorted wire order", () => {
			const fields = unit.fields;
			assertEqual(fields.size(), 5, "five fields");
			const expected = ["alive", "health", "name", "position", "team"];
			expected.forEach((n, i) => assertEqual(fields[i], n, `field ${i}`));
		});

		it("round-trips a flat struct", () => {
			const v = baseUnit();
			const out = roundTrip(unit, v);
			assertEqual(out.health, 100, "health");
			assertEqual(out.name, "orc", "name");
			assertEqual(out.position, v.position, "position on the grid survives exactly");
			assertEqual(out.alive, true, "alive");
			assertEqual(out.team, "red", "team");
			check(unit.equals(out, unit.canonical(v)), "decoded equals canonical");
			// flags 1 + health 2 + name 1+3 + position 3 varints (640, 128, -192: 2 bytes each) + team 1
			assertEqual(sizeOf(unit, v), 1 + 2 + 4 + 6 + 1, "full size");
		});

		it("packs two bools into one flags byte", () => {
			const two = codec.struct({ a: codec.bool, b: codec.bool });
			for (const [a, b] of [
				[false, false],
				[true, false],
				[false, true],
				[true, true],
			]) {
				assertEqual(sizeOf(two, { a, b }), 1, "two bools are one byte");
				const out = roundTrip(two, { a, b });
				check(out.a === a && out.b === b, `bools ${a},${b} round-trip`);
			}
		});

		it("packs seven bools into one byte and optional presence into the same flags", () => {
			const seven = codec.struct({
				a: codec.bool,
				b: codec.bool,
				c: codec.bool,
				d: codec.bool,
				e: codec.bool,
				f: codec.bool,
				g: codec.bool,
			});
			const v = { a: true, b: false, c: true, d: true, e: false, f: true, g: true };
			assertEqual(sizeOf(seven, v), 1, "seven bools in one byte");
			const out = roundTrip(seven, v);
			check(out.a && !out.b && out.c && out.d && !out.e && out.f && out.g, "seven bools round-trip");

			const mixed = codec.struct({ hp: codec.u16, on: codec.bool, shield: codec.optional(codec.u16) });
			assertEqual(sizeOf(mixed, { hp: 5, on: true, shield: undefined }), 1 + 2, "absent optional costs only its flag bit");
			assertEqual(sizeOf(mixed, { hp: 5, on: false, shield: 9 }), 1 + 2 + 2, "present optional costs its value");
			assertEqual(sizeOf(codec.struct({ x: codec.u8, y: codec.u8 }), { x: 1, y: 2 }), 2, "no flags byte without bools or optionals");
		});

		it("round-trips nested optional, array, map and struct fields", () => {
			const inner = codec.struct({ id: codec.varuint, tags: codec.array(codec.str(8)), on: codec.bool });
			const outer = codec.struct({
				child: inner,
				maybe: codec.optional(inner),
				list: codec.array(inner),
				byName: codec.map(codec.str(8), inner),
				note: codec.optional(codec.str(16)),
			});
			const a = { id: 1, tags: ["x"], on: true };
			const b = { id: 300, tags: [], on: false };
			const v = { child: a, maybe: b, list: [a, b], byName: new Map([["k", b]]), note: undefined };
			const out = roundTrip(outer, v);
			check(outer.equals(out, v), "nested value equals the original");
			assertEqual(out.maybe!.id, 300, "optional struct field");
			assertEqual(out.list[1].on, false, "struct inside array");
			assertEqual(out.byName.get("k")!.id, 300, "struct inside map");
			assertEqual(out.note, undefined, "absent optional string");
			const none = roundTrip(outer, { ...v, maybe: undefined, note: "hi" });
			assertEqual(none.maybe, undefined, "absent optional struct");
			assertEqual(none.note, "hi", "present optional string");
			check(!outer.equals(none, v), "different nested values differ");
		});

		it("validate names the field and the problem", () => {
			checkAccepts(unit, baseUnit());
			checkRejects(unit, { ...baseUnit(), health: -1 }, "field health");
			checkRejects(unit, { ...baseUnit(), name: "x".rep(33) }, "exceeds");
			checkRejects(unit, { ...baseUnit(), team: "green" }, "field team");
			checkRejects(unit, { ...baseUnit(), position: 5 }, "Vector3");
			checkRejects(unit, "unit", "expects a table");
		});

		it("read rejects flag bits beyond its bool and optional fields", () => {
			const two = codec.struct({ a: codec.bool, b: codec.bool });
			assertEqual(decode(two, bytesOf([3])).b, true, "flags 3 are both bools");
			codecErrorOf(() => decode(two, bytesOf([4])), "flags with a third bit");
			checkTruncations(unit, baseUnit());
		});
	});

	describe("struct field masks", () => {
		it("diff returns the mask of changed fields in wire order", () => {
			const base = unit.canonical(baseUnit());
			assertEqual(unit.diff(base, base), 0, "no change, empty mask");
			assertEqual(unit.diff(base, { ...base, alive: false }), 1, "alive is bit 0");
			assertEqual(unit.diff(base, { ...base, health: 99 }), 2, "health is bit 1");
			assertEqual(unit.diff(base, { ...base, name: "elf" }), 4, "name is bit 2");
			assertEqual(unit.diff(base, { ...base, position: new Vector3(10, 2, -2) }), 8, "position is bit 3");
			assertEqual(unit.diff(base, { ...base, team: "blue" }), 16, "team is bit 4");
			assertEqual(unit.diff(base, { ...base, health: 1, team: "blue" }), 18, "two changes");
			assertEqual(unit.diff(base, { ...base, position: new Vector3(10, 2, -3) }), 0, "an equal copy is no change");
		});

		it("writeDelta of a one-field change writes only that field", () => {
			const base = unit.canonical(baseUnit());
			const value = { ...base, health: 42 };
			const full = sizeOf(unit, value);
			const delta = encodeDelta(unit, base, value);
			// mask 1 + flags 1 + health 2
			assertEqual(buffer.len(delta), 4, "delta size");
			check(buffer.len(delta) < full, `delta (${buffer.len(delta)}) should be smaller than a full write (${full})`);
			const out = deltaRoundTrip(unit, base, value);
			assertEqual(out.health, 42, "changed field takes the new value");
			assertEqual(out.name, "orc", "name comes from the base");
			assertEqual(out.position, base.position, "position comes from the base");
			assertEqual(out.team, "red", "team comes from the base");
			assertEqual(out.alive, true, "alive comes from the base");
		});

		it("readDelta takes unchanged fields from the base it is given", () => {
			const base = unit.canonical(baseUnit());
			const delta = encodeDelta(unit, base, { ...base, team: "blue" });
			const otherBase = { ...base, name: "goblin", health: 7 };
			const out = unit.readDelta!(codec.newReader(delta), otherBase);
			assertEqual(out.team, "blue", "changed field from the wire");
			assertEqual(out.name, "goblin", "unchanged name from the given base");
			assertEqual(out.health, 7, "unchanged health from the given base");
		});

		it("a bool change costs only the mask and flags", () => {
			const base = unit.canonical(baseUnit());
			const value = { ...base, alive: false };
			assertEqual(buffer.len(encodeDelta(unit, base, value)), 2, "mask + flags");
			assertEqual(deltaRoundTrip(unit, base, value).alive, false, "bool change arrives");
		});

		it("an unchanged value is a two-byte delta and decodes to the base", () => {
			const base = unit.canonical(baseUnit());
			assertEqual(buffer.len(encodeDelta(unit, base, base)), 2, "empty mask + flags");
			check(unit.equals(deltaRoundTrip(unit, base, base), base), "decodes to the base");
		});

		it("changed fields use their own delta encoding", () => {
			const base = unit.canonical(baseUnit());
			const moved = unit.canonical({ ...base, position: new Vector3(10.5, 2, -3.25) });
			// mask + flags + position delta (32, 0, -16 steps: 1 byte each)
			assertEqual(buffer.len(encodeDelta(unit, base, moved)), 2 + 3, "position delta bytes");
			check(unit.equals(deltaRoundTrip(unit, base, moved), moved), "moved value decodes");
		});

		it("optional fields switch on, off and change through deltas", () => {
			const c = codec.struct({ hp: codec.u16, shield: codec.optional(codec.quantized({ precision: 1 })) });
			const off = { hp: 1, shield: undefined };
			const on = { hp: 1, shield: 1000 };
			const nudged = { hp: 1, shield: 1001 };
			assertEqual(deltaRoundTrip(c, off, on).shield, 1000, "off -> on");
			assertEqual(deltaRoundTrip(c, on, off).shield, undefined, "on -> off");
			assertEqual(deltaRoundTrip(c, on, nudged).shield, 1001, "on -> on");
			assertEqual(buffer.len(encodeDelta(c, on, nudged)), 3, "mask + flags + one-byte inner delta");
			assertEqual(c.diff(off, on), 2, "shield is bit 1");
		});

		it("nested structs carry their own masks", () => {
			const inner = codec.struct({ a: codec.u32, b: codec.u32, c: codec.u32 });
			const outer = codec.struct({ id: codec.u32, stats: inner });
			const base = { id: 1, stats: { a: 1, b: 2, c: 3 } };
			const value = { id: 1, stats: { a: 1, b: 20, c: 3 } };
			assertEqual(outer.diff(base, value), 2, "stats changed");
			assertEqual(buffer.len(encodeDelta(outer, base, value)), 1 + 1 + 4, "outer mask + inner mask + one u32");
			const out = deltaRoundTrip(outer, base, value);
			check(outer.equals(out, value), "nested delta decodes");
		});

		it("readDelta rejects a mask naming more fields than the struct has", () => {
			const base = unit.canonical(baseUnit());
			// a well-formed health delta, except that the mask also names a sixth field
			const w = codec.newWriter();
			codec.writeVarUint(w, 32 + 2);
			codec.writeVarUint(w, 1);
			codec.writeU16(w, 5);
			const err = codecErrorOf(() => unit.readDelta!(codec.newReader(codec.toBuffer(w)), base), "mask bit 5 of 5 fields");
			check(err.reason.find("mask", 1, true)[0] !== undefined, `reason names the mask: ${err.reason}`);
			checkDeltaTruncations(unit, base, { ...base, health: 3, name: "troll" });
		});
	});
};
