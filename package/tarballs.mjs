// What each of this repository's two npm packages may, must and must not ship
// (checked by checkPack.mjs on the files `npm pack` would include).
import * as path from "node:path";
import { root } from "./util.mjs";

/** The library's runtime dependencies: the only ones a game's place receives. */
const RUNTIME = ["@rbxts/jecs", "@rbxts/services", "@rbxts/t"];

/** Never shipped by either package (named so a failure says why). */
const NEVER = [
	[/(^|\/)specs?\//, "a spec folder"],
	[/\.spec\.[\w.]+$/, "a spec"],
	[/(^|\/)fixtures?\//, "a test fixture"],
	[/(^|\/)bench\//, "a bench file"],
	[/(^|\/)examples?\//, "an example"],
	[/(^|\/)scripts\//, "a repository-only runner"],
	[/(^|\/)(runTests|runBench|runDemo)\.[\w.]+$/, "a repository-only runner"],
	[/(^|\/)node_modules\//, "a dependency's file"],
	[/(^|\/)out(-node)?\//, "a build folder of the repository"],
	[/(^|\/)tsconfig[\w.]*\.json$/, "a build configuration"],
	[/\.tsbuildinfo$|\.map$|\.tgz$/, "a build by-product"],
	[/(?<!\.d)\.tsx?$/, "TypeScript source (only .d.ts ships)"],
];

export const PACKAGES = [
	{
		name: "@rbxts/skyrocket",
		dir: root,
		allowed: [
			/^package\.json$/,
			/^README\.md$/,
			/^LICENSE(\.md)?$/,
			/^dist\/(src|components|systems|tools)\/([\w-]+\/)*[\w-]+\.(luau|d\.ts)$/, // the library
		],
		forbidden: [
			...NEVER,
			[/(^|\/)test\//, "a test file"],
			[/harness|luau-web|skyrocket-test/i, "part of the harness package (@rbxts/skyrocket-test)"],
		],
		required: ["package.json", "README.md", "LICENSE", "dist/src/init.luau", "dist/src/index.d.ts"],
		checkManifest(pkg, problems) {
			for (const dep of Object.keys(pkg.dependencies ?? {})) {
				if (!RUNTIME.includes(dep))
					problems.push(`package.json: ${dep} must not be a dependency (only ${RUNTIME.join(", ")} reach a place)`);
			}
			if (!pkg.peerDependencies?.["@rbxts/jecs"])
				problems.push("package.json: @rbxts/jecs must be a peerDependency (a game and Skyrocket share one jecs)");
			if (pkg.dependencies?.["@rbxts/jecs"]) problems.push("package.json: @rbxts/jecs must be a peerDependency, not a dependency");
			if (pkg.bin) problems.push("package.json: the library has no bin (skyrocket-test is the harness package's)");
		},
	},
	{
		name: "@rbxts/skyrocket-test",
		dir: path.join(root, "harness"),
		allowed: [
			/^package\.json$/,
			/^README\.md$/,
			/^LICENSE(\.md)?$/,
			/^default\.project\.json$/, // Rojo: only src/ enters a place
			/^src\/(init\.luau|[\w-]+\.d\.ts)$/, // what specs import: "@rbxts/skyrocket-test"
			/^luau\/([\w-]+\/)*[\w-]+\.luau$/, // the Roblox emulation loaded into the Luau VM
			/^dist\/[\w-]+\.(js|d\.ts)$/, // runSpecs API, skyrocket-test CLI and their host
		],
		forbidden: [...NEVER, [/^test\//, "the harness's own checks"], [/^node\//, "the Node side's sources (dist/ ships)"]],
		required: [
			"package.json",
			"README.md",
			"LICENSE",
			"default.project.json",
			"src/init.luau",
			"src/index.d.ts",
			"src/LinkOptions.d.ts",
			"luau/Boot.luau",
			"luau/TestRunner.luau",
			"dist/cli.js",
			"dist/index.js",
			"dist/index.d.ts",
		],
		checkManifest(pkg, problems) {
			if (!pkg.dependencies?.["luau-web"]) problems.push("package.json: luau-web must be a dependency (the harness runs on it)");
			if (pkg.bin?.["skyrocket-test"] !== "dist/cli.js") problems.push("package.json: bin skyrocket-test must be dist/cli.js");
			for (const dep of Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies })) {
				if (dep.startsWith("@rbxts/"))
					problems.push(`package.json: ${dep}: the harness depends on no roblox-ts package (a game brings its own)`);
			}
		},
	},
];

/** Problems with one package's tarball (`files`: what npm pack would include). */
export function tarballProblems(spec, files, pkg) {
	const problems = [];
	for (const file of files) {
		const forbidden = spec.forbidden.find(([re]) => re.test(file));
		if (forbidden) problems.push(`${file}: ${forbidden[1]} must not ship`);
		else if (!spec.allowed.some((re) => re.test(file))) problems.push(`${file}: not in the package allow-list (package/tarballs.mjs)`);
	}
	const targets = [pkg.main, pkg.types, ...Object.values(pkg.bin ?? {})];
	const walk = (v) => (typeof v === "string" ? targets.push(v) : v && Object.values(v).forEach(walk));
	walk(pkg.exports);
	walk(pkg.typesVersions);
	for (const target of new Set([...targets.filter(Boolean).map((t) => t.replace(/^\.\//, "")), ...spec.required])) {
		if (!files.includes(target))
			problems.push(`${target}: package.json points at it (or the package needs it) but the tarball lacks it`);
	}
	spec.checkManifest(pkg, problems);
	return problems.map((p) => `${spec.name}: ${p}`);
}
