/**
 * The reader of `codec.dynamic()`: strict, it accepts exactly the encodings the writer produces
 * (shortest forms, ascending unique map keys, no nil inside tables) and fails with a CodecError
 * on anything else.
 */
import * as C from "./cursor";
import { axisRotation, enumNamed, isF32Form, isIntForm, PERMUTATIONS, rgbOf, Tag } from "./dynamicForms";

function readLength(r: C.Reader, tag: number, fixTag: number, fixMax: number): number {
	if (tag >= fixTag && tag <= fixTag + fixMax) return tag - fixTag;
	const n = C.readVarUint(r);
	if (n <= fixMax) C.fail(`dynamic: length ${n} uses the long form, its short form is the only encoding`);
	return n;
}

function readRaw(r: C.Reader, len: number): string {
	C.need(r, len);
	const s = buffer.readstring(r.b, r.p, len);
	r.p += len;
	return s;
}

function nonMinimal(what: string): never {
	return C.fail(`dynamic: ${what} is not in its shortest form, the only encoding`);
}

/** Reads one value from a reader whose window is already capped at maxBytes. */
export function readValue(r: C.Reader, depth: number, maxDepth: number): unknown {
	const tag = C.readU8(r);
	if (tag <= 0x7f) return tag;
	if (tag >= Tag.NegFixInt) return tag - Tag.NegFixInt - 32;
	if (tag < Tag.FixArray) return readRaw(r, tag - Tag.FixStr);
	if (tag < Tag.Nil || tag === Tag.Array || tag === Tag.Map) {
		if (depth >= maxDepth) C.fail(`dynamic: nests deeper than ${maxDepth} tables`);
		if (tag < Tag.FixMap || tag === Tag.Array) {
			const n = readLength(r, tag, Tag.FixArray, 15);
			if (n > C.remaining(r)) C.fail(`dynamic: array claims ${n} values but only ${C.remaining(r)} bytes remain`);
			const out = table.create<unknown>(n);
			for (let i = 0; i < n; i++) {
				const item = readValue(r, depth + 1, maxDepth);
				if (item === undefined) C.fail(`dynamic: undefined inside an array (element ${i}): encode never writes a hole`);
				out[i] = item;
			}
			return out;
		}
		const n = readLength(r, tag, Tag.FixMap, 15);
		if (n * 2 > C.remaining(r)) C.fail(`dynamic: map claims ${n} entries but only ${C.remaining(r)} bytes remain`);
		const out = new Map<string, unknown>();
		let previous: string | undefined;
		for (let i = 0; i < n; i++) {
			const key = readRaw(r, C.readVarUint(r));
			if (previous !== undefined && !(previous < key)) C.fail(`dynamic: map keys must ascend without duplicates (key ${i})`);
			previous = key;
			const item = readValue(r, depth + 1, maxDepth);
			if (item === undefined) C.fail(`dynamic: undefined map value (key ${i}): encode leaves undefined members out`);
			out.set(key, item);
		}
		return out;
	}
	switch (tag) {
		case Tag.Nil:
			return undefined;
		case Tag.False:
			return false;
		case Tag.True:
			return true;
		case Tag.U8: {
			const v = C.readU8(r);
			return v < 128 ? nonMinimal("u8") : v;
		}
		case Tag.U16: {
			const v = C.readU16(r);
			return v < 256 ? nonMinimal("u16") : v;
		}
		case Tag.U32: {
			const v = C.readU32(r);
			return v < 65536 ? nonMinimal("u32") : v;
		}
		case Tag.I8: {
			const v = C.readI8(r);
			return v > -33 ? nonMinimal("i8") : v;
		}
		case Tag.I16: {
			const v = C.readI16(r);
			return v >= -128 ? nonMinimal("i16") : v;
		}
		case Tag.I32: {
			const v = C.readI32(r);
			return v >= -32768 ? nonMinimal("i32") : v;
		}
		case Tag.F32: {
			const v = C.readF32(r);
			return isIntForm(v) ? nonMinimal("f32") : v;
		}
		case Tag.F64: {
			const v = C.readF64(r);
			return isIntForm(v) || isF32Form(v) ? nonMinimal("f64") : v;
		}
		case Tag.Str:
			return readRaw(r, readLength(r, tag, Tag.FixStr, 31));
		case Tag.Buffer: {
			const len = C.readVarUint(r);
			C.need(r, len);
			const out = buffer.create(len);
			buffer.copy(out, 0, r.b, r.p, len);
			r.p += len;
			return out;
		}
		case Tag.Vector3:
			return new Vector3(C.readF32(r), C.readF32(r), C.readF32(r));
		case Tag.Vector2:
			return new Vector2(C.readF32(r), C.readF32(r));
		case Tag.CFrameAxis: {
			const [x, y, z] = [C.readF32(r), C.readF32(r), C.readF32(r)];
			const id = C.readU8(r);
			if (id >= 48) C.fail(`dynamic: axis-aligned rotation id ${id} is not 0..47`);
			const perm = PERMUTATIONS[math.floor(id / 8)];
			const m = [0, 0, 0, 0, 0, 0, 0, 0, 0];
			for (let row = 0; row < 3; row++) m[row * 3 + perm[row]] = math.floor(id / 2 ** row) % 2 === 1 ? -1 : 1;
			return new CFrame(x, y, z, m[0], m[1], m[2], m[3], m[4], m[5], m[6], m[7], m[8]);
		}
		case Tag.CFrame: {
			const c: number[] = [];
			for (let i = 0; i < 12; i++) c.push(C.readF32(r));
			if (axisRotation([c[3], c[4], c[5], c[6], c[7], c[8], c[9], c[10], c[11]]) >= 0) nonMinimal("axis-aligned CFrame");
			return new CFrame(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9], c[10], c[11]);
		}
		case Tag.Rgb:
			return Color3.fromRGB(C.readU8(r), C.readU8(r), C.readU8(r));
		case Tag.Color3: {
			const [cr, cg, cb] = [C.readF32(r), C.readF32(r), C.readF32(r)];
			if (rgbOf(cr, cg, cb) !== undefined) nonMinimal("Color3");
			return new Color3(cr, cg, cb);
		}
		case Tag.EnumItem: {
			const name = readRaw(r, C.readVarUint(r));
			const value = C.readVarInt(r);
			const item = enumNamed(name)?.FromValue(value);
			if (item === undefined) C.fail(`dynamic: no EnumItem of value ${value} in an enum named ${string.format("%q", name)}`);
			return item;
		}
		case Tag.UDim2:
			return new UDim2(C.readF32(r), C.readI32(r), C.readF32(r), C.readI32(r));
		case Tag.UDim:
			return new UDim(C.readF32(r), C.readI32(r));
	}
	return C.fail(`dynamic: unknown tag 0x${string.format("%02x", tag)}`);
}
