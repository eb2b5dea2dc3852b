/**
 * A connected player is an entity: these components live on it (server side),
 * so game systems can query connections like any other data.
 */
import jecs from "@rbxts/jecs";
import type { ConnectionState } from "../src/replication/connection";

/** Server: the Player of a connection entity. */
export const NetPlayer = jecs.component<Player>();

/** Server: the connection's replication state (buffers, acks, visibility). Internal. */
export const Connection = jecs.component<ConnectionState>();

/** Server: tag on connections whose client has said hello and receives replication. */
export const Ready = jecs.tag();
