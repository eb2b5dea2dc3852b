/**
 * Puts a wrapper around the transport a net uses (the profiler and the
 * conditioner wrap it). Systems read `context.transport` at every call, so the
 * wrapper takes effect from the next packet. Wrappers stack: each wraps the
 * transport in use at the time; a tool that stops turns its wrapper into a
 * pass-through rather than unwinding the stack.
 */
import { ServerNet } from "../src/net/server";
import type { ClientNet } from "../src/net/client";
import { ClientTransport, ServerTransport } from "../src/transport/transport";

export function isServerNet(net: ServerNet | ClientNet): net is ServerNet {
	return net instanceof ServerNet;
}

export function wrapServerTransport(net: ServerNet, wrap: (inner: ServerTransport) => ServerTransport) {
	const ctx = net.context as { transport: ServerTransport };
	ctx.transport = wrap(ctx.transport);
}

export function wrapClientTransport(net: ClientNet, wrap: (inner: ClientTransport) => ClientTransport) {
	const ctx = net.context as { transport: ClientTransport };
	ctx.transport = wrap(ctx.transport);
}
