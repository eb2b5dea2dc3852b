/**
 * What server and client nets share: registering replicated ids, the
 * pipeline of systems, and the step that runs it around the game's systems.
 */
import { Entity, World } from "@rbxts/jecs";
import { Codec } from "../codec";
import { Pipeline, Placement, System } from "../schedule/pipeline";
import { reportError } from "../core/report";
import { idLabel, Registry, ReplicateOptions, ReplicatedInfo } from "../core/registry";
import { EventInfo, EventRegistry } from "../core/eventRegistry";
import { GroupInfo, GroupMemberRef, GroupOptions, GroupRegistry, userComponentNames } from "../core/groups";
import { matchNames } from "../core/pattern";
import { Observers } from "../core/observers";
import { HolderTags } from "../core/property";
import { componentEntry, eventEntries, warnIfTooLarge, WireEntry, wireReport, WireReport } from "../core/describeWire";
import type { Hooks } from "../core/hooks";

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
	/** Net-wide counters (see counters()); the contexts share this map. */
	protected readonly counted = new Map<string, number>();
	private readonly sizes: [string, () => number][] = [];
	/** What tools attached to this net free when it is destroyed (see onDestroy). */
	private readonly destroyListeners: (() => void)[] = [];
	/** The tags marking property holders (created with the first property of each scope). @internal */
	protected readonly holderTags: HolderTags = new HolderTags(this);
	/** Wire names of the components that are properties (for describeWire). */
	protected readonly propertyNames = new Set<string>();

	constructor(
		readonly world: World,
		phases: readonly P[],
	) {
		this.pipeline = new Pipeline<P>(phases);
	}

	/** The registry of replicated ids. */
	protected abstract registry(): Registry;
	/** The net's observers (see observe, groups and properties). @internal */
	protected abstract observers(): Observers;
	/** Called for each newly registered id (to install listeners). */
	protected abstract registered(info: ReplicatedInfo): void;
	/** Advances the net's clock by one step. */
	protected abstract advance(dt: number): void;
	/** Declared events and requests. */
	protected abstract eventRegistry(): EventRegistry;
	/** Declared groups. */
	protected abstract groupRegistry(): GroupRegistry;
	/** Where observers run: after the server's packets are applied (client), after the game (server). */
	protected abstract readonly observePhase: P;

	/** The system that runs the game's systems of this step (placed in the game phase by each side's schedule). */
	protected readonly runGame: System = (dt) => this.game?.(dt);

	/**
	 * Marks a component replicated. `options` is a codec, or { codec, check?,
	 * channel?, name?, priority?, rate? }; see ReplicateOptions. Both sides
	 * register the same components, with the same names and codecs.
	 */
	replicate<T>(component: Entity<T>, options: ReplicateOptions<T> | Codec<T>): this {
		const info = this.registry().component(component, options);
		this.registered(info);
		const e = componentEntry(info, false);
		if (e) warnIfTooLarge([e]);
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

	/**
	 * Calls `callback(entity, value, old)` for each entity whose `component`
	 * changed, once per step (client: right after the server's packets are
	 * applied; server: after your systems and collect): `value` is the newest
	 * value (undefined once removed or despawned), `old` the one this observer
	 * saw before (undefined when added). Entities holding it already are
	 * reported at the next run. The bridge from the ECS to code that is not a
	 * system (UI, sounds, Instances). Returns a function that disconnects it.
	 */
	observe<T>(component: Entity<T>, callback: (entity: Entity, value: T | undefined, old: T | undefined) => void): () => void {
		return this.observers().component(component, idLabel(this.world, component), callback);
	}

	/** Creates the net's observers; their system joins the pipeline after `observePhase` when the first connects. */
	protected newObservers(hooks: Hooks, now: () => number): Observers {
		// after the phase's own systems (on clients: after subscriptions dropped what they no longer get)
		return new Observers(this.world, hooks, now, (run) =>
			this.pipeline.use("notifyObservers", run, { after: this.observePhase } as Placement<P>),
		);
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
		const listeners = table.clone(this.destroyListeners);
		this.destroyListeners.clear();
		for (const fn of listeners) {
			// one tool failing to let go must not keep the net's own listeners connected
			const [ok, err] = pcall(fn);
			if (!ok) warn(`Skyrocket: a tool attached to the net failed while the net was destroyed: ${tostring(err)}`);
		}
		return true;
	}

	/**
	 * Runs `fn` when the net is destroyed: a tool holding jecs listeners or
	 * other resources of its own (the recorder) frees them with the net.
	 * @internal
	 */
	onDestroy(fn: () => void) {
		this.destroyListeners.push(fn);
	}

	/** Whether destroy() was called. */
	isDestroyed(): boolean {
		return this.destroyed;
	}

	/** Declares a group (see net.group on each side). @internal */
	protected declareGroup(name: string, members: readonly GroupMemberRef[], options: GroupOptions | undefined): GroupInfo {
		return this.groupRegistry().declare(name, members, options, 4);
	}

	/** The components whose wire names `patterns` match (see net.subscribe). @internal */
	protected membersMatching(patterns: string | readonly string[]): Entity[] {
		const names = matchNames(patterns, userComponentNames(this.registry()), 4);
		return names.map((name) => this.registry().byName.get(name)!.id);
	}

	/** Warns in Studio when a newly declared event can exceed the unreliable limit. @internal */
	protected checkEvent(info: EventInfo) {
		warnIfTooLarge(eventEntries(info));
	}

	/**
	 * The worst-case size report: for each event, request, component and
	 * property, its codec and worst-case encoded size (from maxSize;
	 * "unbounded" where it has none), flagging every unreliable one that can
	 * exceed the 900-byte UnreliableRemoteEvent limit.
	 */
	describeWire(): WireReport {
		const entries: WireEntry[] = [];
		for (const info of this.eventRegistry().list) for (const e of eventEntries(info)) entries.push(e);
		for (const info of this.registry().list) {
			const e = componentEntry(info, this.propertyNames.has(info.name));
			if (e) entries.push(e);
		}
		return wireReport(entries);
	}

	/** The systems of a step in order, one line each. */
	describePipeline(): string[] {
		return this.pipeline.describe();
	}
}
