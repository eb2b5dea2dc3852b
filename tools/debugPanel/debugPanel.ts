/**
 * The in-game debug panel: a client UI (plain Roblox Instances) showing a
 * profiler's figures, toggled by a key (F8 by default). Nothing is created
 * until the panel is first shown; then a ScreenGui in the local player's
 * PlayerGui holds a Frame of TextLabels, refreshed a few times per second
 * while visible.
 *
 * ```ts
 * const profiler = profile(net); // the client's net
 * debugPanel(net, profiler);     // press F8 in game
 * ```
 *
 * Tree (names are stable, for your own tooling and for tests):
 * ScreenGui "SkyrocketDebug" > Frame "Panel" > TextLabels "Title", "Traffic",
 * "Budget", "Events", "Recording" (whether record() records this net, and its size), then Frames "Links", "EventList", "Components" with one
 * TextLabel per link, event and component, named after it.
 */
import { Players, UserInputService } from "@rbxts/services";
import type { ClientNet } from "../../src/net/client";
import type { ServerNet } from "../../src/net/server";
import { ClientPhase } from "../../src/schedule/phases";
import { refreshDebugPanel } from "./refreshDebugPanel";
import { count, ms, percent } from "../format";
import type { Profiler, ProfilerSnapshot } from "../profiler/profiler";
import { describeRecording } from "../recorder/status";

export interface DebugPanelOptions {
	/** Key that shows and hides the panel (default Enum.KeyCode.F8). */
	key?: Enum.KeyCode;
	/** Seconds between refreshes while the panel is shown (default 0.25). */
	refresh?: number;
	/** Show the panel at once (default false: it appears on the first key press). */
	visible?: boolean;
	/** Name of the ScreenGui (default "SkyrocketDebug"). */
	name?: string;
}

const LINE = 18;
/** Labels above the sections: Title, Traffic, Budget, Events, Recording. */
const TOP_LINES = 5;
const WIDTH = 560;
const TEXT = Color3.fromRGB(235, 235, 235);
const DIM = Color3.fromRGB(170, 200, 255);

/** The panel's lines for a snapshot: [label name, text] for the top block, and rows per section. */
export interface PanelText {
	readonly title: string;
	readonly traffic: string;
	readonly budget: string;
	readonly events: string;
	/** "recording: off", or what the net's recorder keeps. */
	readonly recording: string;
	readonly links: [string, string][];
	readonly eventList: [string, string][];
	readonly components: [string, string][];
}

/** What the panel shows for a snapshot. */
export function panelText(s: ProfilerSnapshot): PanelText {
	let budget = 0;
	for (const p of s.players) budget = math.max(budget, p.budget);
	const t = s.totals;
	return {
		title: `Skyrocket ${s.side}: ${s.index === 0 ? "measuring..." : `t ${string.format("%.1f", s.time)} s`} (per second)`,
		traffic: `in ${count(t.in.bytes)} B/s (${count(t.in.calls)} pkt/s)   out ${count(t.out.bytes)} B/s (${count(t.out.calls)} pkt/s)`,
		budget: `budget use ${percent(budget)} of ${count(s.budget)} B/s per player (wire bytes from the server)`,
		events: `events ${count(t.events)}/s`,
		recording: describeRecording(s.recording),
		links: s.players.map((p) => [
			p.name,
			`${p.name}   RTT ${ms(p.rtt)}   entities ${count(p.entities)}   dropped ${count(p.dropped)} (${count(p.droppedTotal)})   rate-limited ${count(p.rateLimited)} (${count(p.rateLimitedTotal)})`,
		]),
		eventList: s.events.map((e) => [
			e.name,
			`${e.name}   sent ${count(e.sent)}/s   received ${count(e.received)}/s   ${count(e.bytes)} B/s`,
		]),
		components: s.components.map((c) => [c.name, `${c.name} (${c.channel})   ${count(c.values)} values/s   ${count(c.bytes)} B/s`]),
	};
}

function label(parent: Instance, name: string, order: number, color = TEXT): TextLabel {
	const l = new Instance("TextLabel");
	l.Name = name;
	l.LayoutOrder = order;
	l.Size = UDim2.fromOffset(WIDTH - 12, LINE);
	l.BackgroundTransparency = 1;
	l.BorderSizePixel = 0;
	l.Font = Enum.Font.Code;
	l.TextSize = 14;
	l.TextColor3 = color;
	l.TextXAlignment = Enum.TextXAlignment.Left;
	l.Text = "";
	l.Parent = parent;
	return l;
}

function section(parent: Instance, name: string, order: number): Frame {
	const f = new Instance("Frame");
	f.Name = name;
	f.LayoutOrder = order;
	f.BackgroundTransparency = 1;
	f.BorderSizePixel = 0;
	f.Size = UDim2.fromOffset(WIDTH - 12, 0);
	const layout = new Instance("UIListLayout");
	layout.SortOrder = Enum.SortOrder.LayoutOrder;
	layout.Parent = f;
	f.Parent = parent;
	return f;
}

/** Makes `frame` hold exactly one label per row (reused by name), in order. */
function fillSection(frame: Frame, rows: [string, string][]) {
	const keep = new Set<string>();
	rows.forEach(([name, text], i) => {
		keep.add(name);
		const existing = frame.FindFirstChild(name);
		const l = existing !== undefined && existing.IsA("TextLabel") ? existing : label(frame, name, i, DIM);
		l.LayoutOrder = i;
		l.Text = text;
	});
	for (const child of frame.GetChildren()) if (child.IsA("TextLabel") && !keep.has(child.Name)) child.Destroy();
	frame.Size = UDim2.fromOffset(WIDTH - 12, rows.size() * LINE);
}

