export * from "./executions";
export * from "./learning";
export * from "./users";
