export { createDb, createDbFromEnv, type Db, type DbHandle, migrationsFolder } from "./client";
export * from "./queries/executions";
export * from "./schema";
export * from "./queries/queue";
