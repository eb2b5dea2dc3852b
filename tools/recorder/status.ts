/**
 * Which nets are being recorded, for the other tools: the profiler's
 * snapshot and the debug panel show a recording and its size.
 */
import { count } from "../format";

/** A recorder's state, as the profiler and the debug panel show it. */
export interface RecordingStatus {
	/** Still recording (false once stopped: what it kept stays readable). */
	readonly recording: boolean;
	readonly mode: "session" | "ring";
	/** Ring length in seconds (session: 0). */
	readonly ringSeconds: number;
	/** Bytes, simulated seconds and steps kept. */
	readonly bytes: number;
	readonly seconds: number;
	readonly steps: number;
}

const recorders = new WeakMap<object, () => RecordingStatus>();

/** Registers the status of `net`'s recorder (the newest one wins). */
export function setRecordingStatus(net: object, status: () => RecordingStatus) {
	recorders.set(net, status);
}

/** The status of `net`'s recorder, if one was started. */
export function recordingStatus(net: object): RecordingStatus | undefined {
	return recorders.get(net)?.();
}

/** One line: "recording: off", or what is kept and how. */
export function describeRecording(status: RecordingStatus | undefined): string {
	if (status === undefined || !status.recording) {
		return status === undefined
			? "recording: off"
			: `recording: stopped, ${count(status.bytes)} B kept (${string.format("%.1f", status.seconds)} s)`;
	}
	const how = status.mode === "ring" ? `ring of the last ${count(status.ringSeconds)} s` : "session";
	return `recording: on (${how}), ${count(status.bytes)} B, ${string.format("%.1f", status.seconds)} s, ${count(status.steps)} steps`;
}
