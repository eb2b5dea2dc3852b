/**
 * Values a receiver may have to skip: a client that does not declare a
 * component or event the server sends must still read past its values to
 * apply the rest of the packet. A codec of fixed size (`fixedSize`) needs
 * nothing (the schema tells its size); any other value travels framed, a
 * varuint byte count before it. The schema carries each id's size, 0 for
 * framed.
 */
import { CodecError, need, Reader, readVarUint, reserve, varUintSize, Writer, writeVarUint } from "../codec";

/** Starts a framed value when `size` is 0: returns where its length goes (-1: not framed). */
export function beginFrame(w: Writer, size: number): number {
	if (size !== 0) return -1;
	reserve(w, 1);
	const at = w.p;
	w.p += 1; // one byte for the length, widened in endFrame if the value is long
	return at;
}

/** Ends a framed value begun at `at`: writes its length before it. */
export function endFrame(w: Writer, at: number) {
	if (at < 0) return;
	const length = w.p - at - 1;
	const width = varUintSize(length);
	if (width > 1) {
		reserve(w, width - 1);
		buffer.copy(w.b, at + width, w.b, at + 1, length);
		w.p += width - 1;
	}
	const after = w.p;
	w.p = at;
	writeVarUint(w, length);
	w.p = after;
}

/**
 * Opens the frame of one value of an id whose schema size is `size`: the
 * reader stops at its end. Returns what closeFrame needs (-1: not framed).
 */
export function openFrame(r: Reader, size: number): number {
	if (size !== 0) return -1;
	const length = readVarUint(r);
	need(r, length);
	const limit = r.n;
	r.n = r.p + length; // a decoder reading past its frame fails; a throw drops the whole packet
	return limit;
}

/** Closes a frame opened by openFrame: the decoder must have used all of it. */
export function closeFrame(r: Reader, limit: number) {
	if (limit < 0) return;
	if (r.p !== r.n) throw new CodecError(`a framed value left ${r.n - r.p} byte(s) undecoded`);
	r.n = limit;
}

/** Skips one value of an id whose schema size is `size` (an id this side does not decode). */
export function skipSized(r: Reader, size: number) {
	const length = size !== 0 ? size : readVarUint(r);
	need(r, length);
	r.p += length;
}