export class DebugPanel {
	/** The ScreenGui, once the panel has been shown. */
	gui?: ScreenGui;
	private visible = false;
	private sinceRefresh = 0;
	private labels?: {
		title: TextLabel;
		traffic: TextLabel;
		budget: TextLabel;
		events: TextLabel;
		recording: TextLabel;
		links: Frame;
		eventList: Frame;
		components: Frame;
		panel: Frame;
	};
	private readonly connection: RBXScriptConnection;
	private readonly system: (dt: number) => void;
	/** Seconds between refreshes while shown. */
	readonly refreshEvery: number;
	readonly key: Enum.KeyCode;
	private readonly name: string;

	constructor(
		private readonly net: ClientNet | ServerNet,
		readonly profiler: Profiler,
		options: DebugPanelOptions = {},
	) {
		this.key = options.key ?? Enum.KeyCode.F8;
		this.refreshEvery = options.refresh ?? 0.25;
		this.name = options.name ?? "SkyrocketDebug";
		this.connection = UserInputService.InputBegan.Connect((input, processed) => {
			if (!processed && input.KeyCode === this.key) this.toggle();
		});
		this.system = refreshDebugPanel(this);
		(net as ClientNet).use(this.system, { after: ClientPhase.Cleanup }, "debug panel");
		if (options.visible) this.show();
	}

	/** Whether the panel is shown. */
	isVisible(): boolean {
		return this.visible;
	}

	toggle() {
		if (this.visible) this.hide();
		else this.show();
	}

	/** Shows the panel, creating it the first time. */
	show() {
		this.visible = true;
		this.build();
		if (this.gui) this.gui.Enabled = true;
		this.refresh();
	}

	hide() {
		this.visible = false;
		if (this.gui) this.gui.Enabled = false;
	}

	/** Called every step by the refreshDebugPanel system: refreshes a few times per second while shown. */
	step(dt: number) {
		if (!this.visible) return;
		this.sinceRefresh += dt;
		if (this.sinceRefresh + 1e-9 < this.refreshEvery) return;
		this.refresh();
	}

	/** Writes the profiler's newest figures into the labels now. */
	refresh() {
		this.sinceRefresh = 0;
		if (!this.build()) return;
		const l = this.labels!;
		const text = panelText(this.profiler.snapshot());
		l.title.Text = text.title;
		l.traffic.Text = text.traffic;
		l.budget.Text = text.budget;
		l.events.Text = text.events;
		l.recording.Text = text.recording;
		fillSection(l.links, text.links);
		fillSection(l.eventList, text.eventList);
		fillSection(l.components, text.components);
		const height = TOP_LINES * LINE + (text.links.size() + text.eventList.size() + text.components.size()) * LINE + 12;
		l.panel.Size = UDim2.fromOffset(WIDTH, height);
	}

	/** Creates the ScreenGui under the local player's PlayerGui; false while there is none yet. */
	private build(): boolean {
		if (this.gui !== undefined && this.gui.Parent !== undefined) return true;
		const playerGui = Players.LocalPlayer?.FindFirstChildOfClass("PlayerGui");
		if (playerGui === undefined) return false;
		const gui = new Instance("ScreenGui");
		gui.Name = this.name;
		gui.ResetOnSpawn = false;
		gui.DisplayOrder = 1000;
		gui.Enabled = this.visible;
		const panel = new Instance("Frame");
		panel.Name = "Panel";
		panel.Position = UDim2.fromOffset(8, 8);
		panel.Size = UDim2.fromOffset(WIDTH, TOP_LINES * LINE + 12);
		panel.BackgroundColor3 = Color3.fromRGB(16, 18, 24);
		panel.BackgroundTransparency = 0.2;
		panel.BorderSizePixel = 0;
		const padding = new Instance("UIPadding");
		padding.PaddingLeft = new UDim(0, 6);
		padding.PaddingTop = new UDim(0, 6);
		padding.Parent = panel;
		const layout = new Instance("UIListLayout");
		layout.SortOrder = Enum.SortOrder.LayoutOrder;
		layout.Parent = panel;
		this.labels = {
			panel,
			title: label(panel, "Title", 1),
			traffic: label(panel, "Traffic", 2),
			budget: label(panel, "Budget", 3),
			events: label(panel, "Events", 4),
			recording: label(panel, "Recording", 5),
			links: section(panel, "Links", 6),
			eventList: section(panel, "EventList", 7),
			components: section(panel, "Components", 8),
		};
		panel.Parent = gui;
		gui.Parent = playerGui;
		this.gui = gui;
		return true;
	}

	/** Removes the panel, its key binding and its system. */
	destroy() {
		this.connection.Disconnect();
		this.net.pipeline.remove(this.system);
		this.gui?.Destroy();
		this.gui = undefined;
		this.labels = undefined;
		this.visible = false;
	}
}

/**
 * Adds the debug panel to a client: `key` (F8 by default) shows and hides a
 * ScreenGui with `profiler`'s figures. See DebugPanelOptions.
 */
export function debugPanel(net: ClientNet, profiler: Profiler, options?: DebugPanelOptions): DebugPanel {
	return new DebugPanel(net, profiler, options);
}
