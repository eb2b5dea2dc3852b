import { Codec } from "./codec";
/**
 * A reference to another replicated entity: sent as its handle and resolved
 * to the receiver's own entity. A target the receiver cannot see arrives as
 * undefined.
 */
export declare function entity<E extends number = number>(): Codec<E | undefined>;
