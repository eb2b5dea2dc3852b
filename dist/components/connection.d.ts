/**
 * A connected player is an entity: these components live on it (server side),
 * so game systems can query connections like any other data.
 */
import jecs from "@rbxts/jecs";
import type { ConnectionState } from "../src/replication/connection";
/** Server: the Player of a connection entity. */
export declare const NetPlayer: jecs.Entity<Player>;
/** Server: the connection's replication state (buffers, acks, visibility). Internal. */
export declare const Connection: jecs.Entity<ConnectionState>;
/** Server: tag on connections whose client has said hello and receives replication. */
export declare const Ready: jecs.Tag;
