import { rmSync } from "node:fs";
import { env } from "./env";
import { stopCluster } from "./postgres-cluster";

export default function globalTeardown() {
  try {
    stopCluster({ dir: env.E2E_PG_DIR, port: env.E2E_PG_PORT, url: "" });
  } catch {
    // already stopped
  }
  rmSync(env.E2E_PG_DIR, { recursive: true, force: true });
}
