/**
 * Client: what the server's wire ids mean here. The server's Schema records
 * (all of it in the first packet, ids registered later announced before use,
 * see server/schema.ts) are kept as sent and resolved against what this
 * client declared, by name and codec:
 * - a component, tag, relation or server event the client does not declare
 *   (or declares with another codec) is skipped: its values are read past
 *   (fixed size or framed) and everything else applies; one warning names
 *   them and the fix;
 * - an unreliable component it lacks cannot be skipped (every unreliable
 *   packet carries all unreliable components), so unreliable updates wait,
 *   and a warning says so every 10 s while they do;
 * - its own events and requests the server does not have get id 0: sending
 *   them is refused here with a warning, never sent under a wrong id.
 */
import { CodecError, Reader, readString, readU8, readVarUint } from "../codec";
import { ReplicatedInfo } from "../core/registry";
import { EventInfo } from "../core/eventRegistry";
import { ClientContext } from "./context";
import { EventEntry, SchemaEntry } from "./serverSchema";

/** Most entries one schema may hold. */
const MAX_ENTRIES = 4096;

/** Seconds between repeats of the warning that unreliable updates wait. */
export const WAITING_WARNING_INTERVAL = 10;

/** Adds `entry` at `index` of `list`: a repeat must equal what is there (the first packet and an announcement may overlap). */
function merge<E extends { name: string }>(list: E[], index: number, entry: E) {
	if (index < list.size()) {
		if (list[index].name !== entry.name)
			throw new CodecError(`schema entry ${index + 1} renamed from ${list[index].name} to ${entry.name}`);
		return;
	}
	list.push(entry);
}

/** Reads a Schema record (after its op) into ctx.schema. */
export function readSchema(ctx: ClientContext, r: Reader) {
	const schema = (ctx.schema ??= { components: [], events: [] });
	const first = readVarUint(r);
	const count = readVarUint(r);
	if (first > schema.components.size() || first + count > MAX_ENTRIES)
		throw new CodecError(`schema entries ${first + 1}..${first + count}`);
	for (let i = 0; i < count; i++) {
		const name = readString(r, 200);
		const kind = readU8(r);
		const codec = readString(r, 1000);
		const size = readVarUint(r);
		merge(schema.components, first + i, { name, kind: kind % 16, unreliable: kind >= 16, codec, size });
	}
	const firstEvent = readVarUint(r);
	const eventCount = readVarUint(r);
	if (firstEvent > schema.events.size() || firstEvent + eventCount > MAX_ENTRIES)
		throw new CodecError(`schema events ${firstEvent + 1}..${firstEvent + eventCount}`);
	for (let i = 0; i < eventCount; i++) {
		const name = readString(r, 200);
		const flags = readU8(r);
		const codec = readString(r, 1000);
		const response = readString(r, 1000);
		const size = readVarUint(r);
		const direction = math.floor(flags / 2) % 4;
		merge(schema.events, firstEvent + i, { name, request: flags >= 8, toClients: direction !== 0, codec, response, size });
	}
	ctx.serverBudget = readVarUint(r);
}

/** Why a local declaration does not match the server's entry, or undefined when it does. */
function componentMismatch(entry: SchemaEntry, info: ReplicatedInfo | undefined): string | undefined {
	if (info === undefined || info.kind !== entry.kind) return entry.name;
	const mine = info.codec?.name ?? "";
	if (mine !== entry.codec) return `${entry.name} (server codec ${entry.codec}, client codec ${mine})`;
	if (info.unreliable !== entry.unreliable)
		return `${entry.name} (channel "${entry.unreliable ? "unreliable" : "reliable"}" on the server, "${info.unreliable ? "unreliable" : "reliable"}" here)`;
	return undefined;
}

