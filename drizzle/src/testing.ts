import { randomBytes } from "node:crypto";
import pg from "pg";
import { createDb, type DbHandle } from "./client";
import { env } from "./env";

/** A fresh, migrated database on the local Postgres server, dropped again by close(). */
export async function createTestDb(): Promise<DbHandle & { url: string }> {
  const admin = new pg.Client({ connectionString: env.TEST_DATABASE_URL, connectionTimeoutMillis: 3_000 });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(
      `Tests need PostgreSQL at ${env.TEST_DATABASE_URL} (set TEST_DATABASE_URL to change it). ` +
        `Start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start ` +
        `(${error instanceof Error ? error.message : String(error)})`,
    );
  }
  const name = `codeyard_test_${randomBytes(6).toString("hex")}`;
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(env.TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  const handle = createDb({ url: url.toString() });
  await handle.migrate();
  return {
    ...handle,
    url: url.toString(),
    async close() {
      await handle.close();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}
