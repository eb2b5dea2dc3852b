/**
 * Server-assigned entity handles: small dense integers (1, 2, 3...) that stand
 * for entities on the wire. One handle space for all clients, so a change is
 * encoded once and the same bytes go to every client that sees it. A freed
 * handle is reused only after `quarantine` seconds, so a late packet can never
 * name the wrong entity.
 */
export declare class HandleAllocator {
    private readonly quarantine;
    private next;
    private free;
    private freeAt;
    private head;
    constructor(quarantine?: number);
    alloc(now: number): number;
    release(handle: number, now: number): void;
    private compact;
}
