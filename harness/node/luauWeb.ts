// Loads luau-web with its WebAssembly memory allowed to grow. The published
// build is compiled with a fixed 17 MB heap, too small for a server and many
// clients with thousands of entities. At first use we write a patched copy of
// the package (never committed, rebuilt when the package changes): the wasm
// memory section loses its maximum, and the heap-resize hook grows the memory
// instead of aborting.
import * as fs from "node:fs";
import * as path from "node:path";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

type LuauWebModule = typeof import("luau-web");

function readLeb(buf: Buffer, pos: number): [number, number] {
	let result = 0;
	let shift = 0;
	for (;;) {
		const byte = buf[pos++];
		result += (byte & 0x7f) * 2 ** shift;
		if ((byte & 0x80) === 0) return [result, pos];
		shift += 7;
	}
}

function writeLeb(n: number): number[] {
	const out: number[] = [];
	do {
		let byte = n % 128;
		n = Math.floor(n / 128);
		if (n > 0) byte |= 0x80;
		out.push(byte);
	} while (n > 0);
	return out;
}

/** Rewrites the wasm memory section so the memory has no maximum. */
export function unboundMemory(wasm: Buffer): Buffer {
	let pos = 8; // magic + version
	while (pos < wasm.length) {
		const id = wasm[pos];
		const [size, body] = readLeb(wasm, pos + 1);
		if (id === 5) {
			let p = body;
			const [count, afterCount] = readLeb(wasm, p);
			p = afterCount;
			const entries: number[] = [];
			for (let i = 0; i < count; i++) {
				const flags = wasm[p++];
				const [initial, afterInitial] = readLeb(wasm, p);
				p = afterInitial;
				if (flags & 1) p = readLeb(wasm, p)[1];
				entries.push(...[0x00, ...writeLeb(initial)]);
			}
			const content = Buffer.from([...writeLeb(count), ...entries]);
			return Buffer.concat([
				wasm.subarray(0, pos),
				Buffer.from([5, ...writeLeb(content.length)]),
				content,
				wasm.subarray(body + size),
			]);
		}
		pos = body + size;
	}
	throw new Error("luau-web: no memory section found in the wasm binary");
}

const GROW_HOOK =
	"_emscripten_resize_heap=requestedSize=>{var oldSize=HEAPU8.length;requestedSize>>>=0;" +
	"var target=Math.max(requestedSize,Math.ceil(oldSize*1.5));" +
	"try{wasmMemory.grow(Math.ceil((target-oldSize)/65536));updateMemoryViews();return 1}catch(e){" +
	"try{wasmMemory.grow(Math.ceil((requestedSize-oldSize)/65536));updateMemoryViews();return 1}catch(e2){return 0}}}";

function patchGlue(source: string): string {
	const m = source.match(/base64Decode\("([A-Za-z0-9+/=]+)"\)/);
	if (!m) throw new Error("luau-web: embedded wasm not found (package layout changed?)");
	const wasm = unboundMemory(Buffer.from(m[1], "base64"));
	let out = source.replace(m[1], wasm.toString("base64"));
	const hook = /_emscripten_resize_heap=requestedSize=>\{[^}]*abortOnCannotGrowMemory\(requestedSize\)\}/;
	if (!hook.test(out)) throw new Error("luau-web: heap resize hook not found (package layout changed?)");
	out = out.replace(hook, GROW_HOOK);
	return out;
}

/** Imports luau-web from a patched copy kept in `cacheDir`. */
export async function loadLuauWeb(cacheDir: string): Promise<LuauWebModule> {
	const require = createRequire(import.meta.url);
	const pkgJson = require.resolve("luau-web/package.json");
	const srcDir = path.join(path.dirname(pkgJson), "src");
	const version = JSON.parse(fs.readFileSync(pkgJson, "utf8")).version as string;
	const target = path.join(cacheDir, `luau-web-${version}-growable`);
	const marker = path.join(target, ".patched");
	if (!fs.existsSync(marker)) {
		// written aside, then renamed: runs started together never see half a copy
		const staging = `${target}.${process.pid}.tmp`;
		fs.rmSync(staging, { recursive: true, force: true });
		fs.mkdirSync(path.join(staging, "lib"), { recursive: true });
		fs.writeFileSync(path.join(staging, "package.json"), JSON.stringify({ type: "module" }));
		for (const file of fs.readdirSync(srcDir)) {
			if (file.endsWith(".js") || file.endsWith(".d.ts")) fs.copyFileSync(path.join(srcDir, file), path.join(staging, file));
		}
		for (const file of fs.readdirSync(path.join(srcDir, "lib"))) {
			const text = fs.readFileSync(path.join(srcDir, "lib", file), "utf8");
			fs.writeFileSync(path.join(staging, "lib", file), file.includes("Asyncify") ? patchGlue(text) : text);
		}
		fs.writeFileSync(path.join(staging, ".patched"), version);
		if (!fs.existsSync(marker)) fs.rmSync(target, { recursive: true, force: true }); // a partial copy
		try {
			fs.renameSync(staging, target);
		} catch (err) {
			fs.rmSync(staging, { recursive: true, force: true });
			if (!fs.existsSync(marker)) throw err;
		}
	}
	return (await import(pathToFileURL(path.join(target, "index.js")).href)) as LuauWebModule;
}
