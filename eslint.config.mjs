// Lint: typescript-eslint's recommended rules, roblox-ts's rules (what the
// compiler cannot turn into Luau), and prettier's formatting left to prettier.
import tseslint from "typescript-eslint";
import robloxTs from "eslint-plugin-roblox-ts";
import prettier from "eslint-config-prettier";

export default tseslint.config(
	{
		ignores: [
			"out/**",
			"out-node/**",
			"dist/**",
			"harness/dist/**",
			"include/**",
			"node_modules/**",
			"examples/consumer/**",
			"**/*.mjs",
			"**/*.d.ts",
			"harness/node/**",
			"scripts/**",
			"harness/test/**",
		],
	},
	{
		files: [
			"src/**/*.ts",
			"components/**/*.ts",
			"systems/**/*.ts",
			"tools/**/*.ts",
			"test/**/*.ts",
			"bench/**/*.ts",
			"examples/**/*.ts",
		],
		extends: [...tseslint.configs.recommended],
		plugins: { "roblox-ts": robloxTs },
		languageOptions: {
			parserOptions: { project: ["./tsconfig.json", "./test/types/tsconfig.json"], tsconfigRootDir: import.meta.dirname },
		},
		rules: {
			...robloxTs.configs.recommended.rules,
			"@typescript-eslint/no-non-null-assertion": "off",
			"@typescript-eslint/no-namespace": "off",
			"@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
		},
	},
	// the README's snippets show whole callback signatures, used or not
	{ files: ["test/types/**/*.ts"], rules: { "@typescript-eslint/no-unused-vars": "off" } },
	prettier,
);
