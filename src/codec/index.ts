/**
 * Skyrocket's codecs: pure functions from values to bytes and back. Build a
 * schema from these and hand it to `net.replicate` or `net.event`.
 */
export * from "./codec";
export * from "./primitives";
export * from "./composite";
export * from "./collections";
export * from "./spatial";
export * from "./entity";
export * from "./packed";
export * from "./json";
export * from "./dynamic";
export * from "./specKit";
export * from "./cursor";
export * from "./lanes";
