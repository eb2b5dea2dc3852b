/**
 * Skyrocket: ECS-first networking for Roblox on jecs.
 *
 * - `server(world)` / `client(world)` create a net for a jecs world.
 * - `net.replicate(Component, codec)` marks components replicated.
 * - `net.step(dt, gameSystems)` runs the net systems around your game systems.
 */
export { server, ServerNet } from "./net/server";
export { client, ClientNet } from "./net/client";
export type { ServerConfig, ClientConfig, NetConfig, BandwidthConfig, ClientTransactionConfig } from "./core/config";
export type { TransactionConfig } from "./core/transactionConfig";
export type { ClientTransaction, TransactionOptions } from "./client/transactions";
export type { ReplicateOptions, ReplicatedInfo } from "./core/registry";
export { Visible } from "./server/visibility";
export type { VisibilityRule } from "./server/visibility";
export type { InterestConfig, Focus } from "./server/interest";
export { Interpolator } from "./client/interpolation";
export { ServerPrediction } from "./server/prediction";
export { ClientPrediction } from "./client/prediction";
export type { PredictionOptions } from "./core/prediction";
export { Rollback } from "./server/rollback";
export type { RollbackOptions } from "./server/rollback";
export type { InterpolateOptions } from "./client/interpolation";
export type { Lerp } from "./client/lerp";
export { ServerPhase, ClientPhase, SERVER_PHASES, CLIENT_PHASES } from "./schedule/phases";
export type { System, Placement } from "./schedule/pipeline";
export type { EventOptions, RequestOptions } from "./core/eventOptions";
export type { EventInfo, EventDirection, RateLimit } from "./core/eventRegistry";
export { ServerEventHandle, ServerRequestHandle } from "./server/eventHandles";
export { ClientEventHandle, ClientRequestHandle } from "./client/eventHandles";
export type { GuardConfig, FirewallConfig, FloodConfig } from "./core/guardConfig";
export { ServerPlayerProperty, ServerGlobalProperty } from "./server/properties";
export { ClientProperty } from "./client/properties";
export type { PropertyOptions, PropertyScope } from "./core/property";
export { ServerGroup } from "./server/subscriptions";
export { ClientGroup } from "./client/subscriptions";
export type { GroupOptions, GroupInterest, GroupMemberRef } from "./core/groups";
export type { WireReport, WireEntry } from "./core/describeWire";
export { profile, Profiler, formatSnapshot } from "../tools/profiler/profiler";
export type {
	ProfilerOptions,
	ProfilerSnapshot,
	PlayerFigures,
	RemoteFigures,
	EventFigures,
	ComponentFigures,
	TrafficFigures,
} from "../tools/profiler/profiler";
export { condition, Conditioner } from "../tools/conditioner/conditioner";
export type { ConditionerOptions, ConditionerSettings, ConditionerCounters } from "../tools/conditioner/conditioner";
export { debugPanel, DebugPanel, panelText } from "../tools/debugPanel/debugPanel";
export { record, Recorder } from "../tools/recorder/recorder";
export type { RecordOptions } from "../tools/recorder/recorder";
export { loadRecordingFrom } from "../tools/recorder/dataStore";
export type { RecordingStore } from "../tools/recorder/dataStore";
export { loadRecording, RECORDING_VERSION } from "../tools/recorder/format";
export { PROTOCOL_VERSION } from "./wire/protocol";
export type {
	Recording,
	RecordedStep,
	RecordedPacket,
	RecordedPlayer,
	RecordedRegistration,
	RecordedEvent,
	DigestEntry,
} from "../tools/recorder/format";
export { replay } from "../tools/recorder/replay";
export type { ReplayOptions, ReplayReport, ReplayDivergence, ReplayDifference } from "../tools/recorder/replay";
export { recordingStatus } from "../tools/recorder/status";
export type { RecordingStatus } from "../tools/recorder/status";
export type { DebugPanelOptions, PanelText } from "../tools/debugPanel/debugPanel";
export * as codec from "./codec";
export type { Codec, CodecContext, CodecValue } from "./codec";
export { checkCodec } from "./codec/specKit";
export type { CheckCodecOptions, CodecReport } from "./codec/specKit";
export type { JsonValue } from "./codec/json";
// components (ECS data Skyrocket defines) and their data types
export { Networked, Visibility, ServerHandle, FromServer } from "../components/replication";
export type { NetworkedData } from "../components/replication";
export { NetPlayer, Ready } from "../components/connection";
export { NetStats } from "../components/stats";
export type { NetStatsData, EventCounters } from "../components/stats";
export { Sender, NetEvent, RequestId, Violation } from "../components/events";
export { Transaction } from "../components/transaction";
export type { TransactionData, TransactionState } from "../components/transaction";
export type { NetEventData, ViolationData, ViolationKind } from "../components/events";
export { Owner, AlwaysRelevant, Priority, BudgetWarning } from "../components/interest";
export type { BudgetWarningData } from "../components/interest";
export { asTick, ticksBetween } from "../components/tick";
export type { Tick } from "../components/tick";
