/**
 * Conditioner, after the send phase: hands the transport the outgoing
 * packets whose (conditioned) time has come, on the net step's clock.
 */
export interface Releasing {
	release(now: number): void;
}

export function releasePackets(conditioner: Releasing, clock: () => number) {
	return () => conditioner.release(clock());
}
