/** A binary min-heap of numbers in a plain array (no allocation per operation). */

export function heapPush(heap: number[], value: number) {
	let i = heap.size();
	heap.push(value);
	while (i > 0) {
		const parent = math.floor((i - 1) / 2);
		if (heap[parent] <= value) break;
		heap[i] = heap[parent];
		i = parent;
	}
	heap[i] = value;
}

/** Removes and returns the smallest value (undefined when empty). */
export function heapPop(heap: number[]): number | undefined {
	const n = heap.size();
	if (n === 0) return undefined;
	const top = heap[0];
	const last = heap.pop()!;
	if (n > 1) {
		let i = 0;
		const size = n - 1;
		for (;;) {
			const l = 2 * i + 1;
			if (l >= size) break;
			const r = l + 1;
			const child = r < size && heap[r] < heap[l] ? r : l;
			if (heap[child] >= last) break;
			heap[i] = heap[child];
			i = child;
		}
		heap[i] = last;
	}
	return top;
}
