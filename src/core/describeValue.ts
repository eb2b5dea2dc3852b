/**
 * A value as TypeScript would write it, for messages: `{ angle: 900, weapon:
 * "laser" }`, `[1, 2, 3]`, `undefined`. Bounded: nested tables stop at a depth
 * of 2 and the text at `limit` characters, so a hostile payload cannot flood
 * the output.
 */

const MAX_ENTRIES = 8;

function write(value: unknown, depth: number, out: string[]) {
	if (value === undefined) {
		out.push("undefined");
	} else if (typeIs(value, "string")) {
		const text = value.size() > 40 ? `${value.sub(1, 40)}...` : value;
		out.push(`"${string.gsub(text, "%c", "?")[0]}"`);
	} else if (typeIs(value, "number")) {
		out.push(value !== value ? "NaN" : tostring(value));
	} else if (typeIs(value, "table")) {
		if (depth >= 2) {
			out.push("{...}");
			return;
		}
		const entries: [unknown, unknown][] = [];
		for (const [k, v] of pairs(value as Map<unknown, unknown>)) entries.push([k, v]);
		const isArray = entries.every(([k]) => typeIs(k, "number")) && (value as unknown[]).size() === entries.size();
		out.push(isArray ? "[" : "{ ");
		entries.sort((a, b) => tostring(a[0]) < tostring(b[0]));
		const shown = math.min(entries.size(), MAX_ENTRIES);
		for (let i = 0; i < shown; i++) {
			const [k, v] = isArray ? [undefined, (value as unknown[])[i]] : entries[i];
			if (i > 0) out.push(", ");
			if (!isArray) out.push(typeIs(k, "string") ? `${k}: ` : `[${tostring(k)}]: `);
			write(v, depth + 1, out);
		}
		if (entries.size() > shown) out.push(`, ...${entries.size() - shown} more`);
		out.push(isArray ? "]" : " }");
	} else {
		out.push(tostring(value));
	}
}

/** `value` in TypeScript syntax, at most `limit` characters. */
export function describeValue(value: unknown, limit = 120): string {
	const out: string[] = [];
	write(value, 0, out);
	const text = out.join("");
	return text.size() > limit ? `${text.sub(1, limit - 3)}...` : text;
}
