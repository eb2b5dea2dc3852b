import { hello } from "../src";
export const Thing = hello(1);
