import { rmSync } from "node:fs";
import { stopCluster } from "./postgres-cluster";

export default function globalTeardown() {
  const dir = process.env.E2E_PG_DIR;
  if (!dir) return;
  try {
    stopCluster({ dir, port: Number(process.env.E2E_PG_PORT), url: "" });
  } catch {
    // already stopped
  }
  rmSync(dir, { recursive: true, force: true });
}
