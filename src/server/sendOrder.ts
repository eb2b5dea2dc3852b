/**
 * The order in which a group's pending updates go when the budget cannot
 * send them all: the longest since last sent first. Handles wait in buckets
 * by when they were last sent (1/64 s steps; -1: never), and a small heap of
 * bucket keys finds the oldest bucket, so taking the next handle costs O(1)
 * however many wait. Entries go stale when a handle is sent or its wait ends;
 * readers check them against the group.
 */
import { heapPop, heapPush } from "./heap";

/** Time resolution of the send order (1/64 s). */
const ORDER_STEPS = 64;

/** The bucket of a handle last sent at `sentTime` (seconds; -inf: never). */
export function orderKey(sentTime: number): number {
	return sentTime < 0 ? -1 : math.floor(sentTime * ORDER_STEPS);
}

export class SendOrder {
	private readonly buckets = new Map<number, number[]>();
	/** Min-heap of the keys of non-empty buckets. */
	private readonly keys: number[] = [];
	private readonly spare: number[][] = [];
	/** Entries held (stale ones included). */
	size = 0;

	/** Adds handle `h` last sent at bucket `key`. */
	push(h: number, key: number) {
		let bucket = this.buckets.get(key);
		if (bucket === undefined) {
			bucket = this.spare.pop() ?? [];
			this.buckets.set(key, bucket);
			heapPush(this.keys, key);
		}
		bucket.push(h);
		this.size += 1;
	}

	/** Key of the oldest bucket, or undefined when empty. */
	oldest(): number | undefined {
		return this.keys[0];
	}

	/** The handles of bucket `key` (take from the end with pop, then call took). */
	bucket(key: number): number[] {
		return this.buckets.get(key)!;
	}

	/** `n` handles were popped from a bucket. */
	took(n: number) {
		this.size -= n;
	}

	/** Drops the oldest bucket (once emptied). */
	dropOldest() {
		const key = heapPop(this.keys);
		if (key === undefined) return;
		const bucket = this.buckets.get(key)!;
		this.size -= bucket.size();
		bucket.clear();
		this.spare.push(bucket);
		this.buckets.delete(key);
	}

	clear() {
		for (const [, bucket] of this.buckets) {
			bucket.clear();
			this.spare.push(bucket);
		}
		this.buckets.clear();
		this.keys.clear();
		this.size = 0;
	}

	/** A copy (for a group splitting off). */
	clone(): SendOrder {
		const copy = new SendOrder();
		for (const [key, bucket] of this.buckets) {
			copy.buckets.set(key, table.clone(bucket));
			copy.keys.push(key);
		}
		copy.keys.sort();
		copy.size = this.size;
		return copy;
	}
}
