/**
 * Compares a client's world with the server's view for that client,
 * component by component: every entity the server replicates to that client
 * exists there with equal (canonical) values, tags and relation pairs, and
 * the client has no other server entities. The expected entities come from
 * the server's world itself (every entity with a replicated component, tag or
 * relation, and the Visibility rule it carries), not from Skyrocket's own
 * bookkeeping, so an entity Skyrocket failed to track fails the diff.
 */
import type { Entity } from "@rbxts/jecs";
import type { ClientNet } from "../../src/net/client";
import type { ServerNet } from "../../src/net/server";
import type { Side } from "./net";

export function worldDiff<C>(
	server: Side<ServerNet, C>,
	client: Side<ClientNet, C>,
	player: Player,
	limit = 10,
	/** With area of interest: the server entities this player should hold (computed by the spec from the server's values). */
	only?: (e: Entity) => boolean,
): string[] {
	const problems: string[] = [];
	const note = (s: string) => {
		if (problems.size() < limit) problems.push(s);
	};
	const sctx = server.net.context;
	const cctx = client.net.context;
	const conn = sctx.byPlayer.get(player);
	if (!conn) return ["no connection for player"];
	// every entity of the server's world that holds something replicated
	const world = server.world;
	const replicated = new Set<Entity>();
	for (const info of sctx.registry.list) {
		const term = info.kind === 3 ? server.jecs.pair(info.id, server.jecs.Wildcard) : info.id;
		for (const [e] of world.query(term)) replicated.add(e);
	}
	let expectedCount = 0;
	for (const e of replicated) {
		const rule = world.get(e, server.sky.Visibility);
		if (rule !== undefined && !isVisible(rule, player)) continue;
		if (only !== undefined && !only(e)) continue;
		expectedCount += 1;
		const handle = server.net.handleOf(e);
		if (handle === undefined) {
			note(`entity ${e} holds replicated data but Skyrocket never gave it a handle`);
			continue;
		}
		const mine = client.net.entityOf(handle);
		if (mine === undefined || !client.world.contains(mine)) {
			note(`entity ${e} (handle ${handle}) missing on client`);
			continue;
		}
		for (const info of sctx.registry.list) {
			const mirror = cctx.registry.byName.get(info.name)!;
			if (info.kind === 1) {
				const has = server.world.has(e, info.id);
				const clientHas = client.world.has(mine, mirror.id);
				if (has !== clientHas) {
					note(`${info.name} on ${e}: server has=${has}, client has=${clientHas}`);
					continue;
				}
				if (!has) continue;
				const codec = info.codec!;
				const expected = codec.canonical(server.world.get(e, info.id as Entity<unknown>) as defined);
				const actual = client.world.get(mine, mirror.id as Entity<unknown>);
				if (codec.name === "entity") {
					// references: compare through handles; a dead target may read as undefined or a dead entity
					const target = expected as Entity | undefined;
					const th = target !== undefined ? server.net.handleOf(target) : undefined;
					const want = th !== undefined ? client.net.entityOf(th) : undefined;
					if (want === undefined) {
						if (actual !== undefined && client.world.contains(actual as Entity))
							note(`${info.name} on ${e}: expected no live target`);
					} else if (actual !== want) note(`${info.name} on ${e}: target mismatch`);
					continue;
				}
				if (actual === undefined || !codec.equals(expected as defined, actual as defined)) {
					note(`${info.name} on ${e}: server ${show(expected)} client ${show(actual)}`);
				}
			} else if (info.kind === 2) {
				if (server.world.has(e, info.id) !== client.world.has(mine, mirror.id)) note(`tag ${info.name} on ${e} differs`);
			} else {
				// relation: same set of targets (through handles)
				let i = 0;
				const want = new Set<Entity>();
				for (;;) {
					const target = server.world.target(e, info.id, i);
					if (target === undefined) break;
					i += 1;
					const th = server.net.handleOf(target);
					const rule = world.get(target, server.sky.Visibility);
					if (th !== undefined && (rule === undefined || isVisible(rule, player))) {
						want.add(client.net.entityOf(th)!);
					}
				}
				let j = 0;
				const got = new Set<Entity>();
				for (;;) {
					const target = client.world.target(mine, mirror.id, j);
					if (target === undefined) break;
					j += 1;
					got.add(target);
				}
				for (const w of want) if (!got.has(w)) note(`relation ${info.name} on ${e}: missing target`);
				for (const g of got) if (!want.has(g)) note(`relation ${info.name} on ${e}: extra target`);
			}
		}
	}
	if (cctx.entities.size() !== expectedCount) note(`client has ${cctx.entities.size()} server entities, expected ${expectedCount}`);
	return problems;
}

function isVisible(rule: { kind: string; owner?: Player; players?: ReadonlySet<Player>; filter?: (p: Player) => boolean }, player: Player) {
	if (rule.kind === "all") return true;
	if (rule.kind === "owner") return rule.owner === player;
	if (rule.kind === "players") return rule.players!.has(player);
	if (rule.kind === "filter") return rule.filter!(player);
	return false;
}

/** A readable form of a component value for diff messages. */
export function show(value: unknown): string {
	if (typeIs(value, "table")) {
		const parts: string[] = [];
		for (const [k, v] of pairs(value as Record<string, unknown>)) parts.push(`${k}=${tostring(v)}`);
		parts.sort();
		return `{${parts.join(", ")}}`;
	}
	return tostring(value);
}
