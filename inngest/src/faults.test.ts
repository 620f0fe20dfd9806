import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { countExecutions, createExecution, type DbHandle, getExecution } from "@codeyard/drizzle";
import { createTestDb } from "@codeyard/drizzle/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDispatcher } from "./dispatch";
import { createRunnerClient } from "./runner-client";

// A real runner process, killed and restarted on the same port while a run is in flight.
const runnerDir = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "runner");
const token = randomBytes(24).toString("hex");

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject()));
    });
  });
}

async function startRunner(port: number): Promise<ChildProcess> {
  // node --import tsx keeps the server in this one process, so a kill hits the server itself.
  const child = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], {
    cwd: runnerDir,
    env: { PATH: process.env.PATH, RUNNER_TOKEN: token, RUNNER_PORT: String(port), LOG_LEVEL: "warn" },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`runner exited with ${child.exitCode}: is Docker up and the image built?`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("runner did not become healthy within 60 s");
}

async function waitFor<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await fn();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe("fault: the runner dies mid-run", () => {
  let handle: DbHandle;
  let runner: ChildProcess | undefined;
  beforeAll(async () => {
    handle = await createTestDb();
  });
  afterAll(async () => {
    runner?.kill("SIGTERM");
    await handle?.close();
  });

  it("the run completes after the runner restarts, and is recorded once", { timeout: 240_000 }, async () => {
    const port = await freePort();
    runner = await startRunner(port);
    const dispatcher = createDispatcher({
      getDb: async () => handle.db,
      runner: createRunnerClient({ url: `http://127.0.0.1:${port}`, token }),
      mode: "inline",
      schedule: false,
      inline: { backoffMs: 3_000 },
    });
    const row = await createExecution(handle.db, {
      language: "python",
      files: [{ path: "main.py", content: "import time\ntime.sleep(1.5)\nprint('survived')" }],
    });
    await dispatcher.send({
      name: "execution/requested",
      data: { executionId: row.id, userId: null, concurrencyKey: "ip:fault-test" },
    });

    await waitFor(
      "the run to start",
      async () => {
        const current = await getExecution(handle.db, row.id);
        return current?.status === "running" ? current : undefined;
      },
      20_000,
    );
    await new Promise((r) => setTimeout(r, 400));
    runner.kill("SIGKILL");
    await new Promise((r) => runner?.once("exit", r));
    runner = await startRunner(port);

    await dispatcher.drain();
    const final = await getExecution(handle.db, row.id);
    expect(final).toMatchObject({ status: "ok", stdout: "survived\n", exitCode: 0 });
    expect(await countExecutions(handle.db)).toBe(1);
  });
});
