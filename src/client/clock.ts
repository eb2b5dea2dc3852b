/**
 * The client's estimate of the server clock and of the round-trip time,
 * robust to jitter: each Pong gives an RTT sample and an offset sample; the
 * RTT estimate is the median of recent samples, and the offset comes from the
 * samples with the smallest RTT (least delayed by jitter, so least skewed),
 * smoothed so it never jumps.
 */
import { Reader, readF64, readVarUint, CodecError } from "../codec";
import { Op } from "../wire/protocol";

const WINDOW = 24;

export class ClientClock {
	private rtts: number[] = [];
	private offsets: number[] = [];
	private head = 0;
	/** Estimated round-trip time in seconds (0 until the first sample). */
	rtt = 0;
	/** Estimated serverTime - clientTime. */
	offset = 0;
	/** Whether at least one sample arrived. */
	synced = false;
	/** Newest server tick heard of, and the server's tick rate estimate. */
	lastServerTick = 0;
	lastServerTime = 0;
	samples = 0;

	/**
	 * `frameTime`: a packet waits on average half a frame at each receiver
	 * before it is handled (packets are processed once per frame), so one
	 * frame is taken off the measured round trip.
	 */
	constructor(
		private readonly now: () => number,
		private readonly frameTime = 0,
	) {}

	/** Decodes a Pong record (stages nothing: clock state is not world state). */
	readonly handler = (op: number, r: Reader): boolean => {
		if (op !== Op.Pong) return false;
		const sent = readF64(r);
		const serverTime = readF64(r);
		const tick = readVarUint(r);
		if (sent !== sent || serverTime !== serverTime) throw new CodecError("clock sample is NaN");
		this.sample(sent, serverTime, tick);
		return true;
	};

	sample(sent: number, serverTime: number, tick: number) {
		const now = this.now();
		const rtt = now - sent;
		if (rtt < 0 || rtt > 10) return; // a stale or bogus sample
		const offset = serverTime + rtt / 2 - now;
		const i = this.head % WINDOW;
		this.rtts[i] = rtt;
		this.offsets[i] = offset;
		this.head += 1;
		this.samples += 1;
		this.lastServerTick = math.max(this.lastServerTick, tick);
		this.lastServerTime = math.max(this.lastServerTime, serverTime);
		// RTT: median of the window
		const sorted = [...this.rtts];
		sorted.sort();
		this.rtt = math.max(sorted[math.floor(sorted.size() / 2)] - this.frameTime, sorted[0] / 2);
		// offset: the average over the quarter of samples with the smallest RTT
		const order: number[] = [];
		for (let k = 0; k < this.rtts.size(); k++) order.push(k);
		order.sort((a, b) => this.rtts[a] < this.rtts[b]);
		const take = math.max(1, math.floor(order.size() / 4));
		let sum = 0;
		for (let k = 0; k < take; k++) sum += this.offsets[order[k]];
		const target = sum / take;
		if (!this.synced) {
			this.offset = target;
			this.synced = true;
		} else {
			this.offset += (target - this.offset) * 0.25;
		}
	}

	/** The server's time now, as this client estimates it. */
	serverTime(): number {
		return this.now() + this.offset;
	}
}
