/**
 * Name patterns of pattern subscriptions (`net.subscribe("Player*")`): Lua
 * patterns over wire names, with two additions Lua lacks, resolved once at
 * registration:
 * - `*` is any run of characters, as in a glob (`%*` is a literal star; Lua's
 *   own repetition of one item is `-`, the lazy form, which matches the same
 *   names since the whole name must match);
 * - `(a|b)` lists alternatives: `Player(HP|MaxHP)` is expanded into the Lua
 *   patterns `PlayerHP` and `PlayerMaxHP` before matching (Lua patterns have
 *   no alternation). A list of patterns is their union.
 * A pattern matches a name when it matches the whole name (`^...$` implied).
 */

/** Expands the first `(...|...)` group of `pattern` into one pattern per alternative, recursively. */
export function expandAlternatives(pattern: string): string[] {
	const n = pattern.size();
	let open = -1;
	for (let i = 1; i <= n; i++) {
		const c = pattern.sub(i, i);
		if (c === "%") {
			i += 1;
			continue;
		}
		if (c === "(") open = i;
		else if (c === ")" && open > 0) {
			const inner = pattern.sub(open + 1, i - 1);
			if (inner.find("|", 1, true)[0] !== undefined) {
				const before = pattern.sub(1, open - 1);
				const after = pattern.sub(i + 1);
				const out: string[] = [];
				for (const alternative of inner.split("|"))
					for (const rest of expandAlternatives(after)) out.push(before + alternative + rest);
				return out;
			}
			open = -1;
		}
	}
	return [pattern];
}

/** The anchored Lua pattern of one alternative: `*` becomes `.*`. */
export function toLuaPattern(alternative: string): string {
	let out = "";
	const n = alternative.size();
	for (let i = 1; i <= n; i++) {
		const c = alternative.sub(i, i);
		if (c === "%") {
			out += alternative.sub(i, i + 1);
			i += 1;
		} else if (c === "*") out += ".*";
		else out += c;
	}
	if (out.sub(1, 1) !== "^") out = "^" + out;
	if (out.sub(-1) !== "$" || out.sub(-2) === "%$") out = out + "$";
	return out;
}

/**
 * The names among `names` that `patterns` match (in the order of `names`).
 * Errors, naming the pattern and listing `names`, when a pattern is not a
 * valid Lua pattern or when nothing matches.
 */
export function matchNames(patterns: string | readonly string[], names: readonly string[], level = 3): string[] {
	const list = typeIs(patterns, "string") ? [patterns] : patterns;
	const luaPatterns: string[] = [];
	for (const p of list) for (const alternative of expandAlternatives(p)) luaPatterns.push(toLuaPattern(alternative));
	const out: string[] = [];
	for (const name of names) {
		for (const lua of luaPatterns) {
			const [ok, found] = pcall(() => string.find(name, lua)[0]);
			if (!ok)
				error(
					`Skyrocket: "${lua}" (from the pattern ${describePatterns(list)}) is not a valid Lua pattern: ${tostring(found)}`,
					level,
				);
			if (found !== undefined) {
				out.push(name);
				break;
			}
		}
	}
	if (out.size() === 0) {
		error(
			`Skyrocket: the pattern ${describePatterns(list)} matches no replicated component. Replicated components: ${names.size() > 0 ? names.join(", ") : "(none yet: replicate them before subscribing)"}. A pattern must match the whole name; * is any run of characters and (HP|MaxHP) lists alternatives.`,
			level,
		);
	}
	return out;
}

function describePatterns(list: readonly string[]): string {
	return list.map((p) => `"${p}"`).join(", ");
}
