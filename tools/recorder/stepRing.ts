/**
 * The recorded steps, encoded, oldest first: the whole session, or a ring
 * that drops its oldest steps beyond its seconds or bytes, so a recording
 * left on for hours holds a bounded amount of memory.
 */
export class StepRing {
	/** Encoded steps from `head` on, and their dts. */
	private chunks: buffer[] = [];
	private dts: number[] = [];
	private head = 0;
	/** Bytes and seconds of the steps kept. */
	bytes = 0;
	seconds = 0;
	/** Number of the oldest step kept (1-based) and of the newest. */
	firstStep = 1;
	lastStep = 0;

	/** `seconds` undefined: keep everything (the caller watches `bytes`). */
	constructor(
		private readonly maxSeconds: number | undefined,
		private readonly maxBytes: number,
	) {}

	/** Keeps one more step; a ring then drops what is too old or too much (never the newest). */
	push(chunk: buffer, dt: number) {
		this.chunks.push(chunk);
		this.dts.push(dt);
		this.lastStep += 1;
		this.bytes += buffer.len(chunk);
		this.seconds += dt;
		if (this.maxSeconds === undefined) return;
		while (this.chunks.size() - this.head > 1 && (this.seconds > this.maxSeconds + 1e-9 || this.bytes > this.maxBytes)) {
			this.bytes -= buffer.len(this.chunks[this.head]);
			this.seconds -= this.dts[this.head];
			this.head += 1;
			this.firstStep += 1;
		}
		// dropped steps are released in batches: at most as many again as are kept wait to be
		if (this.head > 64 && this.head * 2 > this.chunks.size()) {
			const chunks: buffer[] = [];
			const dts: number[] = [];
			for (let i = this.head; i < this.chunks.size(); i++) {
				chunks.push(this.chunks[i]);
				dts.push(this.dts[i]);
			}
			this.chunks = chunks;
			this.dts = dts;
			this.head = 0;
		}
	}

	/** Steps kept. */
	size(): number {
		return this.chunks.size() - this.head;
	}

	/** The steps kept, oldest first. */
	list(): buffer[] {
		const out: buffer[] = [];
		for (let i = this.head; i < this.chunks.size(); i++) out.push(this.chunks[i]);
		return out;
	}

	/** The newest step kept. */
	newest(): buffer | undefined {
		return this.size() > 0 ? this.chunks[this.chunks.size() - 1] : undefined;
	}
}
