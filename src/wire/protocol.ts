/**
 * Skyrocket's wire protocol: packet kinds and record opcodes. Every packet is
 * one buffer; every count and id is a varint; entities travel as small
 * server-assigned handles, never raw jecs ids.
 *
 * Reliable server->client packet: KIND_UPDATES, varuint tick, then records.
 * Unreliable server->client packet: KIND_MUTATIONS, varuint seq, varuint tick,
 *   then sections: varuint baseline (0 whole, 1 spawn state, k: tick - k + 1),
 *   records (varuint handle delta x 2^B + mask, then the body), varuint 0
 *   (see systems/server/encodeMutations.ts).
 * Client->server packets: KIND_CLIENT_RELIABLE / KIND_CLIENT_UNRELIABLE,
 *   varuint packet number (one sequence per channel, from 1; each is processed
 *   at most once), then records. Client Event and Request records carry their
 *   payload's length before it, so the server can refuse one without decoding it.
 */

/** Bumped when the wire format changes; a mismatched client is refused. */
export const PROTOCOL_VERSION = 2;

export const enum PacketKind {
	Updates = 1,
	Mutations = 2,
	ClientReliable = 3,
	ClientUnreliable = 4,
	/** Server->client events on the unreliable channel. */
	ServerUnreliable = 5,
}

/** Record opcodes inside reliable packets. */
export const enum Op {
	/** Server->client: the wire ids from a first index on, with names, kinds, codec names and value sizes (see server/schema.ts). */
	Schema = 1,
	/** varuint handle: a new entity; following records apply to it. */
	Spawn = 2,
	/** varuint handle. */
	Despawn = 3,
	/** varuint handle: following records apply to this entity. */
	Entity = 4,
	/** varuint wireId, full value (framed: varuint length first, unless the codec's size is fixed; see frames.ts). */
	Set = 5,
	/** varuint wireId, delta against the previous value (struct field mask), framed like Set. */
	Patch = 6,
	/** varuint wireId. */
	Remove = 7,
	/** varuint wireId (a tag). */
	Tag = 8,
	/** varuint wireId (a tag). */
	Untag = 9,
	/** varuint relation wireId, varuint target handle. */
	Pair = 10,
	/** varuint relation wireId, varuint target handle. */
	Unpair = 11,
	/** varuint eventId, payload (server->client: framed like Set; client->server: varuint payload length, payload). */
	Event = 12,
	/** Client->server: varuint protocol version. */
	Hello = 13,
	/** Client->server: varuint newest seq, u32 bits of the 32 before, varuint last reliable tick. */
	Ack = 14,
	/** Client->server: varuint requestId (each used once), varuint eventId, varuint payload length, payload. */
	Request = 15,
	/** Server->client: varuint requestId, u8 ok, payload or error string. */
	Response = 16,
	/** Client->server, unreliable: f64 client time (for the clock). */
	Ping = 17,
	/** Server->client, unreliable: f64 client time echoed, f64 server time, varuint server tick. */
	Pong = 18,
	/** varuint handle: the entity left this client's view (it still exists on the server). */
	Hide = 19,
	/**
	 * Client->server: a transaction, the bundle of events sent as one unit
	 * (net.transaction): varuint transaction id (increasing per client),
	 * varuint part count, then per part: varuint eventId, varuint payload length, payload.
	 */
	Transaction = 20,
	/** Server->client: varuint transaction id, u8 committed (1) or failed (0), then for a failure the reason (string). */
	TransactionResult = 21,
}

/** Kinds of replicated ids in the schema. */
export const enum WireKind {
	Component = 1,
	Tag = 2,
	Relation = 3,
}

/** Largest unreliable payload Roblox delivers; larger calls are dropped. */
export const UNRELIABLE_LIMIT = 900;
/** Target size of one unreliable packet (room for the call's own overhead). */
export const UNRELIABLE_BUDGET = 880;
/** Bytes an unreliable event record leaves in a packet for the packet header (kind, tick). */
export const UNRELIABLE_EVENT_HEADROOM = 8;
/** Bytes an entity's unreliable record leaves in a mutation packet for headers (packet, group, record head). */
export const UNRELIABLE_RECORD_HEADROOM = 16;
