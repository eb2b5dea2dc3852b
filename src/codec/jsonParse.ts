/**
 * The strict JSON parser of `codec.json()`: RFC 8259 text only (whitespace and every escape
 * allowed), and only values its encoder can write: no nulls inside tables, no duplicate keys,
 * finite numbers, valid UTF-8, within the depth cap. Anything else fails with a CodecError.
 */
import { describe } from "./codec";
import * as C from "./cursor";

/** A non-nil JSON value: a boolean, finite number, UTF-8 string, or an array or string-keyed map of them. */
export type JsonData = boolean | number | string | JsonData[] | { [key: string]: JsonData };
/** A value `codec.json()` carries: nil (JSON null at the top level only) or {@link JsonData}. */
export type JsonValue = JsonData | undefined;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Whether `s` is valid UTF-8, the only text JSON carries. */
export function isUtf8(s: string): boolean {
	const [n] = utf8.len(s);
	return typeIs(n, "number");
}

/** A JSON parser over bytes [p, end) of a buffer. */
export interface Parser {
	b: buffer;
	p: number;
	end: number;
	maxDepth: number;
}

function peek(s: Parser): number {
	if (s.p >= s.end) C.fail(`json: text ends early at byte ${s.p}`);
	return buffer.readu8(s.b, s.p);
}

/** Skips JSON whitespace. */
export function skipSpace(s: Parser) {
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
	if (peek(s) === 0x30)
		s.p += 1; // a leading 0 stands alone
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

const SIMPLE_ESCAPES: { [c: number]: string } = {
	0x22: '"',
	0x5c: "\\",
	0x2f: "/",
	0x62: "\b",
	0x66: "\f",
	0x6e: "\n",
	0x72: "\r",
	0x74: "\t",
};

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

/** Parses one value (depth: tables already open around it). */
export function parseValue(s: Parser, depth: number): JsonValue {
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
		if (v === undefined) C.fail(`json: null member ${describe(key)} at byte ${at}: encode leaves undefined members out`);
		out.set(key, v);
		skipSpace(s);
		const sep = peek(s);
		s.p += 1;
		if (sep === 0x7d) return out as unknown as JsonValue;
		if (sep !== 0x2c) C.fail(`json: expected , or } at byte ${s.p - 1}`);
	}
}
