import type { ClientNet } from "../net/client";
import type { ServerNet } from "../net/server";
import type { Profiler, ProfilerSnapshot } from "./profiler";
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
/** The panel's lines for a snapshot: [label name, text] for the top block, and rows per section. */
export interface PanelText {
    readonly title: string;
    readonly traffic: string;
    readonly budget: string;
    readonly events: string;
    readonly links: [string, string][];
    readonly eventList: [string, string][];
    readonly components: [string, string][];
}
/** What the panel shows for a snapshot. */
export declare function panelText(s: ProfilerSnapshot): PanelText;
export declare class DebugPanel {
    private readonly net;
    readonly profiler: Profiler;
    /** The ScreenGui, once the panel has been shown. */
    gui?: ScreenGui;
    private visible;
    private sinceRefresh;
    private labels?;
    private readonly connection;
    private readonly system;
    /** Seconds between refreshes while shown. */
    readonly refreshEvery: number;
    readonly key: Enum.KeyCode;
    private readonly name;
    constructor(net: ClientNet | ServerNet, profiler: Profiler, options?: DebugPanelOptions);
    /** Whether the panel is shown. */
    isVisible(): boolean;
    toggle(): void;
    /** Shows the panel, creating it the first time. */
    show(): void;
    hide(): void;
    /** Called every step by the refreshDebugPanel system: refreshes a few times per second while shown. */
    step(dt: number): void;
    /** Writes the profiler's newest figures into the labels now. */
    refresh(): void;
    /** Creates the ScreenGui under the local player's PlayerGui; false while there is none yet. */
    private build;
    /** Removes the panel, its key binding and its system. */
    destroy(): void;
}
/**
 * Adds the debug panel to a client: `key` (F8 by default) shows and hides a
 * ScreenGui with `profiler`'s figures. See DebugPanelOptions.
 */
export declare function debugPanel(net: ClientNet, profiler: Profiler, options?: DebugPanelOptions): DebugPanel;
