/**
 * Composite codecs: optional, array, map and struct. A struct packs its
 * boolean fields and optional-presence flags into bits, and can encode only
 * the fields that changed against a base (a field mask), which is how a
 * one-field change of a five-field component costs one field on the wire.
 */
import { Codec } from "./codec";
/** Nested decoding depth limit, so hostile input cannot recurse without bound. */
export declare const MAX_DEPTH = 32;
/** A value or undefined: one presence byte (one bit inside a struct), then the value. */
export declare function optional<T>(inner: Codec<T>): Codec<T | undefined> & {
    readonly inner: Codec<T>;
};
/** Options of array and map codecs. */
export interface SizeOptions {
    /** Most elements accepted (default 4096); longer input is rejected before allocating. */
    maxLength?: number;
}
/** An array: varint length, then each element. */
export declare function array<T extends defined>(element: Codec<T>, options?: SizeOptions): Codec<T[]>;
/** A map: varint size, then key/value pairs (in key order, so equal maps encode equally). */
export declare function map<K extends defined, V extends defined>(key: Codec<K>, value: Codec<V>, options?: SizeOptions): Codec<Map<K, V>>;
/** Field codecs of a struct, by name. */
export type StructShape = {
    [name: string]: Codec<any>;
};
/** The value type of a struct codec. */
export type StructValue<S extends StructShape> = {
    [K in keyof S]: S[K] extends Codec<infer T> ? T : never;
};
/** A struct codec, with the extra field-mask operations. */
export interface StructCodec<T> extends Codec<T> {
    /** Field names in wire order (sorted). */
    readonly fields: readonly string[];
    /** The field codecs by name. */
    readonly shape: StructShape;
    /** Bit mask of the fields that differ between two canonical values. */
    readonly diff: (base: T, value: T) => number;
}
/**
 * A record of named fields. Wire layout: a flags varint holding one bit per
 * boolean field value and per optional field's presence, then the other
 * fields in name order. writeDelta adds a varint mask of changed fields and
 * writes only those (using each field's own delta where it has one).
 */
export declare function struct<S extends StructShape>(shape: S): StructCodec<StructValue<S>>;
