export * from "./executions";
export * from "./learning";
export * from "./users";
export * from "./workspaces";
