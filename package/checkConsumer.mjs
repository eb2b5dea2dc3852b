// Proves the path a user takes (after `npm run build`): packs the package,
// installs the tarball into examples/consumer with `npm ci` (its lock pins
// every other dependency), compiles the consumer with its own rbxtsc and runs
// its specs with the skyrocket-test CLI it installed (`npm test` there). The
// consumer's specs decide pass or fail.
//
// --update-lock  refresh examples/consumer/package-lock.json (npm install)
//                after the package's own dependencies or version changed.
import * as fs from "node:fs";
import * as path from "node:path";
import { npm, root, since } from "./util.mjs";

const consumer = path.join(root, "examples", "consumer");
const TARBALL = "skyrocket.tgz"; // examples/consumer/package.json: "@rbxts/skyrocket": "file:skyrocket.tgz"
const LOCK_KEY = "node_modules/@rbxts/skyrocket";
const updateLock = process.argv.includes("--update-lock");
const timings = [];

function step(name, fn) {
	const started = Date.now();
	console.log(`\n== ${name}`);
	let result;
	try {
		result = fn();
	} catch (err) {
		// a failed command has printed its own output; say which step failed and stop
		console.error(`\nconsumer check failed at "${name}": ${err.status !== undefined ? `exit code ${err.status}` : err.message}`);
		process.exit(1);
	}
	timings.push([name, since(started)]);
	return result;
}

function readJson(file) {
	return JSON.parse(fs.readFileSync(file, "utf8"));
}

/**
 * The lock keeps no integrity hash for the tarball: npm would otherwise take
 * the package from its cache by that hash and install a stale build. Every
 * other dependency stays pinned by version and hash.
 */
function stripTarballIntegrity(lockPath) {
	const lock = readJson(lockPath);
	const entry = lock.packages?.[LOCK_KEY];
	if (entry && "integrity" in entry) {
		delete entry.integrity;
		fs.writeFileSync(lockPath, JSON.stringify(lock, null, 2) + "\n");
	}
	return entry;
}

const totalStart = Date.now();
const pkg = readJson(path.join(root, "package.json"));
if (!fs.existsSync(path.join(root, "dist", "src", "init.luau"))) {
	console.error("consumer check: dist/ is not built: run `npm run build` first");
	process.exit(1);
}

const packed = step("npm pack", () => {
	const out = npm(["pack", "--json", "--ignore-scripts", "--pack-destination", consumer], { capture: true });
	const [info] = JSON.parse(out.slice(out.indexOf("[")));
	fs.renameSync(path.join(consumer, info.filename), path.join(consumer, TARBALL));
	console.log(`${info.filename} -> examples/consumer/${TARBALL}: ${info.entryCount} files, ${(info.size / 1024).toFixed(0)} KB`);
	return info.files.map((f) => f.path.split(path.sep).join("/"));
});

step(updateLock ? "npm install (updating the consumer's lock)" : "npm ci in examples/consumer", () => {
	const lockPath = path.join(consumer, "package-lock.json");
	if (updateLock || !fs.existsSync(lockPath)) {
		// npm install keeps an installed package of the same version: start clean
		fs.rmSync(path.join(consumer, "node_modules"), { recursive: true, force: true });
		npm(["install", "--no-audit", "--no-fund"], { cwd: consumer });
		stripTarballIntegrity(lockPath);
		return;
	}
	const entry = stripTarballIntegrity(lockPath);
	const pinned = JSON.stringify({ version: entry?.version, dependencies: entry?.dependencies ?? {} });
	const packedMeta = JSON.stringify({ version: pkg.version, dependencies: pkg.dependencies ?? {} });
	if (pinned !== packedMeta) {
		throw new Error(
			`examples/consumer/package-lock.json pins @rbxts/skyrocket as ${pinned}, but the package is ${packedMeta}: ` +
				"run `npm run test:package -- --update-lock` and commit the consumer's lock",
		);
	}
	npm(["ci", "--no-audit", "--no-fund"], { cwd: consumer });
});

step("check the installed package is the tarball", () => {
	const installed = path.join(consumer, "node_modules", "@rbxts", "skyrocket");
	if (fs.lstatSync(installed).isSymbolicLink()) throw new Error("@rbxts/skyrocket is a symlink, not installed from the tarball");
	for (const file of packed) {
		if (file === "package.json") continue; // npm may normalize it
		const a = fs.readFileSync(path.join(root, file));
		const b = fs.readFileSync(path.join(installed, file));
		if (!a.equals(b)) throw new Error(`installed ${file} differs from the build (a stale tarball?)`);
	}
	const extra = [];
	const walk = (dir, rel) => {
		for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
			const r = rel ? `${rel}/${e.name}` : e.name;
			if (e.isDirectory()) walk(path.join(dir, e.name), r);
			else if (!packed.includes(r)) extra.push(r);
		}
	};
	walk(installed, "");
	if (extra.length > 0) throw new Error(`installed package has files the tarball lacks: ${extra.join(", ")}`);
	for (const dep of Object.keys(pkg.dependencies)) {
		if (!fs.existsSync(path.join(consumer, "node_modules", dep, "package.json"))) throw new Error(`${dep} is not installed in the consumer`);
	}
	console.log(`${packed.length} files match the build; dependencies installed in the consumer`);
});

step("npm test in examples/consumer (rbxtsc, then skyrocket-test)", () => {
	fs.rmSync(path.join(consumer, "out"), { recursive: true, force: true });
	npm(["test"], { cwd: consumer });
});

console.log("\nconsumer check passed");
for (const [name, seconds] of timings) console.log(`  ${seconds.padStart(5)} s  ${name}`);
console.log(`  ${since(totalStart).padStart(5)} s  total`);
