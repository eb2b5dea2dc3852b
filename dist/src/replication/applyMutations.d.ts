import { Reader } from "../codec";
import { ClientContext } from "./clientContext";
/** Received packets kept as possible baselines (the server stays well inside this window). */
export declare const RECEIVED_WINDOW = 128;
export declare function applyMutations(ctx: ClientContext, r: Reader): boolean;
