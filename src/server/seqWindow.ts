/**
 * Replay protection: the numbers a client put on its packets (one sequence
 * per channel) and on its requests. Each number is processed at most once:
 * a window remembers the newest number and which of the 32 before it were
 * seen; a number seen before, or older than the window, is a replay.
 * Numbers may arrive out of order (unreliable packets) or with gaps (packets
 * the firewall dropped), never twice.
 */
export interface SeqWindow {
	/** Newest number seen (0: none yet; numbers start at 1). */
	newest: number;
	/** Bit k: number newest - 1 - k was seen. */
	bits: number;
}

export const SEQ_WINDOW = 32;

export function newSeqWindow(): SeqWindow {
	return { newest: 0, bits: 0 };
}

/** Records `seq`; false when it was seen already or is too old to tell (a replay). */
export function admitSeq(w: SeqWindow, seq: number): boolean {
	if (seq < 1) return false;
	const newest = w.newest;
	if (seq > newest) {
		const d = seq - newest;
		w.bits = d > SEQ_WINDOW ? 0 : bit32.bor(bit32.lshift(w.bits, d), newest > 0 ? bit32.lshift(1, d - 1) : 0);
		w.newest = seq;
		return true;
	}
	if (seq === newest) return false;
	const k = newest - 1 - seq;
	if (k >= SEQ_WINDOW) return false;
	const bit = bit32.lshift(1, k);
	if (bit32.band(w.bits, bit) !== 0) return false;
	w.bits = bit32.bor(w.bits, bit);
	return true;
}
