/**
 * The library's wire cost model (budgets, profiler) is the harness's (what
 * the bench and the byte specs count): the same bytes for every call size.
 */
import Harness from "@rbxts/skyrocket-test";
import { callBytes, CALL_OVERHEAD, CLIENT_TO_SERVER_OVERHEAD, TYPE_TAG } from "../../../src/wire/cost";
import { assertEqual } from "../../support/check";

export = () => {
	describe("wire cost model", () => {
		it("charges what the harness measures for a call carrying one buffer, either way", () => {
			assertEqual(CALL_OVERHEAD, Harness.wireCost.CALL_OVERHEAD, "call overhead");
			assertEqual(CLIENT_TO_SERVER_OVERHEAD, Harness.wireCost.CLIENT_TO_SERVER_OVERHEAD, "client-to-server overhead");
			assertEqual(TYPE_TAG, Harness.wireCost.TYPE_TAG, "type tag");
			for (const size of [0, 1, 100, 127, 128, 300, 900, 16383, 16384]) {
				for (const up of [false, true]) {
					assertEqual(
						callBytes(size, up),
						Harness.remoteCallBytes(up, buffer.create(size)),
						`bytes of a ${size}-byte buffer ${up ? "to the server" : "to a client"}`,
					);
				}
			}
		});
	});
};
