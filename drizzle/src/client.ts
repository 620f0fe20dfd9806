import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres";
import { migrate as migrateNodePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import { env } from "./env";
import * as schema from "./schema";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface DbHandle {
  db: Db;
  kind: "postgres" | "pglite";
  /** Applies every committed migration that has not run yet. */
  migrate(migrationsFolder?: string): Promise<void>;
  close(): Promise<void>;
}

export const migrationsFolder = join(dirname(fileURLToPath(import.meta.url)), "..", "migrations");

/** Postgres when a URL is given (Neon, Vercel, any server), else PGlite stored in `pgliteDir`. */
export function createDb(options: { url?: string; pgliteDir?: string }): DbHandle {
  if (options.url) {
    const pool = new pg.Pool({ connectionString: options.url, max: 10, connectionTimeoutMillis: 5_000 });
    // An idle connection dropped by the server (restart, failover) must not crash the process;
    // the pool replaces it and the next query reports any lasting outage.
    pool.on("error", () => {});
    const db = drizzleNodePg({ client: pool, schema, casing: "snake_case" });
    return {
      db,
      kind: "postgres",
      migrate: (folder = migrationsFolder) => migrateNodePg(db, { migrationsFolder: folder }),
      close: () => pool.end(),
    };
  }
  const client = new PGlite(options.pgliteDir ?? "memory://");
  const db = drizzlePglite({ client, schema, casing: "snake_case" });
  return {
    db,
    kind: "pglite",
    migrate: (folder = migrationsFolder) => migratePglite(db, { migrationsFolder: folder }),
    close: () => client.close(),
  };
}

/** The database the environment configures: DATABASE_URL, else PGlite in PGLITE_DIR. */
export function createDbFromEnv(): DbHandle {
  if (!env.DATABASE_URL) mkdirSync(env.PGLITE_DIR, { recursive: true });
  return createDb({ url: env.DATABASE_URL, pgliteDir: env.PGLITE_DIR });
}

/** Resolves when the database answers a trivial query. */
export async function pingDb(db: Db): Promise<void> {
  await db.execute(sql`select 1`);
}
