/**
 * `codec.json()`: any JSON-able value as length-prefixed JSON text (RFC 8259), written and parsed
 * by a small pure encoder here (no HttpService). Numbers round-trip exactly (shortest of %.15g,
 * %.16g and %.17g that reads back the same double); decoding is strict: malformed text, trailing
 * bytes, nulls inside tables, duplicate keys, invalid UTF-8, over the length or depth cap all
 * fail with a CodecError.
 */
import { Codec, describe, identity } from "./codec";
import * as C from "./cursor";
import { ARRAY, deepEquals, shapeOf } from "./tables";

/** A non-nil JSON value: a boolean, finite number, UTF-8 string, or an array or string-keyed map of them. */
export type JsonData = boolean | number | string | JsonData[] | { [key: string]: JsonData };
/** A value `codec.json()` carries: nil (JSON null at the top level only) or {@link JsonData}. */
export type JsonValue = JsonData | undefined;

/** Options of `codec.json()`. */
export interface JsonOptions {
	/** Most bytes of JSON text (default 4096, see DEFAULT_JSON_LENGTH); longer values are refused by validate and on decode. */
	maxLength?: number;
	/** Deepest nesting of tables (default 16); deeper values are refused by validate and on decode. */
	maxDepth?: number;
}

/** Default cap of `codec.json()`'s text, in bytes. */
export const DEFAULT_JSON_LENGTH = 4096;
/** Default nesting cap of `codec.json()` and `codec.dynamic()`. */
export const DEFAULT_MAX_DEPTH = 16;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const ESCAPES: { [c: string]: string } = { '"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f" };

function escapeChar(c: string): string {
	return ESCAPES[c] ?? string.format("\\u%04x", c.byte()[0]);
}

function writeText(w: C.Writer, s: string) {
	const len = s.size();
	C.reserve(w, len);
	buffer.writestring(w.b, w.p, s, len);
	w.p += len;
}

/** The shortest of %.15g/%.16g/%.17g that reads back as exactly `v` (-0 included). */
export function numberText(v: number): string {
	if (v === 0) return 1 / v < 0 ? "-0" : "0";
	for (const format of ["%.15g", "%.16g"]) {
		const s = string.format(format, v);
		if (tonumber(s) === v) return s;
	}
	return string.format("%.17g", v);
}

/** Whether `s` is valid UTF-8, the only text JSON carries. */
function isUtf8(s: string): boolean {
	const [n] = utf8.len(s);
	return typeIs(n, "number");
}

/**
 * Appends the JSON text of `v` to `w`; returns why it cannot (stopping early), or undefined.
 * Stops as soon as the text passes `cap` bytes, so validating a huge value costs at most the cap.
 */
function encodeValue(w: C.Writer, v: unknown, depth: number, maxDepth: number, cap: number, path: Set<object>): string | undefined {
	if (w.p > cap) return `json text exceeds its limit of ${cap} bytes: raise maxLength or send less`;
	if (v === undefined) {
		writeText(w, "null");
	} else if (v === true) {
		writeText(w, "true");
	} else if (v === false) {
		writeText(w, "false");
	} else if (typeIs(v, "number")) {
		if (v !== v || v === math.huge || v === -math.huge)
			return `json cannot encode ${describe(v)}: JSON has no NaN or infinity; use codec.dynamic() or codec.f64()`;
		writeText(w, numberText(v));
	} else if (typeIs(v, "string")) {
		if (w.p + v.size() > cap) return `json text exceeds its limit of ${cap} bytes: raise maxLength or send less`;
		if (!isUtf8(v)) return `json cannot encode a string that is not valid UTF-8: use codec.dynamic() or codec.bytes() for binary data`;
		C.writeU8(w, QUOTE);
		writeText(w, v.find('[%c"\\]')[0] === undefined ? v : v.gsub('[%c"\\]', escapeChar)[0]);
		C.writeU8(w, QUOTE);
	} else if (typeOf(v) === "table") {
		// typeOf, not typeIs: emulated Roblox datatypes are tables underneath
		if (path.has(v as object)) return `json cannot encode a table that contains itself (a cycle)`;
		if (depth >= maxDepth) return `json value nests deeper than ${maxDepth} tables: raise maxDepth or flatten it`;
		const shape = shapeOf("json", v as object);
		if (typeIs(shape, "string")) return shape;
		path.add(v as object);
		const t = v as unknown as Map<unknown, unknown>;
		if (shape[0] === ARRAY) {
			C.writeU8(w, 0x5b); // [
			for (let i = 1; i <= shape[1]; i++) {
				if (i > 1) C.writeU8(w, 0x2c); // ,
				const err = encodeValue(w, t.get(i), depth + 1, maxDepth, cap, path);
				if (err !== undefined) return `[${i - 1}]: ${err}`;
			}
			C.writeU8(w, 0x5d); // ]
		} else {
			const keys: string[] = [];
			for (const [k] of t) keys.push(k as string);
			keys.sort();
			C.writeU8(w, 0x7b); // {
			for (let i = 0; i < keys.size(); i++) {
				const k = keys[i];
				if (i > 0) C.writeU8(w, 0x2c); // ,
				const keyErr = encodeValue(w, k, depth, maxDepth, cap, path);
				if (keyErr !== undefined) return `key ${describe(k)}: ${keyErr}`;
				C.writeU8(w, 0x3a); // :
				const err = encodeValue(w, t.get(k), depth + 1, maxDepth, cap, path);
				if (err !== undefined) return `[${describe(k)}]: ${err}`;
			}
			C.writeU8(w, 0x7d); // }
		}
		path.delete(v as object);
	} else if (typeOf(v) === "Instance") {
		return `json cannot encode an Instance (${tostring(v)}): send an id or a name instead`;
	} else {
		return `json cannot encode a ${typeOf(v)}: it carries nil, booleans, finite numbers, strings, arrays and string-keyed maps; use codec.dynamic() for Roblox types`;
	}
	if (w.p > cap) return `json text exceeds its limit of ${cap} bytes: raise maxLength or send less`;
	return undefined;
}

/** A JSON parser over bytes [r.p, end) of a reader. */
interface Parser {
	b: buffer;
	p: number;
	end: number;
	maxDepth: number;
}

function peek(s: Parser): number {
	if (s.p >= s.end) C.fail(`json: text ends early at byte ${s.p}`);
	return buffer.readu8(s.b, s.p);
}

function skipSpace(s: Parser) {
	while (s.p < s.end) {
		const c = buffer.readu8(s.b, s.p);
		if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return;
		s.p += 1;
	}
}

function expectWord(s: Parser, word: string) {
	const n = word.size();
	if (s.p + n > s.end || buffer.readstring(s.b, s.p, n) !== word) C.fail(`json: expected ${word} at byte ${s.p}`);
	s.p += n;
}

function isDigit(c: number) {
	return c >= 0x30 && c <= 0x39;
}

function digits(s: Parser): number {
	const start = s.p;
	while (s.p < s.end && isDigit(buffer.readu8(s.b, s.p))) s.p += 1;
	if (s.p === start) C.fail(`json: expected a digit at byte ${s.p}`);
	return s.p - start;
}

function parseNumber(s: Parser): number {
	const start = s.p;
	if (peek(s) === 0x2d) s.p += 1; // -
	if (peek(s) === 0x30) s.p += 1; // a leading 0 stands alone
	else digits(s);
	if (s.p < s.end && buffer.readu8(s.b, s.p) === 0x2e) {
		s.p += 1;
		digits(s);
	}
	if (s.p < s.end && (buffer.readu8(s.b, s.p) === 0x65 || buffer.readu8(s.b, s.p) === 0x45)) {
		s.p += 1;
		const sign = peek(s);
		if (sign === 0x2b || sign === 0x2d) s.p += 1;
		digits(s);
	}
	const v = tonumber(buffer.readstring(s.b, start, s.p - start));
	if (v === undefined || v === math.huge || v === -math.huge) C.fail(`json: number at byte ${start} is out of range`);
	return v;
}

function hex4(s: Parser): number {
	if (s.p + 4 > s.end) C.fail(`json: truncated \\u escape at byte ${s.p}`);
	const v = tonumber(buffer.readstring(s.b, s.p, 4), 16);
	for (let i = 0; i < 4; i++) {
		const c = buffer.readu8(s.b, s.p + i);
		if (!(isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66))) C.fail(`json: bad \\u escape at byte ${s.p}`);
	}
	s.p += 4;
	return v!;
}

