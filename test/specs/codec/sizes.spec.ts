// The same payloads under json, dynamic, schema (struct/array/str codecs) and packed: bytes each,
// measured from the real encoders. The orderings must hold; the figures are the ones README's
// "Codec sizes" table states (update both together: the spec prints the table).
import * as codec from "../../../src/codec";
import { check, roundTrip } from "./helpers";

type Row = { payload: string; json: number; dynamic: number; schema: number; packed?: number };

/** README's "Codec sizes" figures. */
const README: Row[] = [
	{ payload: "small struct", json: 52, dynamic: 33, schema: 14, packed: 14 },
	{ payload: "inventory of 20", json: 500, dynamic: 322, schema: 61, packed: 61 },
	{ payload: "chat line of 60 characters", json: 63, dynamic: 62, schema: 61 },
];

function size<T>(c: codec.Codec<T>, v: T): number {
	const problem = c.validate(v);
	if (problem !== undefined) error(`${c.name} should accept the payload: ${problem}`);
	check(c.equals(roundTrip(c, v), c.canonical(v)), `${c.name} round-trips the payload`);
	const w = codec.newWriter();
	c.write(w, v);
	return w.p;
}

/** A string-keyed table as json and dynamic see it. */
function asTable(v: object): codec.JsonData {
	const out = new Map<string, unknown>();
	for (const [k, x] of pairs(v)) out.set(k as string, x);
	return out as unknown as codec.JsonData;
}

function measure(): Row[] {
	const json = codec.json();
	const dynamic = codec.dynamic();

	const unit = { id: 1234, hp: 87, alive: true, name: "Rocketeer" };
	const unitSchema = codec.struct({ id: codec.u16, hp: codec.u8, alive: codec.bool, name: codec.str(16) });
	const unitPacked = codec.struct({
		stats: codec.packed({ id: codec.bits(16), hp: codec.bits(8), alive: codec.bool }),
		name: codec.str(16),
	});

	const inventory: { item: number; count: number }[] = [];
	for (let i = 0; i < 20; i++) inventory.push({ item: 1000 + i * 37, count: 1 + ((i * 7) % 99) });
	const inventorySchema = codec.array(codec.struct({ item: codec.u16, count: codec.u8 }), { maxLength: 64 });
	const inventoryPacked = codec.array(codec.packed({ item: codec.bits(16), count: codec.bits(8) }), { maxLength: 64 });

	const chat = "gg everyone, that last round was close! rematch in 5 minutes";
	check(chat.size() === 60, "the chat line has 60 characters");

	return [
		{
			payload: "small struct",
			json: size(json, asTable(unit)),
			dynamic: size(dynamic, asTable(unit)),
			schema: size(unitSchema, unit),
			packed: size(unitPacked, { stats: { id: unit.id, hp: unit.hp, alive: unit.alive }, name: unit.name }),
		},
		{
			payload: "inventory of 20",
			json: size(json, inventory.map(asTable)),
			dynamic: size(dynamic, inventory.map(asTable)),
			schema: size(inventorySchema, inventory),
			packed: size(inventoryPacked, inventory),
		},
		{ payload: "chat line of 60 characters", json: size(json, chat), dynamic: size(dynamic, chat), schema: size(codec.str(200), chat) },
	];
}

export = () => {
	describe("codec sizes", () => {
		it("packed <= schema < dynamic < json on every payload, with README's figures", () => {
			const rows = measure();
			print("| payload | json | dynamic | schema | packed |");
			print("|---|---:|---:|---:|---:|");
			for (const r of rows) print(`| ${r.payload} | ${r.json} | ${r.dynamic} | ${r.schema} | ${r.packed ?? "n/a"} |`);
			for (const r of rows) {
				check(r.schema < r.dynamic, `${r.payload}: schema (${r.schema}) should be smaller than dynamic (${r.dynamic})`);
				check(r.dynamic < r.json, `${r.payload}: dynamic (${r.dynamic}) should be smaller than json (${r.json})`);
				if (r.packed !== undefined)
					check(r.packed <= r.schema, `${r.payload}: packed (${r.packed}) should not exceed schema (${r.schema})`);
			}
			rows.forEach((r, i) => {
				const doc = README[i];
				const same =
					doc.payload === r.payload &&
					doc.json === r.json &&
					doc.dynamic === r.dynamic &&
					doc.schema === r.schema &&
					doc.packed === r.packed;
				check(
					same,
					`README's "Codec sizes" row ${doc.payload} (${doc.json}/${doc.dynamic}/${doc.schema}/${doc.packed}) should match the encoders (${r.json}/${r.dynamic}/${r.schema}/${r.packed}): update the README and this spec`,
				);
			});
		});

		it("packed beats a struct when fields are narrower than bytes", () => {
			const state = codec.literal(["idle", "walk", "run", "jump", "fall"]);
			const narrowPacked = codec.packed({ state, crouched: codec.bool, ammo: codec.bits(6), team: codec.bits(2) });
			const narrowStruct = codec.struct({ state, crouched: codec.bool, ammo: codec.u8, team: codec.u8 });
			const v = { state: "run" as const, crouched: true, ammo: 30, team: 1 };
			const p = size(narrowPacked, v);
			const s = size(narrowStruct, v);
			print(`12 bits of flags: packed ${p} bytes, struct ${s} bytes`);
			check(p < s, `packed (${p}) should beat the struct (${s}) on sub-byte fields`);
		});
	});
};
