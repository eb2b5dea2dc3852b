// Points failures back at the project's TypeScript files. Compiled modules run
// under their instance names (ServerScriptService.Tests.game.spec:42); rbxtsc
// writes no source maps, so a chunk maps to its .ts file by roblox-ts's path
// convention (outDir/x/y.luau <- rootDir/x/y.ts, init <- index) and the line
// stays the compiled file's.
import * as fs from "node:fs";
import * as path from "node:path";
import type { TreeNode } from "./projectTree.js";

/** Where one compiled chunk came from: the compiled file, and the .ts file when there is one. */
export interface ChunkSource {
	compiled: string;
	ts?: string;
}

/** Reads tsconfig.json, which allows comments and trailing commas. */
function readTsconfig(projectDir: string): { outDir?: string; rootDir?: string; rootDirs?: string[] } {
	const file = path.join(projectDir, "tsconfig.json");
	if (!fs.existsSync(file)) return {};
	const text = fs.readFileSync(file, "utf8");
	let out = "";
	let inString = false;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (inString) {
			out += c;
			if (c === "\\") out += text[++i] ?? "";
			else if (c === '"') inString = false;
		} else if (c === '"') {
			inString = true;
			out += c;
		} else if (c === "/" && text[i + 1] === "/") {
			while (i < text.length && text[i] !== "\n") i++;
			out += "\n";
		} else if (c === "/" && text[i + 1] === "*") {
			const end = text.indexOf("*/", i + 2);
			i = end < 0 ? text.length : end + 1;
		} else out += c;
	}
	try {
		return JSON.parse(out.replace(/,(\s*[}\]])/g, "$1")).compilerOptions ?? {};
	} catch {
		return {};
	}
}

/** The .ts (or .tsx) file rbxtsc compiled `compiled` (project-relative) from, if it exists. */
export function tsSourceOf(projectDir: string, compiled: string): string | undefined {
	const options = readTsconfig(projectDir);
	const outDir = path.normalize(options.outDir ?? "out");
	const rel = path.relative(outDir, path.normalize(compiled));
	if (rel.startsWith("..") || path.isAbsolute(rel)) return undefined;
	const base = rel.replace(/\.luau?$/, "");
	const names = path.basename(base) === "init" ? [base, path.join(path.dirname(base), "index")] : [base];
	const roots = [options.rootDir, ".", ...(options.rootDirs ?? [])].filter((r): r is string => r !== undefined);
	for (const root of roots) {
		for (const name of names) {
			for (const ext of [".ts", ".tsx"]) {
				const candidate = path.join(root, name + ext);
				if (fs.existsSync(path.join(projectDir, candidate))) return candidate.split(path.sep).join("/");
			}
		}
	}
	return undefined;
}

/** Every script of the place by the chunk name it runs under (its full name, as Instance:GetFullName()). */
export function chunkSources(projectDir: string, tree: TreeNode): Map<string, ChunkSource> {
	const out = new Map<string, ChunkSource>();
	const visit = (node: TreeNode, prefix: string) => {
		const name = prefix === "" ? node.n : `${prefix}.${node.n}`;
		if (node.s !== undefined && !node.s.includes("node_modules"))
			out.set(name, { compiled: node.s, ts: tsSourceOf(projectDir, node.s) });
		for (const child of node.ch ?? []) visit(child, name);
	};
	for (const service of tree.ch ?? []) visit(service, "");
	return out;
}

/** A traceback frame of the harness itself or of TestEZ: noise in a spec's failure. */
const INTERNAL_FRAME =
	/^(bootstrap|[A-Za-z]+(\/[A-Za-z]+)?|ReplicatedStorage\.rbxts_include\.node_modules\.@rbxts\.testez\.[\w.]+):\d+( function \S+)?$/;

/** A failure message with chunk names replaced by their .ts files (compiled line kept) and internal frames left out. */
export function mapMessage(message: string, sources: Map<string, ChunkSource>): string {
	return message
		.split("\n")
		.filter((line) => !INTERNAL_FRAME.test(line.trim()))
		.map((line) =>
			line.replace(/([\w@.-]+):(\d+)/g, (whole, chunk: string, n: string) => {
				const source = sources.get(chunk);
				if (source === undefined) return whole;
				return source.ts !== undefined ? `${source.ts} (${source.compiled}:${n})` : `${source.compiled}:${n}`;
			}),
		)
		.join("\n");
}

/** The file to name for a failure: its .ts source when there is one. */
export function describeFile(file: string | undefined, projectDir: string): string | undefined {
	if (file === undefined) return undefined;
	const ts = tsSourceOf(projectDir, file);
	return ts !== undefined ? `${ts} (compiled: ${file})` : file;
}
