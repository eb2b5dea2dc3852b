import { ServerContext } from "../../src/replication/serverContext";
export declare function updateVisibility(ctx: ServerContext): (dt: number) => void;
