import { netSim } from "../../support/net";
import type { ServerNet } from "../../../src/net/server";
import type { ClientNet } from "../../../src/net/client";
import type { ClientRequestHandle, ServerRequestHandle } from "../../../src";
import { check } from "../../support/check";
import Harness from "@rbxts/skyrocket-test";

type Handle = ServerRequestHandle<number, string> | ClientRequestHandle<number, string>;

export = () => {
	afterEach(() => Harness.destroyAll()); // every game this spec file starts is freed after each test
	const setup = (
		link: { latency?: number; loss?: number; jitter?: number },
		options: { timeout?: number; retries?: number; reliable?: boolean } = {},
	) => {
		const handles = new Map<ServerNet | ClientNet, Handle>();
		const ns = netSim<object>({
			sim: { clients: 1, seed: 33, link },
			define: () => ({}),
			register: (net, _c, _world, sky) => {
				handles.set(net, net.request("Double", { request: sky.codec.u16, response: sky.codec.str(20), ...options }) as Handle);
			},
		});
		return { ...ns, server: ns.server, handles };
	};

	/** Server answers every request: "2x" for x, rejects 13. */
	const answer = (ns: ReturnType<typeof setup>, handle: ServerRequestHandle<number, string>) => {
		ns.server.game = () => {
			for (const [e, value] of handle.incoming()) {
				if (value === 13) handle.fail(e, "unlucky number");
				else handle.respond(e, tostring(value * 2));
			}
		};
	};

	describe("requests", () => {
		it("resolve with the server's answer across a laggy link", () => {
			const ns = setup({ latency: 0.1, jitter: 0.02 });
			answer(ns, ns.handles.get(ns.server.net) as ServerRequestHandle<number, string>);
			const client = ns.handles.get(ns.clients[0].net) as ClientRequestHandle<number, string>;
			const results: string[] = [];
			for (const x of [1, 2, 21]) client.invoke(x).then((v) => results.push(v));
			ns.sim.run(1);
			expect(results.join(",")).to.equal("2,4,42");
		});

		it("reject with the server's error message", () => {
			const ns = setup({ latency: 0.05 });
			answer(ns, ns.handles.get(ns.server.net) as ServerRequestHandle<number, string>);
			const client = ns.handles.get(ns.clients[0].net) as ClientRequestHandle<number, string>;
			let failure: unknown;
			client.invoke(13).catch((e: unknown) => (failure = e));
			ns.sim.run(1);
			check(
				tostring(failure).find("unlucky number")[0] !== undefined,
				'expected: tostring(failure).find("unlucky number")[0] !== undefined',
			);
		});

		it("time out with a clear error when the server never answers", () => {
			const ns = setup({ latency: 0.05 }, { timeout: 0.5 });
			const client = ns.handles.get(ns.clients[0].net) as ClientRequestHandle<number, string>;
			let failure: unknown;
			let resolved = false;
			client.invoke(1).then(
				() => (resolved = true),
				(e: unknown) => (failure = e),
			);
			ns.sim.run(0.3);
			expect(failure).never.to.be.ok();
			ns.sim.run(0.6);
			check(!resolved, "expected not: resolved");
			check(tostring(failure).find("timed out")[0] !== undefined, 'expected: tostring(failure).find("timed out")[0] !== undefined');
		});

		it("answering a request twice errors at the second call; the client keeps the first answer", () => {
			const ns = setup({ latency: 0.05 });
			const handle = ns.handles.get(ns.server.net) as ServerRequestHandle<number, string>;
			const second: string[] = [];
			ns.server.game = () => {
				for (const [e, , sender] of handle.incoming()) {
					handle.respond(e, "first");
					const [ok, err] = pcall(() => handle.respond(e, "second"));
					second.push(ok ? "answered twice" : tostring(err));
					const id = ns.server.world.get(e, ns.server.sky.RequestId)!;
					const [ok2, err2] = pcall(() => handle.respondTo(sender, id, "third"));
					second.push(ok2 ? "answered three times" : tostring(err2));
				}
			};
			const client = ns.handles.get(ns.clients[0].net) as ClientRequestHandle<number, string>;
			const results: string[] = [];
			client.invoke(1).then((v) => results.push(v));
			ns.sim.run(1);
			expect(results.join(",")).to.equal("first");
			expect(second.size()).to.equal(2);
			for (const message of second) {
				check(
					message.find("was already answered", 1, true)[0] !== undefined,
					`the second answer errors at the call, got: ${message}`,
				);
			}
		});

		it("an answer the response codec refuses errors at the call and rejects the client's promise at once with the reason", () => {
			const ns = setup({ latency: 0.05 });
			const handle = ns.handles.get(ns.server.net) as ServerRequestHandle<number, string>;
			let serverError = "";
			ns.server.game = () => {
				for (const [e] of handle.incoming()) {
					const [ok, err] = pcall(() => handle.respond(e, "this answer is far longer than twenty bytes"));
					if (!ok) serverError = tostring(err);
				}
			};
			const client = ns.handles.get(ns.clients[0].net) as ClientRequestHandle<number, string>;
			let failure = "";
			client.invoke(1).catch((e: unknown) => (failure = tostring(e)));
			ns.sim.run(0.5); // far below the 10 s timeout: the rejection comes with the answer
			check(
				serverError.find("cannot answer request Double", 1, true)[0] !== undefined,
				`the server's call errors, got: ${serverError}`,
			);
			check(
				failure.find("could not be encoded", 1, true)[0] !== undefined,
				`the client's promise rejects at once, got: "${failure}"`,
			);
			check(
				failure.find("exceeds its limit of 20", 1, true)[0] !== undefined,
				`the rejection carries the codec's reason, got: "${failure}"`,
			);
		});

		it("retry unreliable requests over a lossy link until answered", () => {
			const ns = setup({ latency: 0.05, loss: 0.5 }, { timeout: 0.3, retries: 20, reliable: false });
			answer(ns, ns.handles.get(ns.server.net) as ServerRequestHandle<number, string>);
			const client = ns.handles.get(ns.clients[0].net) as ClientRequestHandle<number, string>;
			const results: string[] = [];
			for (let x = 1; x <= 10; x++) client.invoke(x).then((v) => results.push(v));
			ns.sim.run(8);
			expect(results.size()).to.equal(10);
			const attempts = ns.clients[0].net.stats().events.get("Double")!.sent;
			check(attempts > 10, "expected: attempts > 10");
		});
	});
};
