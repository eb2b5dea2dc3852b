// Checks the npm package before it ships (after `npm run build`):
// - the tarball holds only what a user needs: every file `npm pack` would
//   include must match the allow-list below, none may be a spec, test, bench,
//   example or harness-internal file, and what package.json points at
//   (main, types, bin, exports, typesVersions) must be in it;
// - the README's quick start is the consumer example's code, file for file:
//   every file quoted between `<!-- file: path -->` and `<!-- /file -->` must
//   equal that file, and every source file of examples/consumer/src must be
//   quoted (`node package/checkPack.mjs --fix-readme` rewrites the copies).
import * as fs from "node:fs";
import * as path from "node:path";
import { packedFiles, root } from "./util.mjs";

/** Everything the tarball may hold. */
const ALLOWED = [
	/^package\.json$/,
	/^README\.md$/,
	/^LICENSE(\.md)?$/,
	/^dist\/(src|components|systems|tools)\/([\w-]+\/)*[\w-]+\.(luau|d\.ts)$/, // the library
	/^dist\/harness\/(init\.luau|index\.d\.ts)$/, // what specs import: "@rbxts/skyrocket/harness"
	/^dist\/harness\/node\/[\w-]+\.(js|d\.ts)$/, // runSpecs API, skyrocket-test CLI and their host
	/^dist\/harness\/luau\/[\w-]+\.luau$/, // the Roblox emulation loaded into the Luau VM
	/^dist\/harness\/luau\/default\.project\.json$/, // keeps it out of a user's Rojo place
];

/** Never shipped, whatever the allow-list says (named so a failure says why). */
const FORBIDDEN = [
	[/(^|\/)test\//, "a test file"],
	[/(^|\/)specs?\//, "a spec folder"],
	[/\.spec\.[\w.]+$/, "a spec"],
	[/(^|\/)bench\//, "a bench file"],
	[/(^|\/)examples?\//, "an example"],
	[/(^|\/)(runTests|runBench|runDemo)\.(js|d\.ts)$/, "a repository-only harness entry point"],
	[/(^|\/)checks\//, "a harness self-check"],
	[/(^|\/)node_modules\//, "a dependency's file"],
	[/(^|\/)out(-node)?\//, "a build folder of the repository"],
	[/\.tsbuildinfo$|\.map$|\.tgz$/, "a build by-product"],
	[/(?<!\.d)\.tsx?$/, "TypeScript source (only .d.ts ships)"],
];

/** Files that must be in the tarball besides what package.json points at. */
const REQUIRED = [
	"package.json",
	"README.md",
	"dist/harness/luau/Boot.luau",
	"dist/harness/luau/TestRunner.luau",
	"dist/harness/luau/default.project.json",
];

function checkTarball() {
	if (!fs.existsSync(path.join(root, "dist", "src", "init.luau"))) {
		throw new Error("dist/ is not built: run `npm run build` first");
	}
	const files = packedFiles();
	const problems = [];
	for (const file of files) {
		const forbidden = FORBIDDEN.find(([re]) => re.test(file));
		if (forbidden) problems.push(`${file}: ${forbidden[1]} must not ship`);
		else if (!ALLOWED.some((re) => re.test(file))) problems.push(`${file}: not in the package allow-list (package/checkPack.mjs)`);
	}
	const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
	const targets = [pkg.main, pkg.types, ...Object.values(pkg.bin ?? {})];
	const walk = (v) => (typeof v === "string" ? targets.push(v) : v && Object.values(v).forEach(walk));
	walk(pkg.exports);
	walk(pkg.typesVersions);
	for (const target of new Set([...targets.map((t) => t.replace(/^\.\//, "")), ...REQUIRED])) {
		if (!files.includes(target)) problems.push(`${target}: package.json points at it (or the harness needs it) but the tarball lacks it`);
	}
	for (const dep of ["luau-web"]) {
		if (!pkg.dependencies?.[dep]) problems.push(`package.json: ${dep} must be a dependency (the harness runs on it)`);
	}
	return { files, problems };
}

// README quick start = the consumer example's code ------------------------------

/** A file quoted in the README: `<!-- file: path -->`, a ts code block, `<!-- /file -->`. */
const MARK = /<!-- file: (\S+) -->\n```ts\n([\s\S]*?)```\n<!-- \/file -->/g;
const CONSUMER_SRC = "examples/consumer/src";

function listSources(dir) {
	const out = [];
	for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
		const rel = `${dir}/${entry.name}`;
		if (entry.isDirectory()) out.push(...listSources(rel));
		else if (entry.name.endsWith(".ts")) out.push(rel);
	}
	return out.sort();
}

function checkReadme(fix) {
	const readmePath = path.join(root, "README.md");
	let readme = fs.readFileSync(readmePath, "utf8");
	const problems = [];
	const quoted = new Set();
	readme = readme.replace(MARK, (block, file, code) => {
		quoted.add(file);
		const full = path.join(root, file);
		if (!fs.existsSync(full)) {
			problems.push(`README quotes ${file}, which does not exist`);
			return block;
		}
		const source = fs.readFileSync(full, "utf8").replace(/\r\n/g, "\n");
		const wanted = source.endsWith("\n") ? source : source + "\n";
		if (code !== wanted) {
			if (fix) return `<!-- file: ${file} -->\n\`\`\`ts\n${wanted}\`\`\`\n<!-- /file -->`;
			problems.push(`README's copy of ${file} differs from the file (run \`node package/checkPack.mjs --fix-readme\`)`);
		}
		return block;
	});
	for (const file of listSources(CONSUMER_SRC)) {
		if (!quoted.has(file)) problems.push(`README quick start does not include ${file}`);
	}
	if (fix) fs.writeFileSync(readmePath, readme);
	return problems;
}

const fix = process.argv.includes("--fix-readme");
const readmeProblems = checkReadme(fix);
const { files, problems } = fix ? { files: [], problems: [] } : checkTarball();
const all = [...problems, ...readmeProblems];
if (!fix) {
	console.log(`package: ${files.length} files in the tarball`);
	if (process.argv.includes("--list")) for (const f of files) console.log(`  ${f}`);
}
if (all.length > 0) {
	for (const p of all) console.error(`  ${p}`);
	console.error(`package check failed: ${all.length} problem(s)`);
	process.exit(1);
}
console.log(fix ? "README copies rewritten from the files they quote" : "package check passed: tarball contents and README copies of the consumer are as they should be");
