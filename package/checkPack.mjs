// Checks both npm packages before they ship (after `npm run build`):
// - each tarball (@rbxts/skyrocket, and the harness package
//   @rbxts/skyrocket-test) holds only what a user needs: every file `npm pack`
//   would include must match that package's allow-list in tarballs.mjs, none
//   may be a spec, test, bench, example or repository-only file, what
//   package.json points at (main, types, bin, exports, typesVersions) must be
//   in it, and the library ships nothing of the harness (nor luau-web);
// - the README's quick start is the consumer example's code, file for file:
//   every file quoted between `<!-- file: path -->` and `<!-- /file -->` must
//   equal that file, and every source file of examples/consumer/src must be
//   quoted (`node package/checkPack.mjs --fix-readme` rewrites the copies).
import * as fs from "node:fs";
import * as path from "node:path";
import { PACKAGES, tarballProblems } from "./tarballs.mjs";
import { packedFiles, root } from "./util.mjs";

function checkTarballs() {
	const built = ["dist/src/init.luau", "harness/dist/cli.js"].filter((f) => !fs.existsSync(path.join(root, f)));
	if (built.length > 0) throw new Error(`${built.join(", ")} not built: run \`npm run build\` first`);
	const problems = [];
	const counts = [];
	for (const spec of PACKAGES) {
		const files = packedFiles(spec.dir);
		const pkg = JSON.parse(fs.readFileSync(path.join(spec.dir, "package.json"), "utf8"));
		problems.push(...tarballProblems(spec, files, pkg));
		counts.push([spec.name, files]);
	}
	return { counts, problems };
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
const { counts, problems } = fix ? { counts: [], problems: [] } : checkTarballs();
const all = [...problems, ...readmeProblems];
for (const [name, files] of counts) {
	console.log(`${name}: ${files.length} files in the tarball`);
	if (process.argv.includes("--list")) for (const f of files) console.log(`  ${f}`);
}
if (all.length > 0) {
	for (const p of all) console.error(`  ${p}`);
	console.error(`package check failed: ${all.length} problem(s)`);
	process.exit(1);
}
console.log(
	fix
		? "README copies rewritten from the files they quote"
		: "package check passed: both tarballs and the README copies of the consumer are as they should be",
);
