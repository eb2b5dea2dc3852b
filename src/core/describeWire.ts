/**
 * The worst-case size report (`net.describeWire()`): for every event, request,
 * component and property, its codec and the most bytes one value can take
 * (the codec's `maxSize`; "unbounded" when it has none), and a flag on every
 * unreliable one that can exceed what one UnreliableRemoteEvent call carries
 * (900 bytes, less the headers Skyrocket puts around the value). Such a value
 * is never sent: the net warns and drops it. In Studio each flagged
 * registration warns at once.
 */
import { RunService } from "@rbxts/services";
import { varUintSize } from "../codec";
import { EventInfo } from "./eventRegistry";
import { ReplicatedInfo } from "./registry";
import { UNRELIABLE_BUDGET, UNRELIABLE_EVENT_HEADROOM, UNRELIABLE_LIMIT, UNRELIABLE_RECORD_HEADROOM, WireKind } from "../wire/protocol";

/** One row of the report. */
export interface WireEntry {
	readonly kind: "event" | "request" | "response" | "component" | "property";
	readonly name: string;
	/** The codec's name. */
	readonly codec: string;
	readonly channel: "reliable" | "unreliable";
	/** Worst-case bytes of one value (undefined: unbounded). */
	readonly maxSize: number | undefined;
	/** Unreliable: the most bytes one value may take in a packet (the rest is headers). */
	readonly room: number | undefined;
	/** Unreliable and unbounded or larger than `room`: it can exceed the 900-byte limit. */
	readonly tooLarge: boolean;
}

/** What `net.describeWire()` returns. */
export interface WireReport {
	/** Every event, request (and its response), component and property, in declaration order. */
	readonly entries: readonly WireEntry[];
	/** The entries that can exceed the UnreliableRemoteEvent limit. */
	readonly flagged: readonly WireEntry[];
	/** The report as a table, one line per entry after the header. */
	readonly lines: readonly string[];
}

function entry(
	kind: WireEntry["kind"],
	name: string,
	codec: string,
	unreliable: boolean,
	maxSize: number | undefined,
	room: number,
): WireEntry {
	return {
		kind,
		name,
		codec,
		channel: unreliable ? "unreliable" : "reliable",
		maxSize,
		room: unreliable ? room : undefined,
		tooLarge: unreliable && (maxSize === undefined || maxSize > room),
	};
}

/** The entry of a replicated component (or property); undefined for tags and relations. */
export function componentEntry(info: ReplicatedInfo, property: boolean): WireEntry | undefined {
	if (info.kind !== WireKind.Component || info.codec === undefined) return undefined;
	return entry(
		property ? "property" : "component",
		info.name,
		info.codec.name,
		info.unreliable,
		info.codec.maxSize,
		UNRELIABLE_BUDGET - UNRELIABLE_RECORD_HEADROOM,
	);
}

/** The entries of an event, or of a request and its response. */
export function eventEntries(info: EventInfo): WireEntry[] {
	// an event record is its op, its id and the payload (framed when the server sends it and its size varies: wire/frames.ts)
	const frame = info.size === 0 && info.from !== "client" ? varUintSize(UNRELIABLE_BUDGET) : 0;
	const room = UNRELIABLE_BUDGET - UNRELIABLE_EVENT_HEADROOM - 1 - varUintSize(math.max(info.id, 1)) - frame;
	if (info.response === undefined) return [entry("event", info.name, info.codec.name, !info.reliable, info.codec.maxSize, room)];
	return [
		entry("request", info.name, info.codec.name, !info.reliable, info.codec.maxSize, room),
		entry("response", info.name, info.response.name, false, info.response.maxSize, room),
	];
}

function size(n: number | undefined): string {
	return n === undefined ? "unbounded" : `${n} B`;
}

/** Builds the report from entries (see ServerNet/ClientNet.describeWire). */
export function wireReport(entries: WireEntry[]): WireReport {
	const flagged = entries.filter((e) => e.tooLarge);
	const lines = [
		`${entries.size()} ids on the wire; ${flagged.size()} unreliable can exceed the ${UNRELIABLE_LIMIT}-byte UnreliableRemoteEvent limit`,
	];
	for (const e of entries) {
		const room = e.room !== undefined ? ` (room ${e.room} B)` : "";
		const flag = e.tooLarge
			? `  !! can exceed ${UNRELIABLE_LIMIT} B: it would be dropped; bound it (maxLength) or make it reliable`
			: "";
		lines.push(`${e.kind} ${e.name}: ${e.codec}, ${e.channel}, worst case ${size(e.maxSize)}${room}${flag}`);
	}
	return { entries, flagged, lines };
}

/** One line for the profiler: how many ids, the largest unreliable worst case, and what is flagged. */
export function wireSummary(report: WireReport): string {
	let largest: WireEntry | undefined;
	for (const e of report.entries) {
		if (e.channel !== "unreliable") continue;
		if (largest === undefined || e.maxSize === undefined || (largest.maxSize !== undefined && e.maxSize > largest.maxSize)) {
			if (largest === undefined || largest.maxSize !== undefined) largest = e;
		}
	}
	const worst = largest ? `largest unreliable ${largest.name} ${size(largest.maxSize)}` : "nothing unreliable";
	const flagged =
		report.flagged.size() > 0 ? `; over the ${UNRELIABLE_LIMIT}-byte limit: ${report.flagged.map((e) => e.name).join(", ")}` : "";
	return `wire: ${report.entries.size()} ids, ${worst}${flagged}`;
}

/** In Studio, warns when a registration can exceed the unreliable limit (live servers stay quiet). */
export function warnIfTooLarge(entries: readonly WireEntry[]) {
	if (!RunService.IsStudio()) return;
	for (const e of entries) {
		if (!e.tooLarge) continue;
		warn(
			`Skyrocket: the unreliable ${e.kind} ${e.name} (${e.codec}) can take ${size(e.maxSize)}, more than the ${e.room} bytes one UnreliableRemoteEvent call leaves it (limit ${UNRELIABLE_LIMIT}); such values are dropped. Bound its codec (e.g. maxLength) or make it reliable.`,
		);
	}
}
