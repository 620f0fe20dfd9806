export { createDb, createDbFromEnv, type Db, type DbHandle, migrationsFolder, pingDb } from "./client";
export * from "./queries/executions";
export * from "./queries/learning";
export * from "./queries/queue";
export * from "./queries/users";
export * from "./queries/workspace-entries";
export * from "./queries/workspaces";
export * from "./schema";
