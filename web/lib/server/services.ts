import "server-only";
import { createDbFromEnv, type Db } from "@codeyard/drizzle";
import { createDispatcher, createRunnerFleet, type Dispatcher, type RunnerFleet } from "@codeyard/inngest";

// One database and dispatcher per server process (PGlite allows a single opener), kept on
// globalThis so dev-mode module reloads reuse them. Nothing opens until first use, so
// `next build` importing the routes touches no database.
const store = globalThis as typeof globalThis & {
  __codeyardDb?: Promise<Db>;
  __codeyardDispatcher?: Dispatcher;
  __codeyardRunners?: RunnerFleet;
};

export function getDb(): Promise<Db> {
  store.__codeyardDb ??= (async () => {
    const handle = createDbFromEnv();
    // The embedded database migrates itself; a real Postgres is migrated by `pnpm db:migrate` at deploy.
    if (handle.kind === "pglite") await handle.migrate();
    return handle.db;
  })().catch((error: unknown) => {
    store.__codeyardDb = undefined;
    throw error;
  });
  return store.__codeyardDb;
}

/** The runners (RUNNER_URLS): one view of their health and load for the dispatcher and the socket tickets. */
export function getRunnerFleet(): RunnerFleet {
  store.__codeyardRunners ??= createRunnerFleet({ getDb });
  return store.__codeyardRunners;
}

export function getDispatcher(): Dispatcher {
  store.__codeyardDispatcher ??= createDispatcher({ getDb, runner: getRunnerFleet() });
  return store.__codeyardDispatcher;
}
