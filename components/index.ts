export * from "./replication";
export * from "./connection";
export * from "./stats";
