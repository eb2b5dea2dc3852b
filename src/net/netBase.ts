/**
 * What server and client nets share: registering replicated ids, the
 * pipeline of systems, and the step that runs it around the game's systems.
 */
import { Entity, World } from "@rbxts/jecs";
import { Codec } from "../codec";
import { Pipeline, Placement, System } from "../schedule/pipeline";
import { reportError } from "../core/report";
import { idLabel, Registry, ReplicateOptions, ReplicatedInfo } from "../core/registry";
import type { Observers } from "../core/observers";

/** Seconds between reports of the same failing system (its failures are still counted). */
const FAILURE_REPORT_INTERVAL = 10;

export abstract class NetBase<P extends string> {
	/** The ordered systems of a step. @internal */
	readonly pipeline: Pipeline<P>;
	private game?: (dt: number) => void;
	/** Failures per system name (see systemFailures). */
	private readonly failures = new Map<string, number>();
	private readonly reportedAt = new Map<string, number>();
	private elapsed = 0;
	private destroyed = false;
	private steppedDestroyed = false;

	constructor(
		readonly world: World,
		phases: readonly P[],
	) {
		this.pipeline = new Pipeline<P>(phases);
	}

	/** The registry of replicated ids. */
	protected abstract registry(): Registry;
	/** The net's observers (see observe). */
	protected abstract observers(): Observers;
	/** Called for each newly registered id (to install listeners). */
	protected abstract registered(info: ReplicatedInfo): void;
	/** Advances the net's clock by one step. */
	protected abstract advance(dt: number): void;

	/** The system that runs the game's systems of this step (placed in the game phase by each side's schedule). */
	protected readonly runGame: System = (dt) => this.game?.(dt);

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

	/**
	 * Runs one net step: the phases before the game, `systems` (your game
	 * systems), then the rest. Each system runs isolated: one that throws is
	 * reported (with its name and phase, at most once per 10 s per system) and
	 * counted (systemFailures), and the rest of the step still runs.
	 */
	step(dt: number, systems?: (dt: number) => void) {
		if (this.destroyed) {
			if (!this.steppedDestroyed) {
				this.steppedDestroyed = true;
				warn("Skyrocket: net.step() on a destroyed net does nothing; disconnect the Heartbeat connection that calls it");
			}
			return;
		}
		this.advance(dt);
		this.elapsed += dt;
		this.game = systems;
		this.pipeline.run(dt, this.failed);
		this.game = undefined;
	}

	private readonly failed = (name: string, phase: P, err: unknown) => {
		this.failures.set(name, (this.failures.get(name) ?? 0) + 1);
		const last = this.reportedAt.get(name);
		if (last !== undefined && this.elapsed - last < FAILURE_REPORT_INTERVAL) return;
		this.reportedAt.set(name, this.elapsed);
		const count = this.failures.get(name)!;
		reportError(
			`Skyrocket: the system "${name}" (phase ${phase}) failed${count > 1 ? ` (${count} times so far)` : ""}; the rest of the step ran. ${tostring(err)}`,
		);
	};

	/** How many times each system threw (by name; "game" is the systems given to net.step). */
	systemFailures(): ReadonlyMap<string, number> {
		return this.failures;
	}

	/**
	 * Calls `callback(entity, value, old)` for each entity whose `component`
	 * changed during a step, once per step (at the start of its cleanup
	 * phase): `value` is the newest value (undefined once removed or
	 * despawned), `old` the one this observer saw before (undefined when
	 * added). Entities holding it already are reported at the next step. The
	 * bridge from the ECS to code that is not a system (UI, sounds,
	 * Instances). Returns a function that disconnects the observer.
	 */
	observe<T>(component: Entity<T>, callback: (entity: Entity, value: T | undefined, old: T | undefined) => void): () => void {
		return this.observers().component(component, idLabel(this.world, component), callback);
	}

	/** Inserts a user system (middleware) before/after/in a phase. */
	use(system: System, placement: Placement<P>, name = "user system"): this {
		this.pipeline.use(name, system, placement);
		return this;
	}

	/** Marks the net destroyed and empties its pipeline; false when it already was (destroy twice is a no-op). */
	protected beginDestroy(): boolean {
		if (this.destroyed) return false;
		this.destroyed = true;
		this.pipeline.clear();
		this.failures.clear();
		this.reportedAt.clear();
		this.game = undefined;
		return true;
	}

	/** Whether destroy() was called. */
	isDestroyed(): boolean {
		return this.destroyed;
	}

	/** The systems of a step in order, one line each. */
	describePipeline(): string[] {
		return this.pipeline.describe();
	}
}
