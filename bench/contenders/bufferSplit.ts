/**
 * buffer-split: what careful users of buffer libraries do: one RemoteEvent
 * call per component per tick, each a schema'd buffer holding only the
 * entities whose component changed (no delta, no quantization). A u8 tag
 * names the component, a u16 count follows, then per entity a u32 id and the
 * component: Transform 3 x f32 position + f32 yaw (20 B with the id),
 * Health u16 (6 B), State u8 enum index (5 B).
 */
import type { Entity } from "@rbxts/jecs";
import { STATES, StateName } from "../game";
import { RemoteClient, remoteContender } from "./remoteCommon";

const TRANSFORM = 0;
const HEALTH = 1;
// kind 2 (the state byte) is the default branch below; record sizes by kind: id + transform, id + health, id + state
const RECORD = [4 + 16, 4 + 2, 4 + 1];

const stateIndex = new Map<StateName, number>();
STATES.forEach((s, i) => stateIndex.set(s, i));

const f32 = buffer.create(4);
function toF32(x: number) {
	buffer.writef32(f32, 0, x);
	return buffer.readf32(f32, 0);
}

/** The client's entity for a server id, created on first sight. */
function entityOf(client: RemoteClient, id: number): Entity {
	let e = client.map.get(id);
	if (e === undefined) {
		e = client.world.entity();
		client.map.set(id, e);
	}
	return e;
}

export const bufferSplit = remoteContender({
	name: "buffer-split",
	description:
		"one RemoteEvent call per component per tick: a buffer of only the entities whose component changed (u32 id + that component)",
	notes: ["buffer-split: yaw travels as f32, so clients are compared with the server's yaw rounded to f32 (positions are f32 already)"],
	sendSplit: (remote, world, c, dirty) => {
		for (let kind = 0; kind < 3; kind++) {
			const list = dirty[kind];
			const n = list.size();
			if (n === 0) continue;
			if (n > 65535) error("buffer-split: more than 65,535 changed entities in one tick");
			const size = RECORD[kind];
			const b = buffer.create(3 + n * size);
			buffer.writeu8(b, 0, kind);
			buffer.writeu16(b, 1, n);
			let p = 3;
			for (const e of list) {
				buffer.writeu32(b, p, e);
				if (kind === TRANSFORM) {
					const t = world.get(e, c.Transform)!;
					buffer.writef32(b, p + 4, t.position.X);
					buffer.writef32(b, p + 8, t.position.Y);
					buffer.writef32(b, p + 12, t.position.Z);
					buffer.writef32(b, p + 16, t.yaw);
				} else if (kind === HEALTH) {
					buffer.writeu16(b, p + 4, world.get(e, c.Health)!);
				} else {
					buffer.writeu8(b, p + 4, stateIndex.get(world.get(e, c.State)!)!);
				}
				p += size;
			}
			remote.FireAllClients(b);
		}
	},
	receive: (client) => {
		return (...args: unknown[]) => {
			const b = args[0] as buffer;
			const kind = buffer.readu8(b, 0);
			const n = buffer.readu16(b, 1);
			const size = RECORD[kind];
			const world = client.world;
			const c = client.c;
			let p = 3;
			for (let i = 0; i < n; i++) {
				const e = entityOf(client, buffer.readu32(b, p));
				if (kind === TRANSFORM) {
					const position = new Vector3(buffer.readf32(b, p + 4), buffer.readf32(b, p + 8), buffer.readf32(b, p + 12));
					world.set(e, c.Transform, { position, yaw: buffer.readf32(b, p + 16) });
				} else if (kind === HEALTH) {
					world.set(e, c.Health, buffer.readu16(b, p + 4));
				} else {
					world.set(e, c.State, STATES[buffer.readu8(b, p + 4)]);
				}
				p += size;
			}
		};
	},
	expectYaw: toF32,
});
