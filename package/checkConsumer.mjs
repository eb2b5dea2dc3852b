// Proves the path a user takes (after `npm run build`): packs both packages
// (the library and the harness package), installs the tarballs into
// examples/consumer with `npm ci` (its lock pins every other dependency),
// compiles the consumer with its own rbxtsc and runs its specs with the
// skyrocket-test CLI it installed (`npm test` there). The consumer's specs
// decide pass or fail.
//
// --update-lock  refresh examples/consumer/package-lock.json (npm install)
//                after a package's own dependencies or version changed.
import * as fs from "node:fs";
import * as path from "node:path";
import { npm, root, since } from "./util.mjs";

const consumer = path.join(root, "examples", "consumer");
/** Each package and the tarball examples/consumer/package.json names ("file:<tarball>"). */
const PACKED = [
	{ name: "@rbxts/skyrocket", dir: root, tarball: "skyrocket.tgz" },
	{ name: "@rbxts/skyrocket-test", dir: path.join(root, "harness"), tarball: "skyrocket-test.tgz" },
];
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

const lockKey = (name) => `node_modules/${name}`;

/**
 * The lock keeps no integrity hash for the tarballs: npm would otherwise take
 * a package from its cache by that hash and install a stale build. Every
 * other dependency stays pinned by version and hash.
 */
function stripTarballIntegrity(lockPath) {
	const lock = readJson(lockPath);
	let changed = false;
	for (const { name } of PACKED) {
		const entry = lock.packages?.[lockKey(name)];
		if (entry && "integrity" in entry) {
			delete entry.integrity;
			changed = true;
		}
	}
	if (changed) fs.writeFileSync(lockPath, JSON.stringify(lock, null, 2) + "\n");
	return lock;
}

/** Drops the tarballs' entries from the lock, so npm install reads their manifests afresh. */
function forgetTarballs(lockPath) {
	if (!fs.existsSync(lockPath)) return;
	const lock = readJson(lockPath);
	for (const key of Object.keys(lock.packages ?? {})) {
		if (PACKED.some(({ name }) => key === lockKey(name) || key.startsWith(`${lockKey(name)}/`))) delete lock.packages[key];
	}
	fs.writeFileSync(lockPath, JSON.stringify(lock, null, 2) + "\n");
}

/** What the lock must agree on with a package's manifest. */
function manifestPins(entry) {
	return JSON.stringify({
		version: entry?.version,
		dependencies: entry?.dependencies ?? {},
		peerDependencies: entry?.peerDependencies ?? {},
		bin: entry?.bin ?? {},
	});
}

const totalStart = Date.now();
for (const f of ["dist/src/init.luau", "harness/dist/cli.js"]) {
	if (!fs.existsSync(path.join(root, f))) {
		console.error(`consumer check: ${f} is not built: run \`npm run build\` first`);
		process.exit(1);
	}
}

for (const p of PACKED) {
	p.files = step(`npm pack ${p.name}`, () => {
		const out = npm(["pack", "--json", "--ignore-scripts", "--pack-destination", consumer], { cwd: p.dir, capture: true });
		const [info] = JSON.parse(out.slice(out.indexOf("[")));
		fs.renameSync(path.join(consumer, info.filename), path.join(consumer, p.tarball));
		console.log(`${info.filename} -> examples/consumer/${p.tarball}: ${info.entryCount} files, ${(info.size / 1024).toFixed(0)} KB`);
		return info.files.map((f) => f.path.split(path.sep).join("/"));
	});
}

step(updateLock ? "npm install (updating the consumer's lock)" : "npm ci in examples/consumer", () => {
	const lockPath = path.join(consumer, "package-lock.json");
	if (updateLock || !fs.existsSync(lockPath)) {
		// npm install keeps an installed package, and a locked one, of the same
		// version (with its old manifest): start clean for the tarballs
		fs.rmSync(path.join(consumer, "node_modules"), { recursive: true, force: true });
		forgetTarballs(lockPath);
		npm(["install", "--no-audit", "--no-fund"], { cwd: consumer });
		stripTarballIntegrity(lockPath);
		return;
	}
	const lock = stripTarballIntegrity(lockPath);
	for (const p of PACKED) {
		const pinned = manifestPins(lock.packages?.[lockKey(p.name)]);
		const packed = manifestPins(readJson(path.join(p.dir, "package.json")));
		if (pinned !== packed) {
			throw new Error(
				`examples/consumer/package-lock.json pins ${p.name} as ${pinned}, but the package is ${packed}: ` +
					"run `npm run test:package -- --update-lock` and commit the consumer's lock",
			);
		}
	}
	npm(["ci", "--no-audit", "--no-fund"], { cwd: consumer });
});

step("check the installed packages are the tarballs", () => {
	for (const p of PACKED) {
		const installed = path.join(consumer, "node_modules", ...p.name.split("/"));
		if (fs.lstatSync(installed).isSymbolicLink()) throw new Error(`${p.name} is a symlink, not installed from its tarball`);
		for (const file of p.files) {
			if (file === "package.json") continue; // npm may normalize it
			const a = fs.readFileSync(path.join(p.dir, file));
			const b = fs.readFileSync(path.join(installed, file));
			if (!a.equals(b)) throw new Error(`installed ${p.name}/${file} differs from the build (a stale tarball?)`);
		}
		const extra = [];
		const walk = (dir, rel) => {
			for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
				const r = rel ? `${rel}/${e.name}` : e.name;
				if (e.isDirectory()) walk(path.join(dir, e.name), r);
				else if (!p.files.includes(r)) extra.push(r);
			}
		};
		walk(installed, "");
		if (extra.length > 0) throw new Error(`installed ${p.name} has files its tarball lacks: ${extra.join(", ")}`);
		const pkg = readJson(path.join(p.dir, "package.json"));
		for (const dep of Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies })) {
			if (!fs.existsSync(path.join(consumer, "node_modules", dep, "package.json")))
				throw new Error(`${dep} (for ${p.name}) is not installed in the consumer`);
		}
		console.log(`${p.name}: ${p.files.length} files match the build; its dependencies are installed`);
	}
});

step("npm test in examples/consumer (rbxtsc, then skyrocket-test)", () => {
	fs.rmSync(path.join(consumer, "out"), { recursive: true, force: true });
	npm(["test"], { cwd: consumer });
});

console.log("\nconsumer check passed");
for (const [name, seconds] of timings) console.log(`  ${seconds.padStart(5)} s  ${name}`);
console.log(`  ${since(totalStart).padStart(5)} s  total`);
