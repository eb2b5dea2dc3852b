/**
 * Reports a problem without stopping the net step: the message appears as an
 * error in the output (with its own thread, as Roblox shows spawned errors),
 * and the caller goes on.
 */
export declare function reportError(message: string): void;
/** Warns once per key (e.g. per player and reason), so floods do not flood the output. */
export declare function warnOnce(key: string, message: string): void;
