/**
 * `codec.json()`: any JSON-able value as length-prefixed JSON text (RFC 8259), written and parsed
 * by a small pure encoder here (no HttpService). Numbers round-trip exactly (shortest of %.15g,
 * %.16g and %.17g that reads back the same double); decoding is strict: malformed text, trailing
 * bytes, nulls inside tables, duplicate keys, invalid UTF-8, over the length or depth cap all
 * fail with a CodecError.
 */
import { Codec, describe, identity } from "./codec";
import * as C from "./cursor";
import { isUtf8, parseValue, Parser, skipSpace } from "./jsonParse";
import { ARRAY, deepEquals, shapeOf } from "./tables";

export type { JsonData, JsonValue } from "./jsonParse";
import type { JsonValue } from "./jsonParse";

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
function numberText(v: number): string {
	if (v === 0) return 1 / v < 0 ? "-0" : "0";
	for (const format of ["%.15g", "%.16g"]) {
		const s = string.format(format, v);
		if (tonumber(s) === v) return s;
	}
	return string.format("%.17g", v);
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
		return `json cannot encode a ${typeOf(v)}: it carries undefined, booleans, finite numbers, strings, arrays and string-keyed maps; use codec.dynamic() for Roblox types`;
	}
	if (w.p > cap) return `json text exceeds its limit of ${cap} bytes: raise maxLength or send less`;
	return undefined;
}

/** The JSON text scratch: write() and validate() encode into it, then copy. */
const scratch = C.newWriter(256);
/** Tables on the path being encoded (cycle detection), reused across calls. */
const onPath = new Set<object>();

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
		onPath.clear();
		return encodeValue(scratch, v, 0, maxDepth, cap, onPath);
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
