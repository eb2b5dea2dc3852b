import jecs from "@rbxts/jecs"; import { Thing } from "../components"; export const w = jecs.world(); export const x = Thing;
