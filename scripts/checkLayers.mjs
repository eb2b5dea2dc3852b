// Fails (exit 1) when an import points up a layer or a layer imports a sibling
// it must not (src/server and src/client never import each other). The layers,
// top of the list first, are the architecture README "Layout" describes:
// a file may import only from its own layer's folder or from layers listed before it.
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** [folder or file, rank, group]. Same rank, different group: may not import each other. */
const LAYERS = [
	["components", 0],
	["src/codec", 1],
	["src/wire", 2],
	["src/core", 3],
	["src/transport", 3, "transport"],
	["src/server", 4, "server"],
	["src/client", 4, "client"],
	["systems/server", 5, "server"],
	["systems/client", 5, "client"],
	["src/schedule", 6],
	["src/net", 7],
	["tools", 8],
	["src/index.ts", 9],
];

function layerOf(rel) {
	let best;
	for (const [p, rank, group] of LAYERS) {
		if (rel === p || rel.startsWith(p + "/")) if (!best || p.length > best.p.length) best = { p, rank, group };
	}
	return best;
}

function walk(dir, out = []) {
	if (!fs.existsSync(dir)) return out;
	for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
		const p = path.join(dir, e.name);
		if (e.isDirectory()) walk(p, out);
		else if (e.name.endsWith(".ts")) out.push(p);
	}
	return out;
}

const problems = [];
const edges = new Map();
for (const top of ["components", "src", "systems", "tools"]) {
	for (const file of walk(path.join(root, top))) {
		const rel = path.relative(root, file).split(path.sep).join("/");
		const from = layerOf(rel);
		if (!from) {
			problems.push(`${rel}: not in any layer (add its folder to scripts/checkLayers.mjs and README "Layout")`);
			continue;
		}
		const text = fs.readFileSync(file, "utf8");
		for (const m of text.matchAll(/(?:from\s+|import\s*\(\s*|^import\s+)["'](\.{1,2}\/[^"']+)["']/gm)) {
			const target = path
				.relative(root, path.resolve(path.dirname(file), m[1]))
				.split(path.sep)
				.join("/");
			const targetFile = fs.existsSync(path.join(root, target + ".ts")) ? target + ".ts" : target + "/index.ts";
			const to = layerOf(targetFile) ?? layerOf(target);
			if (!to) {
				problems.push(`${rel} imports ${m[1]}, outside the library's layers`);
				continue;
			}
			const fromKey = rel;
			if (!edges.has(fromKey)) edges.set(fromKey, new Set());
			edges.get(fromKey).add(targetFile);
			if (to.rank > from.rank) problems.push(`${rel} (${from.p}) imports ${targetFile} (${to.p}): an arrow up a layer`);
			else if (to.rank === from.rank && to.p !== from.p && (from.group || to.group) && from.group !== to.group)
				problems.push(`${rel} (${from.p}) imports ${targetFile} (${to.p}): sibling layers must not import each other`);
		}
	}
}

// cycles between files
const state = new Map();
const stack = [];
function visit(n) {
	state.set(n, 1);
	stack.push(n);
	for (const m of edges.get(n) ?? []) {
		if (state.get(m) === 1) problems.push(`import cycle: ${[...stack.slice(stack.indexOf(m)), m].join(" -> ")}`);
		else if (!state.has(m)) visit(m);
	}
	stack.pop();
	state.set(n, 2);
}
for (const n of edges.keys()) if (!state.has(n)) visit(n);

if (problems.length > 0) {
	console.error(`layer check: ${problems.length} problem(s)`);
	for (const p of problems) console.error("  " + p);
	process.exit(1);
}
console.log(`layer check: ${edges.size} files, every import points down a layer, no cycles`);
