// Fails (exit 1) when a code block the README quotes from a type-checked file
// differs from it: README.md's `<!-- snippet: <file>#<region> -->` blocks
// must equal the lines between `// #region <region>` and `// #endregion` in
// that file (dedented). The files (test/types/) are type-checked by
// `npm test`, so the README's code compiles. `--fix` rewrites the copies.
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const MARK = /<!-- snippet: (\S+?)#(\S+) -->\n```ts\n([\s\S]*?)```\n<!-- \/snippet -->/g;

/** The region's lines, without their common indentation, ending in a newline. */
function region(file, name) {
	const lines = fs.readFileSync(path.join(root, file), "utf8").replace(/\r\n/g, "\n").split("\n");
	const start = lines.findIndex((l) => l.trim() === `// #region ${name}`);
	if (start < 0) return undefined;
	const end = lines.findIndex((l, i) => i > start && l.trim() === "// #endregion");
	const body = lines.slice(start + 1, end);
	const indent = Math.min(...body.filter((l) => l.trim() !== "").map((l) => l.match(/^\t*/)[0].length));
	return body.map((l) => l.slice(indent)).join("\n") + "\n";
}

const fix = process.argv.includes("--fix");
const readmePath = path.join(root, "README.md");
const problems = [];
let count = 0;
const readme = fs.readFileSync(readmePath, "utf8").replace(MARK, (block, file, name, code) => {
	count += 1;
	const wanted = fs.existsSync(path.join(root, file)) ? region(file, name) : undefined;
	if (wanted === undefined) {
		problems.push(`README quotes ${file}#${name}, which does not exist`);
		return block;
	}
	if (code === wanted) return block;
	if (fix) return `<!-- snippet: ${file}#${name} -->\n\`\`\`ts\n${wanted}\`\`\`\n<!-- /snippet -->`;
	problems.push(`README's copy of ${file}#${name} differs from the file (run \`node scripts/checkSnippets.mjs --fix\`)`);
	return block;
});
if (fix) fs.writeFileSync(readmePath, readme);
if (problems.length > 0) {
	for (const p of problems) console.error(p);
	process.exit(1);
}
console.log(`README snippets: ${count} match their type-checked files`);
