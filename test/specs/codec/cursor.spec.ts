// Writer and Reader cursors: growth, windows, bounds checks and CodecError.
import * as codec from "../../../src/codec";
import { assertEqual, bytesOf, check, codecErrorOf } from "./helpers";

export = () => {
	describe("Writer", () => {
		it("grows geometrically and keeps what was written", () => {
			const w = codec.newWriter(1);
			let grows = 0;
			let last = w.b;
			for (let i = 0; i < 1000; i++) {
				codec.writeU8(w, i % 256);
				if (w.b !== last) {
					grows += 1;
					last = w.b;
				}
			}
			assertEqual(w.p, 1000, "position after 1000 bytes");
			assertEqual(buffer.len(w.b), 1024, "storage doubles from 1 to 1024");
			assertEqual(grows, 10, "ten doublings, not one per byte");
			const out = codec.toBuffer(w);
			assertEqual(buffer.len(out), 1000, "toBuffer is exactly the written size");
			for (let i = 0; i < 1000; i += 97) assertEqual(buffer.readu8(out, i), i % 256, `byte ${i}`);
		});

		it("reserve makes room for a large write in one step", () => {
			const w = codec.newWriter(4);
			codec.writeU32(w, 7);
			codec.writeBytes(w, buffer.create(100));
			assertEqual(w.p, 104, "position after the copy");
			check(buffer.len(w.b) >= 104, "storage holds all bytes");
			assertEqual(buffer.readu32(w.b, 0), 7, "earlier bytes survive growth");
		});

		it("resetWriter rewinds without freeing storage", () => {
			const w = codec.newWriter(2);
			codec.writeU32(w, 1);
			const storage = w.b;
			codec.resetWriter(w);
			assertEqual(w.p, 0, "rewound");
			check(w.b === storage, "storage kept");
			codec.writeU8(w, 9);
			assertEqual(buffer.len(codec.toBuffer(w)), 1, "only new bytes are output");
		});

		it("writeBytes copies a slice", () => {
			const w = codec.newWriter();
			codec.writeBytes(w, bytesOf([1, 2, 3, 4, 5]), 1, 3);
			const out = codec.toBuffer(w);
			assertEqual(buffer.len(out), 3, "three bytes");
			assertEqual(buffer.readu8(out, 0), 2, "from offset 1");
			assertEqual(buffer.readu8(out, 2), 4, "to offset 3");
		});
	});

	describe("Reader", () => {
		it("reads only inside its window", () => {
			const b = bytesOf([10, 20, 30, 40, 50]);
			const r = codec.newReader(b, 1, 2);
			assertEqual(codec.remaining(r), 2, "two bytes in the window");
			assertEqual(codec.readU8(r), 20, "first byte of the window");
			assertEqual(codec.readU8(r), 30, "second byte of the window");
			const err = codecErrorOf(() => codec.readU8(r), "reading past the window");
			check(err.reason.find("truncated", 1, true)[0] !== undefined, `reason says truncated: ${err.reason}`);
			assertEqual(r.p, 3, "a failed read does not move the cursor");
		});

		it("every fixed-width read fails at the end with a CodecError, not a buffer error", () => {
			const reads: [string, (r: codec.Reader) => number, number][] = [
				["u8", codec.readU8, 1],
				["u16", codec.readU16, 2],
				["u32", codec.readU32, 4],
				["i8", codec.readI8, 1],
				["i16", codec.readI16, 2],
				["i32", codec.readI32, 4],
				["f32", codec.readF32, 4],
				["f64", codec.readF64, 8],
			];
			const b = buffer.create(16);
			for (const [name, read, size] of reads) {
				for (let n = 0; n < size; n++) {
					// the window is short but the buffer behind it is long: the check must use the window
					codecErrorOf(() => read(codec.newReader(b, 8, n)), `${name} with ${n} of ${size} bytes`);
				}
				const r = codec.newReader(b, 16 - size);
				read(r);
				assertEqual(codec.remaining(r), 0, `${name} consumes ${size} bytes`);
			}
		});

		it("need and readString check lengths before touching the buffer", () => {
			const r = codec.newReader(buffer.create(3));
			codec.need(r, 3);
			codecErrorOf(() => codec.need(r, 4), "need past the end");
			const w = codec.newWriter();
			codec.writeVarUint(w, 1000);
			const err = codecErrorOf(() => codec.readString(codec.newReader(codec.toBuffer(w)), 999), "length over the limit");
			check(err.reason.find("1000", 1, true)[0] !== undefined, `reason names the length: ${err.reason}`);
			codecErrorOf(() => codec.readString(codec.newReader(codec.toBuffer(w)), 5000), "length past the end");
		});

		it("varUintSize counts LEB128 bytes", () => {
			const sizes: [number, number][] = [
				[0, 1],
				[127, 1],
				[128, 2],
				[16383, 2],
				[16384, 3],
				[2 ** 28 - 1, 4],
				[2 ** 28, 5],
				[codec.MAX_SAFE_INTEGER, 8],
			];
			for (const [v, size] of sizes) assertEqual(codec.varUintSize(v), size, `varUintSize(${v})`);
		});
	});

	describe("CodecError", () => {
		it("is recognised after pcall and only CodecErrors are", () => {
			const [ok, err] = pcall((): unknown => codec.fail("bad byte"));
			check(!ok, "fail throws");
			check(codec.isCodecError(err), "thrown value is a CodecError");
			assertEqual((err as codec.CodecError).reason, "bad byte", "reason kept");
			assertEqual(tostring(err), "CodecError: bad byte", "tostring names the error");
			const [, other] = pcall((): unknown => error("plain"));
			check(!codec.isCodecError(other), "a string error is not a CodecError");
			check(!codec.isCodecError({ reason: "x" }), "a look-alike table is not a CodecError");
			check(!codec.isCodecError(undefined), "undefined is not a CodecError");
		});
	});
};
