import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../client";
import { executions, submissions } from "../schema";
import { createTestDb } from "../testing";
import { createExecution, failExecution, markExecutionRunning, saveExecutionResult } from "./executions";
import { createSubmission, failSubmission, markSubmissionRunning } from "./learning";
import {
  countOutstanding,
  deleteExecutionsBefore,
  getQueuePosition,
  getQueueStats,
  listLostWork,
  markDispatched,
} from "./queue";
import { createUser } from "./users";

const files = [{ path: "main.py", content: "" }];
const tests = [{ name: "prints", stdout: "1\n" }];
const result = {
  status: "ok" as const,
  stdout: "",
  stderr: "",
  exitCode: 0,
  signal: null,
  wallMs: 1,
  truncated: false,
};

describe("queue queries over runs and gradings (real Postgres)", () => {
  let handle: DbHandle;
  let userId: string;
  beforeAll(async () => {
    handle = await createTestDb();
    userId = (await createUser(handle.db, { username: "queue-tester", passwordHash: null, ageGroup: "16-plus" })).id;
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("counts queued, running, recently finished and failed work of both kinds", async () => {
    const db = handle.db;
    const a = await createExecution(db, { language: "python", files });
    await createExecution(db, { language: "python", files });
    const c = await createExecution(db, { language: "python", files });
    const d = await createExecution(db, { language: "python", files });
    const e = await createExecution(db, { language: "python", files });
    await markExecutionRunning(db, c.id);
    await markExecutionRunning(db, d.id);
    await saveExecutionResult(db, d.id, result);
    await failExecution(db, e.id, "runner down");
    const s1 = await createSubmission(db, { userId, exerciseId: "x", files, tests });
    const s2 = await createSubmission(db, { userId, exerciseId: "x", files, tests });
    await createSubmission(db, { userId, exerciseId: "x", files, tests });
    await markSubmissionRunning(db, s1.id);
    await failSubmission(db, s2.id, "grader broke");

    const stats = await getQueueStats(db);
    expect(stats.runs).toEqual({ queued: 2, running: 1, finishedRecently: 2, failedRecently: 1 });
    expect(stats.gradings).toEqual({ queued: 1, running: 1, finishedRecently: 1, failedRecently: 1 });
    expect(stats).toMatchObject({ queued: 3, running: 2, finishedRecently: 3, failedRecently: 2, windowSeconds: 60 });
    expect(stats.oldestQueuedAt?.getTime()).toBeCloseTo(a.createdAt.getTime(), -2);
    // One run went from running to finished (d); the failed one never started and is not a service time.
    expect(stats.serviceMs).toBeGreaterThanOrEqual(0);
    expect(stats.serviceMs).toBeLessThan(60_000);
  });

  it("places new work behind every queued run and grading created before it", async () => {
    const db = handle.db;
    await db.delete(executions);
    await db.delete(submissions);
    const first = await createExecution(db, { language: "python", files });
    await createSubmission(db, { userId, exerciseId: "x", files, tests });
    const third = await createExecution(db, { language: "python", files });
    expect(await getQueuePosition(db, "execution", first.id)).toBe(1);
    expect(await getQueuePosition(db, "execution", third.id)).toBe(3);
    await markExecutionRunning(db, first.id);
    expect(await getQueuePosition(db, "execution", third.id)).toBe(2);
  });

  it("counts outstanding work per concurrency key and kind", async () => {
    const db = handle.db;
    const key = "ip:203.0.113.7";
    const one = await createExecution(db, { language: "python", files, concurrencyKey: key });
    await createExecution(db, { language: "python", files, concurrencyKey: key });
    await createExecution(db, { language: "python", files, concurrencyKey: "ip:198.51.100.1" });
    expect(await countOutstanding(db, "execution", key)).toBe(2);
    await markExecutionRunning(db, one.id);
    expect(await countOutstanding(db, "execution", key)).toBe(2);
    await saveExecutionResult(db, one.id, result);
    expect(await countOutstanding(db, "execution", key)).toBe(1);
    expect(await countOutstanding(db, "submission", `user:${userId}`)).toBe(1);
  });

  it("lists work as lost only when its last dispatch is older than the threshold", async () => {
    const db = handle.db;
    await db.delete(executions);
    await db.delete(submissions);
    // Interactive: the re-send must ask for the same run (stdin kept open), so the flag comes back with it.
    const lostRun = await createExecution(db, {
      language: "python",
      files,
      userId,
      concurrencyKey: `user:${userId}`,
      interactive: true,
    });
    const waiting = await createExecution(db, { language: "python", files });
    const lostGrading = await createSubmission(db, { userId, exerciseId: "x", files, tests });
    const old = sql`now() - interval '10 minutes'`;
    await db.update(executions).set({ dispatchedAt: old }).where(eq(executions.id, lostRun.id));
    await db.update(submissions).set({ dispatchedAt: old }).where(eq(submissions.id, lostGrading.id));
    // Created long ago but sent again just now: waiting its turn, not lost.
    await db.update(executions).set({ createdAt: old }).where(eq(executions.id, waiting.id));

    const lost = await listLostWork(db, 300);
    expect(lost).toEqual([
      {
        kind: "execution",
        id: lostRun.id,
        userId,
        concurrencyKey: `user:${userId}`,
        guestId: null,
        interactive: true,
      },
      {
        kind: "submission",
        id: lostGrading.id,
        userId,
        concurrencyKey: `user:${userId}`,
        guestId: null,
        interactive: false,
      },
    ]);
    await markDispatched(db, "execution", lostRun.id);
    expect((await listLostWork(db, 300)).map((w) => w.id)).toEqual([lostGrading.id]);
  });

  it("deletes old runs in batches", async () => {
    const db = handle.db;
    await db.delete(executions);
    for (let i = 0; i < 6; i++) await createExecution(db, { language: "python", files });
    await db.update(executions).set({ createdAt: sql`now() - interval '8 days'` });
    const fresh = await createExecution(db, { language: "python", files });
    const cutoff = new Date(Date.now() - 7 * 24 * 3600 * 1000);
    expect(await deleteExecutionsBefore(db, cutoff, 4)).toBe(4);
    expect(await deleteExecutionsBefore(db, cutoff, 4)).toBe(2);
    expect(await deleteExecutionsBefore(db, cutoff, 4)).toBe(0);
    const left = await db.select({ id: executions.id }).from(executions);
    expect(left).toEqual([{ id: fresh.id }]);
  });
});
