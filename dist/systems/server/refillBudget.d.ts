import { ServerContext } from "../../src/replication/serverContext";
export declare function refillBudget(ctx: ServerContext): (dt: number) => void;
