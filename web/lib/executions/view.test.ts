import {
  createExecution,
  type ExecutionStatus as DbExecutionStatus,
  type DbHandle,
  executionStatuses as dbExecutionStatuses,
  failExecution,
  getExecution,
  saveExecutionResult,
} from "@codeyard/drizzle";
import { createTestDb } from "@codeyard/drizzle/testing";
import { runStatuses } from "@codeyard/runner/contract";
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { ErrorView, type ExecutionStatus, ExecutionView, executionStatuses, toExecutionView } from "./view";

describe("ExecutionView", () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDb();
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("lists the runner's statuses after queued and running, as the database does", () => {
    expect(executionStatuses).toEqual(["queued", "running", ...runStatuses]);
    expect([...dbExecutionStatuses].sort()).toEqual([...executionStatuses].sort());
    expectTypeOf<ExecutionStatus>().toEqualTypeOf<DbExecutionStatus>();
  });

  it("is what the server builds from a finished row, and hides the files, stdin and owner", async () => {
    const row = await createExecution(handle.db, {
      userId: "someone",
      language: "python",
      files: [{ path: "main.py", content: "print('secret code')" }],
      stdin: "secret input",
    });
    await saveExecutionResult(handle.db, row.id, {
      status: "cpu_limit",
      exitCode: 137,
      signal: null,
      stdout: "partial\n",
      stderr: "",
      truncated: false,
      wallMs: 812,
      cpuMs: 500,
      memoryKib: 2048,
      images: [{ mediaType: "image/png", data: "iVBORw0KGgo=" }],
    });
    const stored = await getExecution(handle.db, row.id);
    if (!stored) throw new Error("row vanished");

    const answer = JSON.parse(JSON.stringify(toExecutionView(stored)));
    const parsed = ExecutionView.parse(answer);
    expect(parsed).toMatchObject({ id: row.id, status: "cpu_limit", stdout: "partial\n", wallMs: 812, error: null });
    expect(parsed.images).toEqual([{ mediaType: "image/png", data: "iVBORw0KGgo=" }]);
    expect(JSON.stringify(answer)).not.toMatch(/secret|someone/);
  });

  it("says why only for internal_error, and parses a run still queued", async () => {
    const row = await createExecution(handle.db, { userId: null, language: "python", files: [] });
    const queued = ExecutionView.parse(JSON.parse(JSON.stringify(toExecutionView(row))));
    expect(queued).toMatchObject({ status: "queued", finishedAt: null, startedAt: null, wallMs: null });

    await failExecution(handle.db, row.id, "the runner at 127.0.0.1:8787 refused the connection");
    const failed = await getExecution(handle.db, row.id);
    if (!failed) throw new Error("row vanished");
    expect(toExecutionView(failed)).toMatchObject({
      status: "internal_error",
      error: expect.stringMatching(/refused/),
    });
  });

  it("refuses an answer with a status nobody defined", () => {
    const base = { id: crypto.randomUUID(), stdout: "", stderr: "", exitCode: 0, signal: null, wallMs: 1 };
    const answer = { ...base, truncated: false, cpuMs: null, memoryKib: null, images: [], error: null };
    const times = { createdAt: new Date().toISOString(), startedAt: null, finishedAt: null };
    expect(ExecutionView.safeParse({ ...answer, ...times, status: "ok" }).success).toBe(true);
    expect(ExecutionView.safeParse({ ...answer, ...times, status: "exploded" }).success).toBe(false);
  });
});

describe("ErrorView", () => {
  it("reads a quota refusal, an outstanding-work refusal and a plain error", () => {
    const resetAt = new Date(Date.now() + 30_000).toISOString();
    expect(
      ErrorView.parse({ error: "You have used your 5 runs for this minute; more in 30 s.", limit: "minute", resetAt }),
    ).toMatchObject({ limit: "minute", resetAt });
    expect(
      ErrorView.parse({ error: "You already have 2 runs waiting. Wait for one to finish.", limit: "outstanding" }),
    ).toEqual({ error: "You already have 2 runs waiting. Wait for one to finish.", limit: "outstanding" });
    expect(ErrorView.parse({ error: "No run with this id." })).toEqual({ error: "No run with this id." });
  });

  it("refuses an answer without a sentence or with an unknown limit", () => {
    expect(ErrorView.safeParse({ error: "  " }).success).toBe(false);
    expect(ErrorView.safeParse({ message: "nope" }).success).toBe(false);
    expect(ErrorView.safeParse({ error: "x", limit: "hour" }).success).toBe(false);
  });
});
