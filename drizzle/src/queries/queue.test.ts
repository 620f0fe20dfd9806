import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../client";
import { executions } from "../schema";
import { createTestDb } from "../testing";
import { createExecution, failExecution, markExecutionRunning, saveExecutionResult } from "./executions";
import { deleteExecutionsBefore, getQueueStats, listStaleExecutions } from "./queue";

const files = [{ path: "main.py", content: "" }];
const result = {
  status: "ok" as const,
  stdout: "",
  stderr: "",
  exitCode: 0,
  signal: null,
  wallMs: 1,
  truncated: false,
};

describe("queue queries (real Postgres)", () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDb();
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("counts queued, running, recently finished and failed runs", async () => {
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

    const stats = await getQueueStats(db);
    expect(stats).toMatchObject({ queued: 2, running: 1, finishedRecently: 2, failedRecently: 1, windowSeconds: 60 });
    expect(stats.oldestQueuedAt?.getTime()).toBeCloseTo(a.createdAt.getTime(), -2);
  });

  it("lists only unfinished runs older than the threshold, oldest first", async () => {
    const db = handle.db;
    const old = await createExecution(db, { language: "python", files });
    await db.update(executions).set({ createdAt: sql`now() - interval '10 minutes'` }).where(eq(executions.id, old.id));
    const stale = await listStaleExecutions(db, 300);
    expect(stale.map((s) => s.id)).toEqual([old.id]);
  });

  it("deletes old runs in batches", async () => {
    const db = handle.db;
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
