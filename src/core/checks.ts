/**
 * Runs the optional `check` of an event or replicated component and says what
 * failed. @rbxts/t's checks return only true or false; a check that returns
 * `false, message` (Luau's t, or your own) has its message shown too. The
 * value that failed is always shown, in TypeScript syntax and bounded.
 */
import { describeValue } from "./describeValue";

/** A check as Luau's t writes them: `(ok, message?)`. */
// eslint-disable-next-line roblox-ts/no-user-defined-lua-tuple -- describes what Luau's t returns
type CheckWithMessage = (value: unknown) => LuaTuple<[boolean, string | undefined]>;

/**
 * Undefined when `check(value)` passes; otherwise what failed: the check's
 * message when it gives one, and the value (`got { angle: 900 }`).
 */
export function checkFailure(check: (value: unknown) => boolean, value: unknown): string | undefined {
	const [ok, message] = (check as unknown as CheckWithMessage)(value);
	if (ok) return undefined;
	const got = `got ${describeValue(value)}`;
	return typeIs(message, "string") && message !== "" ? `${message} (${got})` : got;
}
