/**
 * buffer-full: one RemoteEvent call per tick carrying a schema'd buffer of
 * every changed entity's full values, what schema-based buffer libraries do:
 * no per-field delta, no field mask, no quantization. Per entity (23 bytes):
 * u32 id, position as 3 x f32 (what a Vector3 holds), yaw as f32, health
 * u16, state u8 (enum index); a u16 count first.
 */
import { STATES, StateName } from "../game";
import { applyEntity, remoteContender } from "./remoteCommon";

const RECORD = 4 + 12 + 4 + 2 + 1;

const stateIndex = new Map<StateName, number>();
STATES.forEach((s, i) => stateIndex.set(s, i));

const f32 = buffer.create(4);
function toF32(x: number) {
	buffer.writef32(f32, 0, x);
	return buffer.readf32(f32, 0);
}

export const bufferFull = remoteContender({
	name: "buffer-full",
	description: "one RemoteEvent call per tick: a buffer of u32 id, 3 x f32 position, f32 yaw, u16 health, u8 state per changed entity",
	notes: ["buffer-full: yaw travels as f32, so clients are compared with the server's yaw rounded to f32 (positions are f32 already)"],
	send: (remote, world, c, dirty) => {
		const n = dirty.size();
		if (n > 65535) error("buffer-full: more than 65,535 changed entities in one tick");
		const b = buffer.create(2 + n * RECORD);
		buffer.writeu16(b, 0, n);
		let p = 2;
		for (const e of dirty) {
			const t = world.get(e, c.Transform)!;
			buffer.writeu32(b, p, e);
			buffer.writef32(b, p + 4, t.position.X);
			buffer.writef32(b, p + 8, t.position.Y);
			buffer.writef32(b, p + 12, t.position.Z);
			buffer.writef32(b, p + 16, t.yaw);
			buffer.writeu16(b, p + 20, world.get(e, c.Health)!);
			buffer.writeu8(b, p + 22, stateIndex.get(world.get(e, c.State)!)!);
			p += RECORD;
		}
		remote.FireAllClients(b);
	},
	receive: (client) => {
		return (...args: unknown[]) => {
			const b = args[0] as buffer;
			const n = buffer.readu16(b, 0);
			let p = 2;
			for (let i = 0; i < n; i++) {
				const position = new Vector3(buffer.readf32(b, p + 4), buffer.readf32(b, p + 8), buffer.readf32(b, p + 12));
				applyEntity(
					client,
					buffer.readu32(b, p),
					position,
					buffer.readf32(b, p + 16),
					buffer.readu16(b, p + 20),
					STATES[buffer.readu8(b, p + 22)],
				);
				p += RECORD;
			}
		};
	},
	expectYaw: toF32,
});
