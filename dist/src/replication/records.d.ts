/**
 * Encoders of reliable replication records (see wire/protocol.ts). Pure:
 * they only write bytes; deciding who receives them is the systems' job.
 */
import { CodecContext, Writer } from "../codec";
import { Registry } from "../net/registry";
import { EntityChange, TrackedEntity } from "./serverState";
/** SPAWN: declares a new handle. All spawns of a packet come first, so any state may refer to them. */
export declare function writeSpawn(w: Writer, handle: number): void;
/** The entity's whole replicated state (after its SPAWN). */
export declare function writeFullState(w: Writer, registry: Registry, t: TrackedEntity, ctx: CodecContext): void;
/** The reliable part of a change to an entity the receiver already has. */
export declare function writeChange(w: Writer, registry: Registry, c: EntityChange, ctx: CodecContext): void;
export declare function writeDespawn(w: Writer, handle: number): void;
/** HIDE: the entity left the receiver's view but still exists (relations to it wait for its return). */
export declare function writeHide(w: Writer, handle: number): void;
/** Re-sends reliable components whose entity references point at `target` (which just appeared). */
export declare function writeReferences(w: Writer, registry: Registry, source: TrackedEntity, wires: Set<number>, ctx: CodecContext): void;
