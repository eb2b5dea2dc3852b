/**
 * Area of interest: an entity with a position is sent to a player only while
 * it is within their interest radius around their focus (entering at
 * `enterRadius`, leaving beyond `leaveRadius`, so entities on the border do
 * not flicker). A uniform grid over x/z keeps the cost proportional to the
 * entities near each player, not players x entities. Each player is
 * re-evaluated every `interval` seconds, players spread over steps.
 * Entities without a position, tagged AlwaysRelevant, or owned by the player
 * (Owner) bypass it.
 */
import { Entity, World } from "@rbxts/jecs";
import { ConnectionState } from "./connection";
import { TrackedEntity } from "./tracked";
import { AlwaysRelevant, Owner } from "../../components/interest";
import type { Hooks } from "../core/hooks";
import { inRange, noteOutOfRange } from "../core/finite";

export interface InterestConfig<P = unknown> {
	/** The component holding an entity's position (e.g. Transform). */
	position: Entity<P>;
	/** Reads a Vector3 from that component's value (default: the value, or its `.position`). */
	read?: (value: P) => Vector3;
	/** Entities closer than this (studs) enter a player's view. */
	enterRadius: number;
	/** Entities farther than this leave it (default enterRadius x 1.15). */
	leaveRadius?: number;
	/** Grid cell size in studs (default leaveRadius / 2). */
	cellSize?: number;
	/**
	 * Seconds between re-evaluations of each player (default 0.1). With 0,
	 * every player every step: no entity is ever sent beyond leaveRadius.
	 * Otherwise an entity may stay up to `interval` past it.
	 */
	interval?: number;
}

/** What a player's view is centred on. */
export type Focus = Vector3 | Entity | undefined;

/** Stands for "read the position from the world" in the dirty map (the entity gained or lost the component). */
const FROM_WORLD = table.freeze({});

const OFFSET = 32768;
const cellKey = (cx: number, cz: number) => (cx + OFFSET) * 65536 + (cz + OFFSET);

/**
 * The default reader: the value itself, a CFrame's Position, or a table's
 * `position`; undefined when it is none of these (out of range). One typeof
 * per value (then one for a table's field): this runs for every moving entity.
 */
function defaultRead(value: unknown): Vector3 | undefined {
	const kind = typeOf(value);
	if (kind === "Vector3") return value as Vector3;
	if (kind === "CFrame") return (value as CFrame).Position;
	if (kind !== "table") return undefined;
	const pos = (value as { position?: unknown }).position;
	return typeIs(pos, "Vector3") ? pos : undefined;
}

export class Interest {
	readonly enter: number;
	readonly leave: number;
	readonly cell: number;
	readonly interval: number;
	/** The configured reader (its result is checked), or undefined for the default one (checked as it reads). */
	private readonly read?: (value: unknown) => Vector3;
	private readonly cells = new Map<number, Set<Entity>>();
	private readonly cellOf = new Map<Entity, number>();
	readonly positionOf = new Map<Entity, Vector3>();
	/** Entities whose position is out of range (NaN, infinite, huge): relevant to nobody (but owners and AlwaysRelevant). */
	private readonly outOfRange = new Set<Entity>();
	private readonly focus = new Map<Player, Focus>();
	/** Per connection: positional entities currently in view through interest. */
	private readonly inView = new Map<ConnectionState, Set<Entity>>();
	private turn = 0;
	private carry = 0;

	/** Entities whose position changed since the last update, with the value the change hook saw (FROM_WORLD: added or removed, read from the world). */
	private dirty = new Map<Entity, unknown>();
	/** The set that becomes a player's next view (views are swapped, not rebuilt). */
	private spareView = new Set<Entity>();

	/**
	 * `recheck` collects entities whose visibility must be decided again at the
	 * next step (those that gain or lose an Owner or AlwaysRelevant).
	 */
	constructor(
		readonly world: World,
		readonly config: InterestConfig,
		hooks: Hooks,
		recheck: Set<Entity>,
		private readonly counters: Map<string, number>,
	) {
		const id = config.position as Entity<unknown>;
		const mark = (e: Entity) => {
			this.dirty.set(e, FROM_WORLD);
		};
		hooks.added(id, mark);
		// a change hands over its value: sync need not look it up again
		hooks.changed(id, (e, _, value) => {
			this.dirty.set(e, value ?? FROM_WORLD);
		});
		hooks.removed(id, mark);
		// what bypasses interest can change after an entity went out
		const bypassChanged = (e: Entity, _: unknown, deleted?: unknown) => {
			if (deleted !== true) recheck.add(e);
		};
		for (const bypass of [Owner, AlwaysRelevant] as Entity<unknown>[]) {
			hooks.added(bypass, bypassChanged);
			hooks.changed(bypass, bypassChanged);
			hooks.removed(bypass, bypassChanged);
		}
		this.enter = config.enterRadius;
		this.leave = math.max(config.leaveRadius ?? config.enterRadius * 1.15, this.enter);
		this.cell = config.cellSize ?? this.leave / 2;
		this.interval = config.interval ?? 0.1;
		this.read = config.read as ((value: unknown) => Vector3) | undefined;
	}

