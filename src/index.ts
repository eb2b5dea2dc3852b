/**
 * Skyrocket: ECS-first networking for Roblox on jecs.
 *
 * - `server(world)` / `client(world)` create a net for a jecs world.
 * - `net.replicate(Component, codec)` marks components replicated.
 * - `net.step(dt, gameSystems)` runs the net systems around your game systems.
 */
export { server, ServerNet } from "./net/server";
export { client, ClientNet } from "./net/client";
export type { ServerConfig, ClientConfig, NetConfig, BandwidthConfig } from "./net/config";
export type { ReplicateOptions, ReplicatedInfo } from "./net/registry";
export { Visible } from "./replication/visibility";
export type { VisibilityRule } from "./replication/visibility";
export type { InterestConfig, Focus } from "./interest/interest";
export { Interpolator } from "./time/interpolation";
export { ServerPrediction } from "./time/serverPrediction";
export { ClientPrediction } from "./time/clientPrediction";
export type { PredictionOptions } from "./time/prediction";
export { Rollback } from "./time/rollback";
export type { RollbackOptions } from "./time/rollback";
export type { InterpolateOptions } from "./time/interpolation";
export type { Lerp } from "./time/lerp";
export { Phase, PHASES } from "./schedule/phases";
export type { System, Placement } from "./schedule/pipeline";
export type { EventOptions, RequestOptions } from "./events/options";
export type { EventInfo, EventDirection, RateLimit } from "./events/registry";
export { ServerEventHandle, ServerRequestHandle } from "./events/serverHandles";
export { ClientEventHandle, ClientRequestHandle } from "./events/clientHandles";
export type { GuardConfig, FirewallConfig, FloodConfig } from "./net/guardConfig";
export { profile, Profiler, formatSnapshot } from "./tools/profiler";
export type { ProfilerOptions, ProfilerSnapshot, PlayerFigures, RemoteFigures, EventFigures, ComponentFigures, TrafficFigures } from "./tools/profiler";
export { condition, Conditioner } from "./tools/conditioner";
export type { ConditionerOptions, ConditionerSettings, ConditionerCounters } from "./tools/conditioner";
export { debugPanel, DebugPanel, panelText } from "./tools/debugPanel";
export type { DebugPanelOptions, PanelText } from "./tools/debugPanel";
export * as codec from "./codec";
export type { Codec, CodecContext, CodecValue } from "./codec";
export { checkCodec } from "./codec/specKit";
export type { CheckCodecOptions, CodecReport } from "./codec/specKit";
export type { JsonValue } from "./codec/json";
export * from "../components";