const SIMPLE_ESCAPES: { [c: number]: string } = { 0x22: '"', 0x5c: "\\", 0x2f: "/", 0x62: "\b", 0x66: "\f", 0x6e: "\n", 0x72: "\r", 0x74: "\t" };

function parseString(s: Parser): string {
	s.p += 1; // opening quote
	let parts: string[] | undefined;
	let run = s.p;
	for (;;) {
		const c = peek(s);
		if (c === QUOTE) break;
		if (c < 0x20) C.fail(`json: raw control byte ${c} in a string at byte ${s.p}`);
		if (c !== BACKSLASH) {
			s.p += 1;
			continue;
		}
		parts = parts ?? [];
		parts.push(buffer.readstring(s.b, run, s.p - run));
		s.p += 1;
		const e = peek(s);
		s.p += 1;
		const simple = SIMPLE_ESCAPES[e];
		if (simple !== undefined) {
			parts.push(simple);
		} else if (e === 0x75) {
			let cp = hex4(s);
			if (cp >= 0xdc00 && cp <= 0xdfff) C.fail(`json: lone low surrogate at byte ${s.p - 6}`);
			if (cp >= 0xd800 && cp <= 0xdbff) {
				if (s.p + 2 > s.end || buffer.readu8(s.b, s.p) !== BACKSLASH || buffer.readu8(s.b, s.p + 1) !== 0x75)
					C.fail(`json: high surrogate without its low half at byte ${s.p - 6}`);
				s.p += 2;
				const low = hex4(s);
				if (low < 0xdc00 || low > 0xdfff) C.fail(`json: high surrogate without its low half at byte ${s.p - 12}`);
				cp = 0x10000 + (cp - 0xd800) * 0x400 + (low - 0xdc00);
			}
			parts.push(utf8.char(cp));
		} else {
			C.fail(`json: unknown escape \\${string.char(e)} at byte ${s.p - 2}`);
		}
		run = s.p;
	}
	const tail = buffer.readstring(s.b, run, s.p - run);
	s.p += 1; // closing quote
	const out = parts === undefined ? tail : parts.join("") + tail;
	if (!isUtf8(out)) C.fail(`json: string before byte ${s.p} is not valid UTF-8`);
	return out;
}

