export * from "./executions";
export * from "./learning";
export * from "./reviews";
export * from "./users";
