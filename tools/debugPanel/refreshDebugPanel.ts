/**
 * Debug panel, after the cleanup phase (client): refreshes the panel's labels
 * a few times per second while it is shown.
 */
export interface Refreshing {
	step(dt: number): void;
}

export function refreshDebugPanel(panel: Refreshing) {
	return (dt: number) => panel.step(dt);
}
