import { type ChildProcess, execFile, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { createProject, createUser, type DbHandle, listWorkspaceFiles } from "@codeyard/drizzle";
import { createTestDb } from "@codeyard/drizzle/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createInlineDriver } from "../inline/driver";
import { createTerminalFilesClient } from "../terminal-client";
import { syncTerminal } from "../terminal-sync";
import { createSyncTerminalFiles } from "./sync-terminal-files";

// The save loop against a real runner (its own process, real Docker) and real Postgres: a file written in the
// user's sandbox with no page open is saved within a period, and the loop ends once the sandbox is reaped.
const run = promisify(execFile);
const runnerDir = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "runner");
const port = Number(process.env.TERMSYNC_TEST_RUNNER_PORT ?? 8812);
const url = `http://127.0.0.1:${port}`;
const token = `test-token-${randomUUID()}`;
const instance = `sync-test-${process.pid}`;
const sessionIdleMs = 25_000;
const periodMs = 3_000;

let runner: ChildProcess | undefined;
let handle: DbHandle;
const output: string[] = [];

async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; runner said: ${output.join("")}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

beforeAll(async () => {
  handle = await createTestDb();
  runner = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], {
    cwd: runnerDir,
    env: {
      ...process.env,
      RUNNER_TOKEN: token,
      RUNNER_PORT: String(port),
      RUNNER_HOST: "127.0.0.1",
      RUNNER_POOL_SIZE: "0",
      RUNNER_SESSION_IDLE_MS: String(sessionIdleMs),
      RUNNER_INSTANCE_ID: instance,
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  runner.stdout?.on("data", (d: Buffer) => output.push(d.toString()));
  runner.stderr?.on("data", (d: Buffer) => output.push(d.toString()));
  await waitFor(
    "the runner (needs Docker and `pnpm sandbox:build`)",
    async () => {
      if (runner?.exitCode !== null) throw new Error("exited");
      return (await fetch(`${url}/healthz`)).ok ? true : undefined;
    },
    180_000,
  );
}, 240_000);

afterAll(async () => {
  if (runner && runner.exitCode === null) {
    const exited = new Promise((resolve) => runner?.once("exit", resolve));
    runner.kill("SIGTERM");
    await exited;
  }
  await handle?.close();
});

/** A session run: makes the user's sandbox if there is none. */
async function sessionRun(userId: string, code: string) {
  const response = await fetch(`${url}/v1/executions`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({
      id: randomUUID(),
      language: "python",
      files: [{ path: "main.py", content: code }],
      session: { userId },
    }),
  });
  expect(response.status).toBe(200);
  return response.json();
}

/** What a terminal does: a process in the sandbox, as its user, writing in /workspace. */
async function writeInSandbox(file: string, text: string) {
  const { stdout } = await run("docker", ["ps", "-q", "--filter", `label=codeyard.runner.instance=${instance}`]);
  const [container, ...others] = stdout.trim().split("\n").filter(Boolean);
  expect(others).toEqual([]);
  await run("docker", [
    "exec",
    "-u",
    "61000:61000",
    container as string,
    "sh",
    "-c",
    `echo ${text} > /workspace/${file}`,
  ]);
}

describe("sync-terminal-files (real runner, real Postgres)", () => {
  it("saves a file written in the sandbox with no page open, and stops once the sandbox is reaped", async () => {
    const { db } = handle;
    const userId = (await createUser(db, { username: "loop1", passwordHash: "h", ageGroup: "16-plus" })).id;
    const ws = await createProject(db, {
      userId,
      name: "Loop",
      language: "python",
      files: [{ path: "main.py", content: "print('hi')\n" }],
    });
    const owner = { userId, workspaceId: ws.id };
    const files = createTerminalFilesClient({ url, token });
    await sessionRun(userId, "print('hi')\n");
    // The page's first round when the terminal opened: the sandbox now holds this workspace.
    expect(await syncTerminal(db, files, owner)).toMatchObject({ sandbox: true, workspaceId: ws.id });

    const fn = createSyncTerminalFiles({ getDb: async () => db, files, periodMs, rounds: 3 });
    const driver = createInlineDriver([fn], { backoffMs: 200 });
    let most = 0;
    const watch = setInterval(() => {
      most = Math.max(most, driver.stats().active + driver.stats().pending);
    }, 50);
    try {
      driver.send({ name: "terminal/sync-requested", data: { userId } });
      // A re-open restarts the loop: still one.
      driver.send({ name: "terminal/sync-requested", data: { userId } });

      await writeInSandbox("late.txt", "late");
      const written = Date.now();
      const saved = await waitFor(
        "late.txt in Postgres",
        async () => (await listWorkspaceFiles(db, owner)).find((f) => f.path === "late.txt"),
        60_000,
      );
      expect(saved.content).toBe("late\n");
      // Within a period or so of the write (the first round may be a period away); generous for a slow host.
      expect(Date.now() - written).toBeLessThan(periodMs * 2 + 20_000);
      expect(driver.isLive("userId", userId)).toBe(true);

      // No run and no terminal: the runner reaps the sandbox after its idle time, and the loop ends.
      const ended = Date.now();
      await Promise.race([
        driver.drain(),
        new Promise((_, reject) =>
          setTimeout(() => reject(new Error("the loop did not end after the reap")), sessionIdleMs + 120_000),
        ),
      ]);
      expect(Date.now() - ended).toBeGreaterThan(1_000);
      expect((await files.list(userId)).sandbox).toBe(false);
      expect(driver.isLive("userId", userId)).toBe(false);
      // One loop at a time, across the re-open and each continuation as a new run (a cancelled run waits
      // for its successor's slot, so the successor counts as pending meanwhile).
      expect(most).toBeLessThanOrEqual(2);
    } finally {
      clearInterval(watch);
    }
  }, 400_000);
});