function parseValue(s: Parser, depth: number): JsonValue {
	skipSpace(s);
	const c = peek(s);
	if (c === QUOTE) return parseString(s);
	if (c === 0x2d || isDigit(c)) return parseNumber(s);
	if (c === 0x74) {
		expectWord(s, "true");
		return true;
	}
	if (c === 0x66) {
		expectWord(s, "false");
		return false;
	}
	if (c === 0x6e) {
		expectWord(s, "null");
		return undefined;
	}
	if (c !== 0x5b && c !== 0x7b) C.fail(`json: unexpected byte ${c} at ${s.p}`);
	if (depth >= s.maxDepth) C.fail(`json: nests deeper than ${s.maxDepth} tables at byte ${s.p}`);
	s.p += 1;
	skipSpace(s);
	if (c === 0x5b) {
		const out: JsonData[] = [];
		if (peek(s) === 0x5d) {
			s.p += 1;
			return out;
		}
		for (;;) {
			const at = s.p;
			const v = parseValue(s, depth + 1);
			// a null element would be a nil hole: encode never writes one
			if (v === undefined) C.fail(`json: null inside an array at byte ${at}`);
			out.push(v);
			skipSpace(s);
			const sep = peek(s);
			s.p += 1;
			if (sep === 0x5d) return out;
			if (sep !== 0x2c) C.fail(`json: expected , or ] at byte ${s.p - 1}`);
		}
	}
	const out = new Map<string, JsonValue>();
	if (peek(s) === 0x7d) {
		s.p += 1;
		return out as unknown as JsonValue;
	}
	for (;;) {
		skipSpace(s);
		if (peek(s) !== QUOTE) C.fail(`json: expected a string key at byte ${s.p}`);
		const at = s.p;
		const key = parseString(s);
		if (out.has(key)) C.fail(`json: duplicate key ${describe(key)} at byte ${at}`);
		skipSpace(s);
		if (peek(s) !== 0x3a) C.fail(`json: expected : at byte ${s.p}`);
		s.p += 1;
		const v = parseValue(s, depth + 1);
		if (v === undefined) C.fail(`json: null member ${describe(key)} at byte ${at}: encode leaves nil members out`);
		out.set(key, v);
		skipSpace(s);
		const sep = peek(s);
		s.p += 1;
		if (sep === 0x7d) return out as unknown as JsonValue;
		if (sep !== 0x2c) C.fail(`json: expected , or } at byte ${s.p - 1}`);
	}
}

/** The JSON text scratch: write() and validate() encode into it, then copy. */
const scratch = C.newWriter(256);

/**
 * Any JSON-able value (nil, booleans, finite numbers, UTF-8 strings, arrays and string-keyed maps)
 * as a varint length and JSON text: readable in packet dumps and by other tools, but the largest
 * of the codecs (see README "Codec sizes"). validate() names the problem: a cycle, a function or
 * Instance, a mixed or sparse table, NaN or infinity, invalid UTF-8, too deep, or over the cap.
 */
export function json(options?: JsonOptions): Codec<JsonValue> {
	const cap = options?.maxLength ?? DEFAULT_JSON_LENGTH;
	const maxDepth = options?.maxDepth ?? DEFAULT_MAX_DEPTH;
	const encode = (v: unknown) => {
		C.resetWriter(scratch);
		return encodeValue(scratch, v, 0, maxDepth, cap, new Set());
	};
	return {
		name: `json(${cap})`,
		exact: true,
		maxSize: C.varUintSize(cap) + cap,
		write: (w, v) => {
			const err = encode(v);
			if (err !== undefined) error(`json.write: ${err} (call validate first)`, 2);
			C.writeVarUint(w, scratch.p);
			C.writeBytes(w, scratch.b, 0, scratch.p);
		},
		read: (r) => {
			const len = C.readVarUint(r);
			if (len > cap) C.fail(`json: text of ${len} bytes exceeds its limit of ${cap}`);
			C.need(r, len);
			const s: Parser = { b: r.b, p: r.p, end: r.p + len, maxDepth };
			const v = parseValue(s, 0);
			skipSpace(s);
			if (s.p !== s.end) C.fail(`json: ${s.end - s.p} trailing byte(s) after the value at byte ${s.p}`);
			r.p = s.end;
			return v;
		},
		validate: (v) => encode(v),
		canonical: identity,
		equals: deepEquals,
	};
}
