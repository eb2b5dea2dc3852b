/**
 * A running digest of a net's replicated state: per (entity handle,
 * replicated id) a 31-bit hash of the canonical encoded value (a tag's
 * presence, a relation's target handles), and their sum as the state's
 * checksum. Only what changed is hashed again: jecs listeners mark the
 * entities touched, and `collect` re-hashes them, reporting each hash that
 * changed. Server and client hash the same value to the same number, so a
 * replay can name the exact entity and component that differ.
 */
import jecs, { Entity, World } from "@rbxts/jecs";
import { CodecContext, newWriter, resetWriter, writeU32 } from "../../src/codec";
import { ReplicatedInfo, Registry } from "../../src/core/registry";
import { WireKind } from "../../src/wire/protocol";

/** Modulus of hashes and checksums (2^31 - 1): every sum stays exact in a double. */
export const DIGEST_MOD = 2147483647;

interface EntityHashes {
	handle: number;
	/** Per registry index (0-based): the hash (0 or absent: not present). */
	readonly hashes: number[];
}

export class StateDigest {
	private readonly dirty = new Set<Entity>();
	private readonly state = new Map<Entity, EntityHashes>();
	private readonly disconnects: (() => void)[] = [];
	private hooked = 0;
	private readonly scratch = newWriter(64);
	/** Sum of every hash (mod DIGEST_MOD). */
	checksum = 0;

	constructor(
		private readonly world: World,
		private readonly registry: Registry,
		private readonly handleOf: (e: Entity) => number | undefined,
		private readonly codecContext: CodecContext,
	) {
		this.hookNew();
		// the state before recording started counts as changed at the first collect
		for (const info of registry.list) {
			const term = info.kind === WireKind.Relation ? jecs.pair(info.id, jecs.Wildcard) : info.id;
			for (const [e] of world.query(term)) this.dirty.add(e);
		}
	}

	/** Listens to ids registered since the last call. */
	private hookNew() {
		const list = this.registry.list;
		const mark = (e: Entity) => {
			this.dirty.add(e);
		};
		while (this.hooked < list.size()) {
			const id = list[this.hooked].id as Entity<unknown>;
			this.hooked += 1;
			this.disconnects.push(this.world.added(id, mark));
			this.disconnects.push(this.world.changed(id, mark));
			this.disconnects.push(this.world.removed(id, mark));
		}
	}

	/**
	 * Re-hashes the entities touched since the last call; `changed(handle,
	 * index, hash)` hears each (handle, registry index) whose hash changed
	 * (0: no longer present). Returns the checksum.
	 */
	collect(changed: (handle: number, index: number, hash: number) => void): number {
		this.hookNew();
		if (this.dirty.isEmpty()) return this.checksum;
		const world = this.world;
		const list = this.registry.list;
		for (const e of this.dirty) {
			let entry = this.state.get(e);
			const alive = world.contains(e);
			const handle = alive ? this.handleOf(e) : undefined;
			if (entry !== undefined && entry.handle !== handle) {
				// gone, or replicated again under another handle: its old entries end
				this.clear(entry, changed);
				this.state.delete(e);
				entry = undefined;
			}
			if (handle === undefined) continue;
			if (entry === undefined) {
				entry = { handle, hashes: [] };
				this.state.set(e, entry);
			}
			for (let i = 0; i < list.size(); i++) {
				const hash = this.hash(e, list[i], handle, i);
				const old = entry.hashes[i] ?? 0;
				if (hash === old) continue;
				entry.hashes[i] = hash;
				this.checksum = (this.checksum + hash - old + DIGEST_MOD) % DIGEST_MOD;
				changed(handle, i, hash);
			}
		}
		this.dirty.clear();
		return this.checksum;
	}

	private clear(entry: EntityHashes, changed: (handle: number, index: number, hash: number) => void) {
		entry.hashes.forEach((old, i) => {
			if (old === 0) return;
			this.checksum = (this.checksum - old + DIGEST_MOD) % DIGEST_MOD;
			changed(entry.handle, i, 0);
		});
	}

	/** The hash of one id on one entity (0 when absent). */
	private hash(e: Entity, info: ReplicatedInfo, handle: number, index: number): number {
		const world = this.world;
		const w = this.scratch;
		resetWriter(w);
		if (info.kind === WireKind.Component) {
			if (!world.has(e, info.id)) return 0;
			const value = world.get(e, info.id as Entity<unknown>);
			const codec = info.codec!;
			const [ok] = pcall(() => {
				if (value !== undefined) codec.write(w, codec.canonical(value as defined), this.codecContext);
			});
			// a value its codec refuses never replicates: it hashes as "present, unencodable"
			if (!ok) resetWriter(w);
		} else if (info.kind === WireKind.Tag) {
			if (!world.has(e, info.id)) return 0;
		} else {
			const targets: number[] = [];
			for (let i = 0; ; i++) {
				const target = world.target(e, info.id, i);
				if (target === undefined) break;
				const h = this.handleOf(target);
				if (h !== undefined) targets.push(h);
			}
			if (targets.size() === 0) return 0;
			targets.sort();
			for (const h of targets) writeU32(w, h);
		}
		let h = ((handle % DIGEST_MOD) * 48271 + (index + 1) * 16807 + 1) % DIGEST_MOD;
		const b = w.b;
		for (let i = 0; i < w.p; i++) h = (h * 257 + buffer.readu8(b, i) + 1) % DIGEST_MOD;
		return h === 0 ? 1 : h;
	}

	/** Stops listening. */
	destroy() {
		for (const disconnect of this.disconnects) disconnect();
		this.disconnects.clear();
	}
}
