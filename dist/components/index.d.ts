export * from "./replication";
export * from "./connection";
export * from "./stats";
export * from "./events";
export * from "./interest";