	setFocus(player: Player, focus: Focus) {
		this.focus.set(player, focus);
	}

	/** Forgets a player who left. */
	forgetPlayer(player: Player) {
		this.focus.delete(player);
		for (const [conn] of this.inView) if (conn.player === player) this.inView.delete(conn);
	}

	/** Entries of the per-player maps: [focus, views] (debugSizes). */
	sizes(): [number, number] {
		let focus = 0;
		for (const _ of this.focus) focus += 1;
		let views = 0;
		for (const _ of this.inView) views += 1;
		return [focus, views];
	}

	/** The point a player's view is centred on, or undefined (sees no positional entity, as when it is out of range). */
	focusOf(player: Player): Vector3 | undefined {
		const f = this.focus.get(player);
		let at: Vector3 | undefined;
		if (typeIs(f, "Vector3")) at = f;
		else if (typeIs(f, "number")) at = this.positionOf.get(f as Entity);
		else at = player.Character?.PrimaryPart?.Position;
		if (at !== undefined && !inRange(at)) {
			noteOutOfRange(this.counters, "interest focus", "a player's focus");
			return undefined;
		}
		return at;
	}

	/** focusOf, warning once per player when there is none (their view holds only what bypasses interest). */
	private focusFor(conn: ConnectionState): Vector3 | undefined {
		const f = this.focusOf(conn.player);
		if (f === undefined && this.focus.get(conn.player) === undefined) {
			conn.warnings.once(
				"no-focus",
				`Skyrocket: area of interest has no focus for ${conn.player.Name}: net.setFocus() was not called for them and they have no Character with a PrimaryPart, ` +
					`so only what they own (Owner), what is AlwaysRelevant and entities without a position reach them. ` +
					`Call net.setFocus(player, entityOrPosition) when they spawn.`,
			);
		}
		return f;
	}

	/** Applies this step's position changes to the grid (before any visibility decision). */
	sync() {
		const dirty = this.dirty;
		let n = 0;
		for (const [e, value] of dirty) {
			this.moved(e, value);
			n += 1;
		}
		// a fresh map after a large step (a spawn wave): a cleared one keeps its capacity, and every later walk would scan it
		if (n > 4096) this.dirty = new Map();
		else dirty.clear();
	}

	/** Updates the grid for an entity whose position component changed, appeared or went (`seen`: the value its change hook saw). */
	private moved(e: Entity, seen: unknown) {
		const world = this.world;
		let value = seen;
		if (value === FROM_WORLD) value = world.contains(e) ? world.get(e, this.config.position as Entity<unknown>) : undefined;
		if (value === undefined) {
			this.unplace(e);
			this.outOfRange.delete(e);
			return;
		}
		const read = this.read;
		let pos: Vector3 | undefined;
		if (read === undefined) pos = defaultRead(value);
		else {
			const got = read(value);
			pos = typeIs(got, "Vector3") ? got : undefined;
		}
		if (pos === undefined || !inRange(pos)) {
			// out of range: out of the grid and of every view (a NaN cell key would not even index a table)
			noteOutOfRange(this.counters, "interest position", "an entity's position");
			this.unplace(e);
			this.outOfRange.add(e);
			return;
		}
		const old = this.cellOf.get(e);
		this.outOfRange.delete(e);
		this.positionOf.set(e, pos);
		const key = cellKey(math.floor(pos.X / this.cell), math.floor(pos.Z / this.cell));
		if (key === old) return;
		if (old !== undefined) this.cells.get(old)?.delete(e);
		let set = this.cells.get(key);
		if (set === undefined) {
			set = new Set();
			this.cells.set(key, set);
		}
		set.add(e);
		this.cellOf.set(e, key);
	}

	/** Takes `e` out of the grid and forgets its position. */
	private unplace(e: Entity) {
		const old = this.cellOf.get(e);
		if (old !== undefined) {
			this.cells.get(old)?.delete(e);
			this.cellOf.delete(e);
		}
		this.positionOf.delete(e);
	}

	forget(e: Entity) {
		this.unplace(e);
		this.outOfRange.delete(e);
		for (const [, set] of this.inView) set.delete(e);
	}

