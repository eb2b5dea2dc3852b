/**
 * Client: decodes one reliable update packet completely, then applies it.
 * If any record is malformed the packet is dropped whole (never half-applied).
 * Entities spawned by the packet are declared first (see records.ts), so
 * state and relations inside it may refer to one another.
 */
import { Entity } from "@rbxts/jecs";
import { Reader } from "../codec";
import { ClientContext } from "./clientContext";
/** Reads the schema record and resolves it against the local registry. Returns missing names. */
export declare function readSchema(ctx: ClientContext, r: Reader): string[];
export declare function applyUpdates(ctx: ClientContext, r: Reader, tick: number): boolean;
/** Forgets everything the client kept about a despawned entity. */
export declare function forget(ctx: ClientContext, e: Entity, handle: number): void;
