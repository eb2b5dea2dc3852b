/**
 * Link conditions of a simulated client; latency and jitter are one-way, in
 * seconds. Declared once for both sides of the harness: specs (src/index.d.ts)
 * and the Node API (node/index.ts).
 */
export interface LinkOptions {
	/** One-way delay in seconds (default 0). */
	latency?: number;
	/** Each packet's delay varies uniformly by +-jitter seconds. */
	jitter?: number;
	/** Probability that an unreliable packet is lost (0..1). */
	loss?: number;
	/** Probability that an unreliable packet is held back (arrives out of order). */
	reorder?: number;
	/** Server-to-client cap in bytes per second (default 50,000; 0 = unlimited). Over it, traffic queues. */
	bandwidth?: number;
	/** Client-to-server cap in bytes per second (default 0 = unlimited). */
	upBandwidth?: number;
}
