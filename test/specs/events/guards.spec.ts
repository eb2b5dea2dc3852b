import { netSim } from "../../support/net";
import type { ServerNet } from "../../../src/net/server";
import type { ClientNet } from "../../../src/net/client";
import type { ClientEventHandle, ServerEventHandle } from "../../../src";
import { check } from "../../support/check";
import Harness from "@rbxts/skyrocket-test";

type Shout = ServerEventHandle<string> | ClientEventHandle<string>;

export = () => {
	afterEach(() => Harness.destroyAll()); // every game this spec file starts is freed after each test
	const setup = (clients = 2) => {
		const handles = new Map<ServerNet | ClientNet, Shout>();
		const ns = netSim<object>({
			sim: { clients, seed: 44, link: { latency: 0.02 } },
			define: () => ({}),
			register: (net, _c, _world, sky) => {
				handles.set(
					net,
					net.event("Shout", {
						codec: sky.codec.str(50),
						from: "client",
						check: (v) => typeIs(v, "string") && v !== "forbidden",
						rate: { rate: 10, burst: 20 },
					}),
				);
			},
		});
		return { ...ns, handles };
	};

	const counter = (ns: ReturnType<typeof setup>) => {
		const perPlayer = new Map<Player, number>();
		const handle = ns.handles.get(ns.server.net) as ServerEventHandle<string>;
		const prior = ns.server.game;
		ns.server.game = (dt) => {
			prior?.(dt);
			for (const [, , sender] of ns.server.world.query(handle.Incoming, ns.server.sky.Sender)) {
				perPlayer.set(sender, (perPlayer.get(sender) ?? 0) + 1);
			}
		};
		return perPlayer;
	};

	describe("guards", () => {
		it("a client firing an event 10,000 times in a second is held to its rate; others are unaffected", () => {
			const ns = setup();
			const counts = counter(ns);
			const spam = ns.handles.get(ns.clients[0].net) as ClientEventHandle<string>;
			const calm = ns.handles.get(ns.clients[1].net) as ClientEventHandle<string>;
			let frames = 0;
			ns.clients[0].game = () => {
				if (frames < 60) for (let i = 0; i < 167; i++) spam.send("spam");
				frames += 1;
			};
			let calmFrames = 0;
			ns.clients[1].game = () => {
				if (calmFrames < 60 && calmFrames % 10 === 0) calm.send("hi");
				calmFrames += 1;
			};
			ns.sim.run(2);
			const spammer = counts.get(ns.clients[0].peer.serverPlayer) ?? 0;
			// burst 20 + 10/s over ~1-2 s
			check(spammer >= 20 && spammer <= 45, "expected: spammer >= 20 && spammer <= 45");
			expect(counts.get(ns.clients[1].peer.serverPlayer)).to.equal(6);
			const stats = ns.server.net.stats(ns.clients[0].peer.serverPlayer)!;
			check(stats.events.get("Shout")!.rateLimited > 9000, 'expected: stats.events.get("Shout")!.rateLimited > 9000');
		});

		it("failed checks are dropped and reported as Violations the game can query", () => {
			const ns = setup();
			const counts = counter(ns);
			const violations: string[] = [];
			const Violation = ns.server.sky.Violation;
			const prior = ns.server.game;
			ns.server.game = (dt) => {
				prior?.(dt);
				for (const [, v] of ns.server.world.query(Violation)) violations.push(`${v.player.Name}:${v.kind}:${v.event}`);
			};
			const shout = ns.handles.get(ns.clients[0].net) as ClientEventHandle<string>;
			shout.send("fine");
			shout.send("forbidden");
			ns.sim.run(0.5);
			expect(counts.get(ns.clients[0].peer.serverPlayer)).to.equal(1);
			expect(violations.join(";")).to.equal(`${ns.clients[0].peer.serverPlayer.Name}:validation:Shout`);
		});

		it("a failed check names what failed in the Violation detail and the warning", () => {
			const ns = setup();
			const details: string[] = [];
			const Violation = ns.server.sky.Violation;
			ns.server.game = () => {
				for (const [, v] of ns.server.world.query(Violation)) details.push(v.detail);
			};
			const shout = ns.handles.get(ns.clients[0].net) as ClientEventHandle<string>;
			shout.send("forbidden");
			ns.sim.run(0.5);
			// the check (a plain function, as @rbxts/t's are) gives no reason: the value that failed is named
			expect(details.join(";")).to.equal(`payload failed the Shout check: got "forbidden"`);
			const warned = ns.sim.server.warnings.join("\n");
			check(
				warned.find(`payload failed the Shout check: got "forbidden"`, 1, true)[0] !== undefined,
				`the warning names the failed value, got: ${warned}`,
			);
		});

		it("a check that returns a message (Luau's t style) has it shown with the value", () => {
			type Aim = ServerEventHandle<{ angle: number }> | ClientEventHandle<{ angle: number }>;
			const aims = new Map<ServerNet | ClientNet, Aim>();
			// what Luau's t returns: ok, and a message when not ok
			const below360 = ((v: { angle: number }) =>
				// eslint-disable-next-line roblox-ts/no-user-defined-lua-tuple -- a check written the way Luau's t returns
				$tuple(v.angle < 360, v.angle < 360 ? undefined : "angle must be below 360")) as unknown as (v: unknown) => boolean;
			const ns = netSim<object>({
				sim: { clients: 1, seed: 45, link: { latency: 0.02 } },
				define: () => ({}),
				register: (net, _c, _world, sky) => {
					aims.set(net, net.event("Aim", { codec: sky.codec.struct({ angle: sky.codec.u16 }), from: "client", check: below360 }));
				},
			});
			const details: string[] = [];
			ns.server.game = () => {
				for (const [, v] of ns.server.world.query(ns.server.sky.Violation)) details.push(v.detail);
			};
			(aims.get(ns.clients[0].net) as ClientEventHandle<{ angle: number }>).send({ angle: 900 });
			ns.sim.run(0.5);
			expect(details.join(";")).to.equal("payload failed the Aim check: angle must be below 360 (got { angle: 900 })");
		});

		it("a middleware after the guard phase sees only valid events and can drop them", () => {
			const ns = setup();
			const counts = counter(ns);
			const handle = ns.handles.get(ns.server.net) as ServerEventHandle<string>;
			const seen: string[] = [];
			ns.server.net.use(
				() => {
					for (const [e, text] of handle.incoming()) {
						seen.push(text);
						if (text === "drop me") handle.drop(e, "no thanks");
					}
				},
				{ after: ns.server.sky.ServerPhase.Guard },
				"auth",
			);
			check(
				ns.server.net.describePipeline().join("\n").find("guard %(after%): auth")[0] !== undefined,
				'expected: ns.server.net.describePipeline().join("\n").find("guard %(after%): auth")[0] !== undefined',
			);
			const shout = ns.handles.get(ns.clients[0].net) as ClientEventHandle<string>;
			shout.send("hello");
			shout.send("forbidden");
			shout.send("drop me");
			ns.sim.run(0.5);
			expect(seen.join(",")).to.equal("hello,drop me");
			expect(counts.get(ns.clients[0].peer.serverPlayer)).to.equal(1);
			expect(ns.server.net.stats(ns.clients[0].peer.serverPlayer)!.events.get("Shout")!.rejected).to.equal(2);
		});
	});
};
