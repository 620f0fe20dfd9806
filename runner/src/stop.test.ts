// A runner stopped the way systemd stops it (SIGTERM to its whole process group, `pnpm start` included) leaves
// none of its sandboxes behind: pool and session containers go before it exits.
import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { openSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { docker, requireSandbox } from "./testing";

const port = 3192;
const token = "stop-test-token-0123456789";
const instance = `stop-test-${randomUUID().slice(0, 8)}`;
const base = `http://127.0.0.1:${port}`;
const logFile = join(tmpdir(), `${instance}.log`);
let runner: ChildProcess | undefined;

const auth = { authorization: `Bearer ${token}` };

function pythonRun(content: string) {
  return { id: `stop-${randomUUID()}`, language: "python", files: [{ path: "main.py", content }] };
}

function post(body: unknown): Promise<Response> {
  return fetch(`${base}/v1/executions`, {
    method: "POST",
    headers: { ...auth, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

async function instanceContainers(): Promise<string[]> {
  const found = await docker.listContainers({
    all: true,
    filters: { label: [`codeyard.runner.instance=${instance}`] },
  });
  return found.map((c) => c.Id);
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until(check: () => Promise<boolean> | boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

beforeAll(async () => {
  await requireSandbox();
  // Its own process group, as under systemd: pnpm, node and anything they start share it.
  runner = spawn("pnpm", ["-F", "@codeyard/runner", "start"], {
    detached: true,
    // Its log, to read when this test fails.
    stdio: ["ignore", openSync(logFile, "w"), openSync(logFile, "a")],
    env: {
      ...process.env,
      RUNNER_TOKEN: token,
      RUNNER_PORT: String(port),
      RUNNER_INSTANCE_ID: instance,
      RUNNER_POOL_SIZE: "1",
      LOG_LEVEL: "info",
    },
  });
  await until(
    () =>
      fetch(`${base}/healthz`).then(
        (r) => r.ok,
        () => false,
      ),
    120_000,
    "the runner to listen",
  );
}, 150_000);

afterAll(async () => {
  // Only if an assertion failed before the stop: never leave this test's runner or its sandboxes behind.
  if (runner?.pid !== undefined && groupAlive(runner.pid)) process.kill(-runner.pid, "SIGKILL");
  for (const id of await instanceContainers()) await docker.getContainer(id).remove({ force: true });
});

describe("stopping a runner with SIGTERM to its process group", () => {
  it("drains (the run in flight finishes, a new one is refused), then removes its sandboxes and exits", async () => {
    const run = await post({ ...pythonRun("print('hi')"), session: { userId: "stop-test-user" } });
    expect(run.status).toBe(200);
    expect(await run.json()).toMatchObject({ status: "ok", stdout: "hi\n" });
    // The session adopted a pool sandbox; the pool refilled: one per language plus the session's.
    await until(async () => (await instanceContainers()).length >= 3, 120_000, "pool and session sandboxes");

    // Metrics, behind the token: the session, the pool and the sandbox start times are counted.
    expect((await fetch(`${base}/metrics`)).status).toBe(401);
    const metrics = await (await fetch(`${base}/metrics`, { headers: auth })).text();
    expect(metrics).toMatch(/^codeyard_runner_sessions 1$/m);
    expect(metrics).toMatch(/^codeyard_runner_draining 0$/m);
    expect(metrics).toMatch(/^codeyard_runner_runs_in_flight 0$/m);
    expect(metrics).toMatch(/^codeyard_runner_finished_total\{kind="run"\} 1$/m);
    expect(metrics).toMatch(/^codeyard_runner_sandbox_start_seconds_count\{language="python"\} [1-9]/m);
    expect(metrics).toMatch(/^codeyard_runner_pool_sandboxes\{language="javascript",state="ready"\} /m);

    // Drain: a long run in flight at the SIGTERM finishes; a new one is refused with 503 and Retry-After.
    const long = post({ ...pythonRun("import time\ntime.sleep(4)\nprint('done')"), session: { userId: "stop-long" } });
    await until(
      async () => {
        const res = await fetch(`${base}/v1/capacity`, { headers: auth });
        return ((await res.json()) as { inFlight: { runs: number } }).inFlight.runs > 0;
      },
      60_000,
      "the long run to be in flight",
    );
    const pgid = runner?.pid ?? 0;
    process.kill(-pgid, "SIGTERM");
    await until(
      () =>
        fetch(`${base}/healthz`).then(
          (r) => r.status === 503,
          () => false,
        ),
      30_000,
      "the runner to report draining",
    );
    const refused = await post(pythonRun("print('late')"));
    expect(refused.status).toBe(503);
    expect(refused.headers.get("retry-after")).toBe("1");
    expect(await refused.json()).toMatchObject({ error: expect.stringContaining("another runner") });
    const during = await (await fetch(`${base}/metrics`, { headers: auth })).text();
    expect(during).toMatch(/^codeyard_runner_draining 1$/m);
    expect(during).toMatch(/^codeyard_runner_refusals_total\{reason="draining"\} 1$/m);
    const finished = await long;
    expect(finished.status).toBe(200);
    expect(await finished.json()).toMatchObject({ status: "ok", stdout: "done\n" });

    await until(() => !groupAlive(pgid), 60_000, `the runner's process group to exit (log: ${logFile})`);
    expect(await instanceContainers()).toEqual([]);
  }, 300_000);
});
