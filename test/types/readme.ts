// README code, type-checked by `npm test` (tsc -p test/types). Each region
// (`// #region name` ... `// #endregion`) is quoted in README.md between
// `<!-- snippet: test/types/readme.ts#name -->` and `<!-- /snippet -->`;
// scripts/checkSnippets.mjs fails the run when a copy differs (`--fix`
// rewrites the copies). What the README leaves implicit is declared here.
import jecs, { Entity, World } from "@rbxts/jecs";
import {
	AlwaysRelevant,
	ClientEventHandle,
	ClientNet,
	Codec,
	codec,
	Owner,
	Priority,
	server,
	ServerEventHandle,
	ServerNet,
} from "../../src";

interface Transform {
	position: Vector3;
	yaw: number;
}
interface Move {
	x: number;
	z: number;
}
declare const world: World;
declare const net: ServerNet;
declare const player: Player;
declare const character: Entity;
declare const boss: Entity;
declare const pet: Entity;
declare const moveX: number;
declare const moveZ: number;
declare function draw(e: Entity, t: Transform): void;
declare const myAvatar: Entity;
declare const healthBar: Frame;
declare function showToast(text: string): void;
declare const Notice: ClientEventHandle<string, "server">;
declare const Cheer: ServerEventHandle<number, "client">;

const Health = jecs.component<number>();
const Transform = jecs.component<Transform>();
const Target = jecs.component<Entity | undefined>();
const Enemy = jecs.tag();

export function replication() {
	// #region replication
	const transform = codec.struct({ position: codec.vector3({ precision: 1 / 64 }), yaw: codec.angle({ bits: 10 }) });
	net.replicate(Health, codec.u16); // reliable: every change arrives, in order
	net.replicate(Transform, { codec: transform, channel: "unreliable" }); // newest value wins, delta vs acknowledged
	net.replicate(Target, codec.entity()); // entity references are translated per peer
	net.replicateTag(Enemy); // tags (components without data)
	net.replicateRelation(jecs.ChildOf); // pairs whose target is a replicated entity
	// #endregion
}

export function interest(transform: Codec<Transform>) {
	// #region interest
	const net = server(world, { bandwidth: { perPlayer: 40_000, global: 0, warnAfter: 2 } });
	net.replicate(Transform, { codec: transform, channel: "unreliable", priority: 1, rate: { near: 60, far: 20 } });
	net.setInterest({ position: Transform, enterRadius: 100, leaveRadius: 115, interval: 0.1 });
	net.setFocus(player, character); // an entity (its position), a Vector3, or undefined: the player's Character
	world.add(boss, AlwaysRelevant); // everyone, everywhere
	world.set(pet, Owner, player); // always relevant to its owner
	world.set(boss, Priority, 10); // goes first when bandwidth is short (set before or after server(world))
	// #endregion
}

/** The shared simulation of the prediction example. */
const apply = (world: World, e: Entity, input: Move, dt: number) => {
	const t = world.get(e, Transform)!;
	world.set(e, Transform, { ...t, position: t.position.add(new Vector3(input.x, 0, input.z).mul(16 * dt)) });
};

export function predictionServer() {
	// #region prediction
	// shared: the simulation both sides run
	const apply = (world: World, e: Entity, input: Move, dt: number) => {
		const t = world.get(e, Transform)!;
		world.set(e, Transform, { ...t, position: t.position.add(new Vector3(input.x, 0, input.z).mul(16 * dt)) });
	};
	const walk = net.prediction("Walk", { component: Transform, input: codec.struct({ x: codec.i8, z: codec.i8 }), apply });

	// server: whose inputs drive which entity
	walk.bind(player, character);
	// #endregion
}

export function predictionClient(net: ClientNet) {
	const walk = net.prediction("Walk", { component: Transform, input: codec.struct({ x: codec.i8, z: codec.i8 }), apply });
	// #region render
	// client: the same prediction, and interpolation for everyone else
	const smooth = net.interpolate(Transform);

	// in a system each frame: the input applies at once, this same frame
	walk.setInput({ x: moveX, z: moveZ });

	// render: the local avatar from the prediction, every other entity from the interpolation
	for (const [e, server] of world.query(Transform)) {
		const shown = e === walk.entity ? world.get(e, walk.Rendered) : world.get(e, smooth.Rendered);
		draw(e, shown ?? server);
	}
	// #endregion
}

export function observers() {
	// #region observers
	// client: a health bar that follows the replicated value
	const stop = net.observe(Health, (entity, value, old) => {
		if (entity === myAvatar) healthBar.Size = UDim2.fromScale((value ?? 0) / 100, 1);
	});
	// events: a callback per event of the step, in arrival order
	Notice.observe((text) => showToast(text)); // client: (payload, entity)
	Cheer.observe((amount, player) => print(`${player.Name} +${amount}`)); // server: (payload, sender, entity)
	stop(); // each observe returns its disconnect
	// #endregion
}