	private bypass(conn: ConnectionState, e: Entity): boolean {
		return this.world.has(e, AlwaysRelevant) || this.world.get(e, Owner) === conn.player;
	}

	/** Whether `t` is relevant to `conn` right now (used for new entities between evaluations). */
	relevant(conn: ConnectionState, t: TrackedEntity): boolean {
		if (this.bypass(conn, t.entity)) return true;
		const pos = this.positionOf.get(t.entity);
		if (pos === undefined) return !this.outOfRange.has(t.entity);
		const f = this.focusFor(conn);
		if (f === undefined) return false;
		const r = conn.known.has(t.entity) ? this.leave : this.enter;
		const dx = pos.X - f.X;
		const dy = pos.Y - f.Y;
		const dz = pos.Z - f.Z;
		const inside = dx * dx + dy * dy + dz * dz <= r * r;
		if (inside) this.viewOf(conn).add(t.entity);
		return inside;
	}

	private viewOf(conn: ConnectionState): Set<Entity> {
		let set = this.inView.get(conn);
		if (set === undefined) {
			set = new Set();
			this.inView.set(conn, set);
		}
		return set;
	}

	/**
	 * Re-evaluates the players whose turn it is this step; pushes entities
	 * entering and leaving their view. `visible` applies the entity's rule.
	 */
	update(dt: number, connections: ConnectionState[], visible: (conn: ConnectionState, e: Entity) => boolean) {
		const n = connections.size();
		// forget players who left
		let views = 0;
		for (const _ of this.inView) views += 1;
		if (views > n) {
			const live = new Set(connections);
			for (const [conn] of this.inView) if (!live.has(conn)) this.inView.delete(conn);
		}
		if (n === 0) return;
		// spread players so each is evaluated once per interval (every step when interval is 0)
		let count = n;
		if (this.interval > 0) {
			this.carry += (n * dt) / this.interval;
			count = math.min(math.floor(this.carry), n);
			this.carry = math.min(this.carry - count, n);
		}
		for (let i = 0; i < count; i++) {
			this.turn = (this.turn % n) + 1;
			const conn = connections[this.turn - 1];
			if (conn.ready && conn.schemaSent) this.evaluate(conn, visible);
		}
	}

	private evaluate(conn: ConnectionState, visible: (conn: ConnectionState, e: Entity) => boolean) {
		const view = this.viewOf(conn);
		const f = this.focusFor(conn);
		const nearby = this.spareView;
		nearby.clear();
		if (f !== undefined) {
			const leave = this.leave;
			const enter2 = this.enter * this.enter;
			const leave2 = leave * leave;
			const fx = f.X;
			const fy = f.Y;
			const fz = f.Z;
			const positions = this.positionOf;
			const c = this.cell;
			const x0 = math.floor((f.X - leave) / c);
			const x1 = math.floor((f.X + leave) / c);
			const z0 = math.floor((f.Z - leave) / c);
			const z1 = math.floor((f.Z + leave) / c);
			for (let cx = x0; cx <= x1; cx++) {
				// how far the cell's column is from the focus along x (0 when the focus is in it)
				const lx = cx * c;
				const gx = fx < lx ? lx - fx : math.max(fx - lx - c, 0);
				for (let cz = z0; cz <= z1; cz++) {
					// a cell wholly beyond the leave radius (the square's corners) holds nobody in view
					const lz = cz * c;
					const gz = fz < lz ? lz - fz : math.max(fz - lz - c, 0);
					if (gx * gx + gz * gz > leave2) continue;
					const set = this.cells.get(cellKey(cx, cz));
					if (set === undefined) continue;
					for (const e of set) {
						const p = positions.get(e)!;
						const dx = p.X - fx;
						const dy = p.Y - fy;
						const dz = p.Z - fz;
						const d2 = dx * dx + dy * dy + dz * dz;
						if (d2 <= enter2 || (d2 <= leave2 && view.has(e))) nearby.add(e);
					}
				}
			}
		}
		for (const e of view) {
			if (!nearby.has(e) && conn.known.has(e) && !this.bypass(conn, e)) conn.leaving.push(e);
		}
		// an entity whose position went out of range leaves every view (it is in no cell)
		for (const e of this.outOfRange) {
			if (conn.known.has(e) && !view.has(e) && !this.bypass(conn, e)) conn.leaving.push(e);
		}
		for (const e of nearby) {
			if (!conn.known.has(e) && visible(conn, e)) conn.entering.push(e);
		}
		this.inView.set(conn, nearby);
		this.spareView = view;
	}
}