function eventMismatch(entry: EventEntry, info: EventInfo | undefined): string | undefined {
	const what = `${entry.request ? "request" : "event"} ${entry.name}`;
	if (info === undefined || (info.response !== undefined) !== entry.request) return what;
	if (info.codec.name !== entry.codec || (info.response !== undefined && info.response.name !== entry.response))
		return `${what} (server codec ${entry.codec}, client codec ${info.codec.name})`;
	return undefined;
}

/** Resolves the received schema against this client's declarations; warns about what is newly skipped. */
export function resolveSchema(ctx: ClientContext) {
	const schema = ctx.schema;
	if (schema === undefined) return;
	const wire: (ReplicatedInfo | undefined)[] = [];
	const sizes: number[] = [];
	const unreliable: ReplicatedInfo[] = [];
	const waitingFor: string[] = [];
	const skipped: string[] = [];
	schema.components.forEach((entry, i) => {
		const info = ctx.registry.byName.get(entry.name);
		const mismatch = componentMismatch(entry, info);
		wire[i] = mismatch === undefined ? info : undefined;
		sizes[i] = entry.size;
		if (mismatch !== undefined) (entry.unreliable ? waitingFor : skipped).push(mismatch);
		else if (entry.unreliable) unreliable.push(info!);
	});
	const eventWire: (EventInfo | undefined)[] = [];
	const eventSizes: number[] = [];
	const serverIds = new Map<EventInfo, number>();
	schema.events.forEach((entry, i) => {
		const info = ctx.events.byName.get(entry.name);
		const mismatch = eventMismatch(entry, info);
		eventWire[i] = mismatch === undefined ? info : undefined;
		eventSizes[i] = entry.size;
		if (mismatch === undefined) serverIds.set(info!, i + 1);
		else if (entry.toClients) skipped.push(mismatch);
	});
	// sends use the server's ids from now on; what the server does not know gets 0 (refused at send)
	for (const info of ctx.events.list) info.id = serverIds.get(info) ?? 0;
	ctx.wire = wire;
	ctx.wireSizes = sizes;
	ctx.serverUnreliable = unreliable;
	ctx.events.byWire = eventWire;
	ctx.eventSizes = eventSizes;
	ctx.waitingFor = waitingFor.size() > 0 ? waitingFor.join(", ") : undefined;
	const fresh = skipped.filter((name) => !ctx.skipped.has(name));
	for (const name of fresh) ctx.skipped.add(name);
	if (fresh.size() > 0) {
		warn(
			`Skyrocket: the server sends ${fresh.join(", ")}, which this client does not declare (or declares differently): ` +
				`their updates are skipped and everything else applies. To receive them, declare them on the client as on the server ` +
				`(net.replicate, net.replicateTag, net.replicateRelation, net.event, net.request, same name and codec) before its first net.step.`,
		);
	}
}

/** The warning while unreliable updates wait for components this client lacks (repeated every 10 s). */
export function waitingMessage(names: string): string {
	return (
		`Skyrocket: unreliable updates from the server are waiting: it replicates the unreliable component(s) ${names}, which this client ` +
		`does not declare (or declares differently), and every unreliable packet carries all unreliable components together, so none can be read. ` +
		`Unreliable components keep the value their entity spawned with; reliable updates and events keep arriving. ` +
		`Declare ${names} on the client (net.replicate(Component, { codec, channel: "unreliable" }), the server's codec) before its first net.step.`
	);
}

/**
 * A component the server's schema named was skipped until now: registering it
 * late would leave its skipped values wrong, so it is refused at the call.
 */
export function refuseSkippedRegistrations(ctx: ClientContext) {
	ctx.registry.guard = (info, level) => {
		const schema = ctx.schema;
		if (schema === undefined || !schema.components.some((entry) => entry.name === info.name)) return;
		error(
			`Skyrocket: ${info.name} is registered on this client after the server's first packet, whose updates of ${info.name} were skipped ` +
				`(this client did not declare it then). Register every replicated component before the client's first net.step.`,
			level,
		);
	};
}
