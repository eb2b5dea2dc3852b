/**
 * What server and client nets share: registering replicated ids, the
 * pipeline of systems, and the step that runs it around the game's systems.
 */
import { Entity, World } from "@rbxts/jecs";
import { Codec } from "../codec";
import { Pipeline, Placement, System } from "../schedule/pipeline";
import { reportError } from "../core/report";
import { Registry, ReplicateOptions, ReplicatedInfo } from "../core/registry";

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
	/** Net-wide counters (see counters()); the contexts share this map. */
	protected readonly counted = new Map<string, number>();
	private readonly sizes: [string, () => number][] = [];

	constructor(
		readonly world: World,
		phases: readonly P[],
	) {
		this.pipeline = new Pipeline<P>(phases);
	}

	/** The registry of replicated ids. */
	protected abstract registry(): Registry;
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

	/**
	 * Net-wide counters of what the guards did: players kicked (by reason,
	 * e.g. "kicked: backlog") and non-finite values met where Skyrocket does
	 * math (e.g. "non-finite: interest position"). Per-player drops are in
	 * `stats`.
	 */
	counters(): ReadonlyMap<string, number> {
		return this.counted;
	}

	/** Adds an entry to debugSizes() (each per-player structure registers one). @internal */
	addDebugSize(name: string, size: () => number) {
		this.sizes.push([name, size]);
	}

	/**
	 * The sizes of every per-player structure this net and its tools keep, by
	 * name (connections, interest focus and views, prediction maps, guards,
	 * warnings, profiler rows...): each returns to its starting size when the
	 * players who joined have left, so a spec can prove nothing leaks.
	 */
	debugSizes(): Map<string, number> {
		const out = new Map<string, number>();
		for (const [name, size] of this.sizes) out.set(name, size());
		return out;
	}

	/** How many times each system threw (by name; "game" is the systems given to net.step). */
	systemFailures(): ReadonlyMap<string, number> {
		return this.failures;
	}

	/** Inserts a user system (middleware) before/after/in a phase. */
	use(system: System, placement: Placement<P>, name = "user system"): this {
		this.pipeline.use(name, system, placement);
		return this;
	}

	/** The systems of a step in order, one line each. */
	describePipeline(): string[] {
		return this.pipeline.describe();
	}
}
