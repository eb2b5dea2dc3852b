/** Text helpers shared by the profiler's table and the debug panel. */

/** A whole number with thousands separators: 24410.4 -> "24,410". */
export function count(n: number): string {
	if (n !== n || math.abs(n) === math.huge) return "-";
	let out = string.format("%d", math.round(n));
	for (;;) {
		const [replaced, k] = string.gsub(out, "^(-?%d+)(%d%d%d)", "%1,%2");
		out = replaced;
		if (k === 0) break;
	}
	return out;
}

/** Seconds as whole milliseconds: 0.1604 -> "160 ms". */
export function ms(seconds: number): string {
	return `${count(seconds * 1000)} ms`;
}

/** A fraction as a percentage: 0.487 -> "49%". */
export function percent(fraction: number): string {
	return `${count(fraction * 100)}%`;
}

/**
 * Lays rows out in columns: the first column left-aligned, the others
 * right-aligned, two spaces apart. Returns one string per line (header first).
 */
export function columns(header: string[], rows: string[][]): string[] {
	const widths = header.map((h) => h.size());
	for (const row of rows) {
		row.forEach((cell, i) => {
			widths[i] = math.max(widths[i] ?? 0, cell.size());
		});
	}
	const line = (cells: string[]) =>
		cells
			.map((cell, i) => {
				const gap = string.rep(" ", widths[i] - cell.size());
				return i === 0 ? cell + gap : gap + cell;
			})
			.join("  ");
	const out = [line(header)];
	for (const row of rows) out.push(line(row));
	return out;
}
