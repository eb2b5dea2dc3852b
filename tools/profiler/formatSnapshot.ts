/** The profiler's snapshot as a printable table: players, remotes, events, components. */
import { columns, count, ms, percent } from "../format";
import { describeRecording } from "../recorder/status";
import type { ProfilerSnapshot } from "./figures";

function append(lines: string[], more: string[]) {
	for (const line of more) lines.push(line);
}

/** Renders a snapshot as a table: players, remotes, events, components. */
export function formatSnapshot(s: ProfilerSnapshot): string {
	const title = `Skyrocket profiler (${s.side}), window ${string.format("%.2f", s.window)} s ending at ${string.format("%.1f", s.time)} s, budget ${count(s.budget)} B/s per player`;
	if (s.index === 0) return `${title}\n(no complete window yet)`;
	const lines = [title, s.wire];
	if (s.recording !== undefined) lines.push(describeRecording(s.recording));
	append(
		lines,
		columns(
			[
				s.side === "server" ? "player" : "link",
				"out B/s",
				"out wire B/s",
				"out pkt/s",
				"in B/s",
				"in pkt/s",
				"events/s",
				"RTT",
				"budget",
				"deferred",
				"dropped",
				"rate-limited",
				"entities",
			],
			s.players.map((p) => [
				p.name,
				count(p.out.bytes),
				count(p.out.wire),
				count(p.out.calls),
				count(p.in.bytes),
				count(p.in.calls),
				count(p.eventsOut + p.eventsIn),
				ms(p.rtt),
				percent(p.budget),
				count(p.deferred),
				`${count(p.dropped)} (${count(p.droppedTotal)})`,
				`${count(p.rateLimited)} (${count(p.rateLimitedTotal)})`,
				count(p.entities),
			]),
		),
	);
	lines.push("");
	append(
		lines,
		columns(
			["remote", "out B/s", "out calls/s", "in B/s", "in calls/s"],
			s.remotes.map((r) => [r.name, count(r.out.bytes), count(r.out.calls), count(r.in.bytes), count(r.in.calls)]),
		),
	);
	if (s.events.size() > 0) {
		lines.push("");
		append(
			lines,
			columns(
				["event", "sent/s", "received/s", "accepted/s", "B/s", "rate-limited", "rejected"],
				s.events.map((e) => [
					e.name,
					count(e.sent),
					count(e.received),
					count(e.accepted),
					count(e.bytes),
					count(e.rateLimited),
					count(e.rejected),
				]),
			),
		);
	}
	if (s.components.size() > 0) {
		lines.push("");
		append(
			lines,
			columns(
				["component", "channel", "values/s", "B/s"],
				s.components.map((c) => [
					c.kind === "component" ? c.name : `${c.name} (${c.kind})`,
					c.channel,
					count(c.values),
					count(c.bytes),
				]),
			),
		);
	}
	return lines.join("\n");
}
