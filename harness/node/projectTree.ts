// Builds the instance tree of a Rojo project (default.project.json) the way
// Rojo lays it out, so the harness can load the compiled place: folders become
// Folders, *.luau/*.lua files ModuleScripts, *.server.* Scripts, *.client.*
// LocalScripts, init files turn their folder into that script, and a folder
// holding its own default.project.json is that project.
import * as fs from "node:fs";
import * as path from "node:path";

/** One instance: class, name, script source path (relative to the project root) and children. */
export interface TreeNode {
	c: string;
	n: string;
	s?: string;
	ch?: TreeNode[];
}

interface ProjectNode {
	$className?: string;
	$path?: string | { optional: string };
	[child: string]: unknown;
}

const SCRIPT_EXT = /\.(luau|lua)$/;

function scriptClass(fileName: string): { cls: string; name: string } | undefined {
	if (!SCRIPT_EXT.test(fileName)) return undefined;
	const base = fileName.replace(SCRIPT_EXT, "");
	if (base.endsWith(".server")) return { cls: "Script", name: base.slice(0, -".server".length) };
	if (base.endsWith(".client")) return { cls: "LocalScript", name: base.slice(0, -".client".length) };
	return { cls: "ModuleScript", name: base };
}

class TreeBuilder {
	constructor(private readonly root: string) {}

	private rel(p: string): string {
		return path.relative(this.root, p).split(path.sep).join("/");
	}

	/** A file or directory on disk as an instance named `name`. */
	fromPath(abs: string, name: string): TreeNode | undefined {
		if (!fs.existsSync(abs)) return undefined;
		const stat = fs.statSync(abs);
		if (stat.isFile()) {
			const sc = scriptClass(path.basename(abs));
			if (sc) return { c: sc.cls, n: name, s: this.rel(abs) };
			if (abs.endsWith(".txt")) return { c: "StringValue", n: name };
			return undefined;
		}
		const nested = path.join(abs, "default.project.json");
		if (fs.existsSync(nested) && abs !== this.root) {
			const node = this.fromProjectFile(nested);
			node.n = name;
			return node;
		}
		const entries = fs.readdirSync(abs).sort();
		const node: TreeNode = { c: "Folder", n: name, ch: [] };
		for (const entry of entries) {
			const full = path.join(abs, entry);
			const sc = scriptClass(entry);
			if (sc && sc.name === "init" && fs.statSync(full).isFile()) {
				node.c = sc.cls;
				node.s = this.rel(full);
				continue;
			}
			if (entry === "node_modules" && abs !== this.root && !this.isIncludeScope(abs)) continue;
			if (entry.startsWith(".") || entry === "package.json" || entry.endsWith(".d.ts") || entry === "default.project.json") continue;
			const childName = sc ? sc.name : entry;
			const child = this.fromPath(full, childName);
			if (child) node.ch!.push(child);
		}
		return node;
	}

	private isIncludeScope(_abs: string): boolean {
		return true;
	}

	fromProjectNode(node: ProjectNode, name: string, base: string): TreeNode {
		let out: TreeNode = { c: node.$className ?? "Folder", n: name, ch: [] };
		const p = typeof node.$path === "string" ? node.$path : node.$path?.optional;
		if (p !== undefined) {
			const fromDisk = this.fromPath(path.resolve(base, p), name);
			if (fromDisk) {
				out = fromDisk;
				if (node.$className) out.c = node.$className;
				out.ch ??= [];
			}
		}
		for (const [key, value] of Object.entries(node)) {
			if (key.startsWith("$")) continue;
			const child = this.fromProjectNode(value as ProjectNode, key, base);
			const existing = out.ch!.findIndex((c) => c.n === key);
			if (existing >= 0) out.ch!.splice(existing, 1);
			out.ch!.push(child);
		}
		return out;
	}

	fromProjectFile(file: string): TreeNode {
		const project = JSON.parse(fs.readFileSync(file, "utf8")) as { name: string; tree: ProjectNode };
		return this.fromProjectNode(project.tree, project.name, path.dirname(file));
	}
}

/** Reads a Rojo project file and returns its instance tree (paths relative to `root`). */
export function buildProjectTree(projectFile: string, root: string): TreeNode {
	return new TreeBuilder(root).fromProjectFile(projectFile);
}

function luauString(s: string): string {
	let out = '"';
	for (const byte of Buffer.from(s, "utf8")) {
		if (byte === 0x22) out += '\\"';
		else if (byte === 0x5c) out += "\\\\";
		else if (byte >= 0x20 && byte < 0x7f) out += String.fromCharCode(byte);
		else out += "\\" + byte.toString().padStart(3, "0");
	}
	return out + '"';
}

/** The tree as a Luau chunk that returns it as nested tables. */
export function treeToLuau(node: TreeNode): string {
	const parts: string[] = [];
	const emit = (n: TreeNode) => {
		parts.push("{c=", luauString(n.c), ",n=", luauString(n.n));
		if (n.s) parts.push(",s=", luauString(n.s));
		if (n.ch && n.ch.length > 0) {
			parts.push(",ch={");
			for (const c of n.ch) {
				emit(c);
				parts.push(",");
			}
			parts.push("}");
		}
		parts.push("}");
	};
	emit(node);
	return "return " + parts.join("");
}
