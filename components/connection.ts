/**
 * A connected player is an entity: these components live on it (server side),
 * so game systems can query connections like any other data.
 */
import jecs from "@rbxts/jecs";

/** Server: the Player of a connection entity. */
export const NetPlayer = jecs.component<Player>();

/** Server: tag on connections whose client has said hello and receives replication. */
export const Ready = jecs.tag();
