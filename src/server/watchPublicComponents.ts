/**
 * The public components a server net reacts to, written by the game like any
 * ECS data (jecs hooks, disconnected by destroy):
 * - Priority: the mutation encoder reads it only while some entity has one,
 *   so the net counts them, those set before the net existed included, and
 *   the count never goes below zero;
 * - Visibility: writing, changing or removing it (or net.setVisibility) takes
 *   effect at the next step.
 */
import { Entity } from "@rbxts/jecs";
import { ServerContext } from "./context";
import { Priority } from "../../components/interest";
import { Visibility, VisibilityRule } from "../../components/replication";

export function watchPublicComponents(ctx: ServerContext) {
	const world = ctx.world;
	for (const _ of world.query(Priority)) ctx.prioritized += 1;
	ctx.hooks.added(Priority, () => (ctx.prioritized += 1));
	ctx.hooks.removed(Priority, () => (ctx.prioritized = math.max(0, ctx.prioritized - 1)));

	const ruleChanged = (e: Entity, rule: VisibilityRule | undefined) => {
		const t = ctx.tracked.get(e);
		if (t) t.rule = rule;
		ctx.visibilityDirty.add(e);
		if (rule?.kind === "filter") ctx.filtered.add(e);
		else ctx.filtered.delete(e);
	};
	ctx.hooks.added(Visibility, (e, _, rule) => ruleChanged(e, rule));
	ctx.hooks.changed(Visibility, (e, _, rule) => ruleChanged(e, rule));
	ctx.hooks.removed(Visibility, (e, _, deleted) => {
		if (deleted) ctx.filtered.delete(e);
		else ruleChanged(e, undefined);
	});
}
