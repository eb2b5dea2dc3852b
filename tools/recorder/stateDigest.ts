/**
 * A running digest of a net's replicated state: per (entity handle,
 * replicated id) a 31-bit hash of the encoded value, as the wire carries it (a tag's
 * presence, a relation's target handles), and their sum as the state's
 * checksum. Only what changed is hashed again: jecs listeners mark the
 * entities touched, and `collect` re-hashes them, reporting each hash that
 * changed. Server and client hash the same value to the same number, so a
 * replay can name the exact entity and component that differ.
 */
import jecs, { Entity, World } from "@rbxts/jecs";
import { Codec, CodecContext, newWriter, resetWriter, Writer, writeU32 } from "../../src/codec";
import { ReplicatedInfo, Registry } from "../../src/core/registry";
import { WireKind } from "../../src/wire/protocol";

/** Modulus of hashes and checksums (2^31 - 1): every sum stays exact in a double. */
export const DIGEST_MOD = 2147483647;

interface EntityHashes {
	handle: number;
	/** Per registry index (0-based): the hash (0 or absent: not present). */
	readonly hashes: number[];
}

/**
 * Encodes `value` (a plain function: pcall takes it without a closure). The
 * bytes are those of its canonical form too (write quantizes as canonical
 * does; the receiver decodes them to the canonical value), so there is no
 * need to build that form first.
 */
function encode(codec: Codec<unknown>, w: Writer, value: defined, ctx: CodecContext) {
	codec.write(w, value, ctx);
}

/** Ids of an entity touched since the last collect: bit i for registry index i (ALL: every id). */
const ALL = -1;
/** Indices from here on are marked as ALL (a mask is exact only below 2^52). */
const MASK_BITS = 52;

export class StateDigest {
	private readonly dirty = new Map<Entity, number>();
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
			for (const [e] of world.query(term)) this.dirty.set(e, ALL);
		}
	}

	/** Listens to ids registered since the last call. */
	private hookNew() {
		const list = this.registry.list;
		const dirty = this.dirty;
		while (this.hooked < list.size()) {
			const index = this.hooked;
			const id = list[index].id as Entity<unknown>;
			this.hooked += 1;
			const bit = index < MASK_BITS ? 2 ** index : 0;
			const mark = (e: Entity) => {
				const mask = dirty.get(e);
				if (bit === 0) dirty.set(e, ALL);
				else if (mask === undefined) dirty.set(e, bit);
				else if (mask !== ALL && mask % (bit * 2) < bit) dirty.set(e, mask + bit);
			};
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
		for (const [e, mask] of this.dirty) {
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
			let all = mask === ALL;
			if (entry === undefined) {
				entry = { handle, hashes: [] };
				this.state.set(e, entry);
				all = true; // a handle new to the digest: everything it holds
			}
			let bit = 1;
			for (let i = 0; i < list.size(); i++) {
				if (all || (i < MASK_BITS && mask % (bit * 2) >= bit)) {
					const hash = this.hash(e, list[i], handle, i);
					const old = entry.hashes[i] ?? 0;
					if (hash !== old) {
						entry.hashes[i] = hash;
						this.checksum = (this.checksum + hash - old + DIGEST_MOD) % DIGEST_MOD;
						changed(handle, i, hash);
					}
				}
				bit *= 2;
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
			const [ok] = value !== undefined ? pcall(encode, info.codec!, w, value as defined, this.codecContext) : [true];
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
		const n = w.p;
		// two bytes a step: h x 65537 stays below 2^48, exact in a double
		const even = n - (n % 2);
		for (let i = 0; i < even; i += 2) h = (h * 65537 + buffer.readu16(b, i) + 1) % DIGEST_MOD;
		if (even < n) h = (h * 257 + buffer.readu8(b, even) + 1) % DIGEST_MOD;
		return h === 0 ? 1 : h;
	}

	/** Stops listening. */
	destroy() {
		for (const disconnect of this.disconnects) disconnect();
		this.disconnects.clear();
	}
}
