export * from "./executions";
