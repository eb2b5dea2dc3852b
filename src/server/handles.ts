/**
 * Server-assigned entity handles: small dense integers (1, 2, 3...) that stand
 * for entities on the wire. One handle space for all clients, so a change is
 * encoded once and the same bytes go to every client that sees it. A freed
 * handle is reused only after `quarantine` seconds, so a late packet can never
 * name the wrong entity.
 */
export class HandleAllocator {
	private next = 1;
	private free: number[] = [];
	private freeAt: number[] = [];
	private head = 0;

	constructor(private readonly quarantine = 10) {}

	/** The largest handle ever given out (handles are 1..max). */
	max(): number {
		return this.next - 1;
	}

	alloc(now: number): number {
		const i = this.head;
		if (i < this.free.size() && this.freeAt[i] + this.quarantine <= now) {
			this.head = i + 1;
			const h = this.free[i];
			if (this.head > 256 && this.head * 2 > this.free.size()) this.compact();
			return h;
		}
		return this.next++;
	}

	release(handle: number, now: number) {
		this.free.push(handle);
		this.freeAt.push(now);
	}

	private compact() {
		const free: number[] = [];
		const at: number[] = [];
		for (let i = this.head; i < this.free.size(); i++) {
			free.push(this.free[i]);
			at.push(this.freeAt[i]);
		}
		this.free = free;
		this.freeAt = at;
		this.head = 0;
	}
}
