import { ReplicatedInfo } from "../../src/net/registry";
import { ClientContext } from "../../src/replication/clientContext";
export declare function enforceAuthority(ctx: ClientContext): {
    listen: (info: ReplicatedInfo) => void;
    system: () => void;
};
