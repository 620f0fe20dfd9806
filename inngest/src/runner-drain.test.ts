// Deploy with overlap: one of two runners is told to drain during a burst. It finishes what it holds and exits;
// everything sent after goes to the other; no run fails and none runs twice.
import { randomBytes } from "node:crypto";
import { countExecutions, createExecution, type DbHandle, executions, getExecution } from "@codeyard/drizzle";
import { createTestDb } from "@codeyard/drizzle/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunnerProcess } from "./testing";

const token = randomBytes(24).toString("hex");
// Ports of this test alone.
const ports = [8843, 8844];
const urls = ports.map((port) => `http://127.0.0.1:${port}`);
const [a, b] = urls as [string, string];
// As deployed: Inngest's global limit is both runners' slots (env.ts reads this at import).
process.env.RUNNER_URLS = urls.join(",");
const { createDispatcher } = await import("./dispatch");
const { createRunnerClient } = await import("./runner-client");
const { createRunnerFleet } = await import("./runner-fleet");
const { startRunner } = await import("./testing");

describe("two runners, one drained during a burst", () => {
  let handle: DbHandle;
  const runners: RunnerProcess[] = [];
  /** Runs executed to the end ("run finished", ok), per execution id: on which runners, how many times. */
  const finished = new Map<string, string[]>();
  beforeAll(async () => {
    handle = await createTestDb();
    const started = await Promise.all(
      urls.map((url, i) =>
        startRunner({
          port: ports[i] as number,
          token,
          // Long enough for what B holds to finish on a crowded machine (a run stopped past it moves to A).
          env: { RUNNER_DRAIN_MS: "120000" },
          onLog: (line) => {
            if (line.msg === "run finished" && line.status === "ok" && typeof line.executionId === "string")
              finished.set(line.executionId, [...(finished.get(line.executionId) ?? []), url]);
          },
        }),
      ),
    );
    runners.push(...started);
  }, 200_000);
  afterAll(async () => {
    for (const r of runners) if (r.child.exitCode === null) r.child.kill("SIGTERM");
    await Promise.all(runners.map((r) => r.exited));
    await handle?.close();
  }, 60_000);

  it("finishes the drained runner's runs, sends it nothing new, and loses or repeats none", {
    timeout: 400_000,
  }, async () => {
    const { db } = handle;
    const fleet = createRunnerFleet({
      urls,
      getDb: async () => db,
      connect: (url) => createRunnerClient({ url, token }),
    });
    const dispatcher = createDispatcher({
      getDb: async () => db,
      runner: fleet,
      mode: "inline",
      schedule: false,
      inline: { backoffMs: 2_000 },
    });
    const program = (n: number) => `import time\ntime.sleep(1)\nprint(${n})`;
    const ids: string[] = [];
    const send = async (n: number) => {
      // A quarter from signed-in learners (a session each, two runs apiece: theirs run one at a time), the rest
      // anonymous.
      const userId = n % 4 === 0 ? `drain-user-${n % 8}` : null;
      const row = await createExecution(db, {
        userId,
        language: "python",
        files: [{ path: "main.py", content: program(n) }],
        concurrencyKey: userId ? `user:${userId}` : `ip:drain-${n}`,
      });
      ids.push(row.id);
      await dispatcher.send({
        name: "execution/requested",
        data: { executionId: row.id, userId, concurrencyKey: row.concurrencyKey },
      });
    };
    for (let n = 0; n < 8; n++) await send(n);

    // Once both runners hold work, B is told to drain, as a deploy does before starting its successor.
    const deadline = Date.now() + 120_000;
    for (;;) {
      const rows = await db.select({ runnerUrl: executions.runnerUrl }).from(executions);
      if (new Set(rows.map((r) => r.runnerUrl).filter(Boolean)).size === 2) break;
      if (Date.now() > deadline) throw new Error("work never reached both runners");
      await new Promise((r) => setTimeout(r, 50));
    }
    const drain = await fetch(`${b}/v1/drain`, { method: "POST", headers: { authorization: `Bearer ${token}` } });
    expect(drain.status).toBe(202);
    const heldByB = (await db.select({ id: executions.id, runnerUrl: executions.runnerUrl }).from(executions))
      .filter((r) => r.runnerUrl === b)
      .map((r) => r.id);
    expect(heldByB.length).toBeGreaterThan(0);

    // A second burst after the drain began, including learners whose home is B.
    const before = ids.length;
    for (let n = 8; n < 14; n++) await send(n);
    const late = ids.slice(before);

    await dispatcher.drain();
    // B exits by itself once its runs are done (code 0: a clean stop).
    expect(await runners[1]?.exited).toBe(0);

    expect(await countExecutions(db)).toBe(14);
    const finals = await Promise.all(ids.map((id) => getExecution(db, id)));
    finals.forEach((row, n) => {
      expect(row).toMatchObject({ status: "ok", stdout: `${n}\n`, exitCode: 0 });
    });
    // Each run executed exactly once, on one runner.
    for (const id of ids) expect(finished.get(id)?.length, `run ${id} executed ${finished.get(id)}`).toBe(1);
    // What B ran it finished; nothing sent after the drain began ran there.
    const ranOnB = ids.filter((id) => finished.get(id)?.[0] === b);
    expect(ranOnB.length).toBeGreaterThan(0);
    for (const id of late) expect(finished.get(id)).toEqual([a]);
    for (const id of late) expect((await getExecution(db, id))?.runnerUrl).toBe(a);
  });
});
