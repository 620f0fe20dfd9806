// Applies committed migrations to DATABASE_URL, or to the embedded PGlite database in PGLITE_DIR.
import { createDbFromEnv } from "../src/client";

const handle = createDbFromEnv();
try {
  await handle.migrate();
  console.log(`migrations applied (${handle.kind})`);
} catch (error) {
  console.error("migration failed:", error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await handle.close();
}
