// Helpers shared by the package scripts (build.mjs, checkPack.mjs, checkConsumer.mjs).
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root. */
export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/**
 * Runs npm with `args` in `cwd`: the npm that runs this script when started
 * by an npm script (npm_execpath), else the npm on PATH.
 */
export function npm(args, { cwd = root, capture = false } = {}) {
	const execPath = process.env.npm_execpath;
	const stdio = capture ? ["ignore", "pipe", "inherit"] : "inherit";
	if (execPath && /\.c?js$/.test(execPath)) {
		return execFileSync(process.execPath, [execPath, ...args], { cwd, stdio, encoding: "utf8", maxBuffer: 64 << 20 });
	}
	const win = process.platform === "win32";
	return execFileSync(win ? "npm.cmd" : "npm", args, { cwd, stdio, encoding: "utf8", shell: win, maxBuffer: 64 << 20 });
}

/** Files `npm pack` would put in the tarball of the package in `dir`, as package-relative paths with forward slashes, sorted. */
export function packedFiles(dir = root) {
	const out = npm(["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: dir, capture: true });
	const info = JSON.parse(out.slice(out.indexOf("[")));
	return info[0].files.map((f) => f.path.split(path.sep).join("/")).sort();
}

/** Seconds since `started` (a Date.now()), one decimal. */
export function since(started) {
	return ((Date.now() - started) / 1000).toFixed(1);
}
