/**
 * What server and client nets share: registering replicated ids, the
 * pipeline of systems, and the step that runs it around the game's systems.
 */
import { Entity, World } from "@rbxts/jecs";
import { Codec } from "../codec";
import { Phase } from "../schedule/phases";
import { Pipeline, Placement, System } from "../schedule/pipeline";
import { Registry, ReplicateOptions, ReplicatedInfo } from "../core/registry";

export abstract class NetBase {
	/** The ordered systems of a step. */
	readonly pipeline = new Pipeline();
	private game?: (dt: number) => void;

	constructor(readonly world: World) {}

	/** The registry of replicated ids. */
	protected abstract registry(): Registry;
	/** Called for each newly registered id (to install listeners). */
	protected abstract registered(info: ReplicatedInfo): void;
	/** Advances the net's clock by one step. */
	protected abstract advance(dt: number): void;

	/** Adds the system that runs the game's systems, in the game phase. */
	protected addGamePhase() {
		this.pipeline.add(Phase.Game, "game", (dt) => this.game?.(dt));
	}

	/**
	 * Marks a component replicated. `options` is a codec, or { codec, check?,
	 * channel?, name?, priority?, rate? }; see ReplicateOptions. Both sides
	 * register the same components, with the same names and codecs.
	 */
	replicate<T>(component: Entity<T>, options: ReplicateOptions<T> | Codec<T>): this {
		this.registered(this.registry().component(component, options));
		return this;
	}

	/** Marks a tag (a component without data) replicated. */
	replicateTag(tag: Entity, name?: string): this {
		this.registered(this.registry().tag(tag, name));
		return this;
	}

	/**
	 * Marks a relation replicated: pairs (relation, target) whose target is a
	 * replicated entity, e.g. jecs.ChildOf.
	 */
	replicateRelation(relation: Entity, name?: string): this {
		this.registered(this.registry().relation(relation, name));
		return this;
	}

	/** Runs one net step: the phases before the game, `systems` (your game systems), then the rest. */
	step(dt: number, systems?: (dt: number) => void) {
		this.advance(dt);
		this.game = systems;
		this.pipeline.run(dt);
		this.game = undefined;
	}

	/** Inserts a user system (middleware) before/after/in a phase. */
	use(system: System, placement: Placement, name = "user system"): this {
		this.pipeline.use(name, system, placement);
		return this;
	}

	/** The systems of a step in order, one line each. */
	describePipeline(): string[] {
		return this.pipeline.describe();
	}
}
