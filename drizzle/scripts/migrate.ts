// Applies committed migrations to DATABASE_URL, or to the embedded PGlite database in PGLITE_DIR.
import { mkdirSync } from "node:fs";
import { createDb } from "../src/client";
import { env } from "../src/env";

if (!env.DATABASE_URL) mkdirSync(env.PGLITE_DIR, { recursive: true });
const handle = createDb({ url: env.DATABASE_URL, pgliteDir: env.PGLITE_DIR });
try {
  await handle.migrate();
  console.log(`migrations applied (${handle.kind}${handle.kind === "pglite" ? ` at ${env.PGLITE_DIR}` : ""})`);
} catch (error) {
  console.error("migration failed:", error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await handle.close();
}
