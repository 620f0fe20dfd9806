import { defineConfig } from "@playwright/test";
import { createCluster } from "./e2e/postgres-cluster";

// The whole stack as a new user starts it (scripts/start-local.ts), on ports of its own, with a
// PostgreSQL server of its own that the fault tests may stop. Workers inherit it through the environment.
if (!process.env.E2E_PG_DIR) {
  const cluster = createCluster(Number(process.env.E2E_PG_PORT ?? 5499));
  process.env.E2E_PG_DIR = cluster.dir;
  process.env.E2E_PG_PORT = String(cluster.port);
  process.env.E2E_DATABASE_URL = cluster.url;
}
const port = Number(process.env.E2E_PORT ?? 3123);
const baseURL = `http://localhost:${port}`;

export default defineConfig({
  testDir: "e2e",
  // Room for a machine three times slower than a quiet one (CI runs beside other work): tests wait for
  // outcomes, never for a fixed time.
  timeout: 180_000,
  expect: { timeout: 60_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  outputDir: "test-results",
  globalTeardown: "./e2e/global-teardown.ts",
  use: {
    baseURL,
    // API calls made by the tests themselves come from the site's own origin, as the pages' calls do.
    extraHTTPHeaders: { origin: baseURL },
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [
    { name: "desktop", use: { viewport: { width: 1280, height: 800 } }, grepInvert: /@phone/ },
    { name: "phone", use: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }, grep: /@phone/ },
  ],
  webServer: {
    command: "tsx scripts/start-local.ts",
    url: `http://127.0.0.1:${port}/api/healthz`,
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
    env: {
      PORT: String(port),
      RUNNER_PORT: process.env.E2E_RUNNER_PORT ?? "8799",
      DATABASE_URL: process.env.E2E_DATABASE_URL as string,
      // The tests stand in for one trusted proxy: each speaks from an address of its own (X-Forwarded-For).
      TRUSTED_PROXY_HOPS: "1",
      LOG_LEVEL: "warn",
      // The review tests sign up a dozen accounts from one address.
      AUTH_SIGNUPS_PER_IP_PER_HOUR: "100",
    },
  },
});
