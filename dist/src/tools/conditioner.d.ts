import type { ClientNet } from "../net/client";
import type { ServerNet } from "../net/server";
/** What the conditioner does; every field is optional in `set()` (only the given ones change). */
export interface ConditionerSettings {
    /** Added one-way delay in seconds (default 0). */
    latency?: number;
    /** Each packet's delay varies uniformly within +-jitter seconds (default 0); never below zero. */
    jitter?: number;
    /** Probability (0..1) that an unreliable packet is dropped (default 0). Reliable packets are never dropped. */
    loss?: number;
    /** Condition the packets this side sends (default true). */
    outgoing?: boolean;
    /** Condition the packets this side receives too (default false): the same figures apply. */
    incoming?: boolean;
    /** Whether the conditioner acts at all (default true); turning it off sends what waits at once. */
    enabled?: boolean;
}
export interface ConditionerOptions extends ConditionerSettings {
    /** Seed of the conditioner's random numbers (default 1): the same seed drops the same packets. */
    seed?: number;
    /** Only act when RunService:IsStudio() (default true); elsewhere it passes packets through and warns once. */
    studioOnly?: boolean;
}
/** Counters of one direction, since the conditioner started. */
export interface ConditionerCounters {
    /** Packets that went through the conditioner, by channel (dropped ones included). */
    reliable: number;
    unreliable: number;
    /** Unreliable packets dropped. */
    dropped: number;
    /** Packets waiting for their time now. */
    waiting: number;
}
export declare class Conditioner {
    private readonly net;
    private latency;
    private jitter;
    private loss;
    private outgoing;
    private incoming;
    private enabled;
    /** False outside Studio when studioOnly: packets pass through untouched. */
    readonly allowed: boolean;
    private readonly random;
    private readonly out;
    private readonly into;
    private stopped;
    private readonly system;
    private readonly clock;
    constructor(net: ServerNet | ClientNet, options?: ConditionerOptions);
    private sendOut;
    private apply;
    private acting;
    /** Changes the given figures from now on (packets already waiting keep their time). */
    set(settings: ConditionerSettings): void;
    /** The figures in force. */
    settings(): Required<ConditionerSettings>;
    /** Counters per direction since the conditioner started. */
    stats(): {
        outgoing: ConditionerCounters;
        incoming: ConditionerCounters;
    };
    /** Decides a packet's fate: undefined when dropped, else when it is due. */
    private schedule;
    private offerOut;
    private filterIn;
    /** Hands the outgoing packets due by `now` to the transport (the releasePackets system calls it after the send phase). */
    release(now: number): void;
    private flushOut;
    /** Sends whatever waits, passes packets through from now on and leaves the pipeline. */
    stop(): void;
}
/**
 * Conditions `net`'s traffic (server or client): see ConditionerOptions. The
 * conditioner acts from the next packet; change it with `set()`.
 */
export declare function condition(net: ServerNet | ClientNet, options?: ConditionerOptions): Conditioner;
