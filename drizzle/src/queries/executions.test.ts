import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../client";
import { createTestDb } from "../testing";
import {
  cancelExecution,
  createExecution,
  type ExecutionResult,
  failExecution,
  getExecution,
  markExecutionRunning,
  saveExecutionResult,
} from "./executions";

const okResult: ExecutionResult = {
  status: "ok",
  stdout: "hi\n",
  stderr: "",
  exitCode: 0,
  signal: null,
  wallMs: 42,
  truncated: false,
};

describe("execution queries (real Postgres)", () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDb();
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("creates a queued execution and reads it back", async () => {
    const row = await createExecution(handle.db, { language: "python", files: [{ path: "main.py", content: "1" }] });
    expect(row.status).toBe("queued");
    expect(row.stdin).toBe("");
    const read = await getExecution(handle.db, row.id);
    expect(read?.files).toEqual([{ path: "main.py", content: "1" }]);
    expect(read?.createdAt).toBeInstanceOf(Date);
  });

  it("returns undefined for an unknown id", async () => {
    expect(await getExecution(handle.db, "00000000-0000-4000-8000-000000000000")).toBeUndefined();
  });

  it("moves queued -> running -> ok and keeps the first result on a replay", async () => {
    const { id } = await createExecution(handle.db, { language: "python", files: [{ path: "main.py", content: "" }] });
    const running = await markExecutionRunning(handle.db, id);
    expect(running?.status).toBe("running");
    expect(running?.startedAt).toBeInstanceOf(Date);
    expect(await saveExecutionResult(handle.db, id, okResult)).toBe(true);

    // A replay may neither restart nor overwrite a finished run.
    expect(await markExecutionRunning(handle.db, id)).toBeUndefined();
    expect(await saveExecutionResult(handle.db, id, { ...okResult, stdout: "forged\n" })).toBe(false);
    expect(await failExecution(handle.db, id, "late failure")).toBe(false);
    const final = await getExecution(handle.db, id);
    expect(final).toMatchObject({ status: "ok", stdout: "hi\n", exitCode: 0, wallMs: 42 });
    expect(final?.finishedAt).toBeInstanceOf(Date);
  });

  it("records an internal failure that a later replay may replace", async () => {
    const { id } = await createExecution(handle.db, { language: "python", files: [{ path: "main.py", content: "" }] });
    expect(await failExecution(handle.db, id, "runner unreachable")).toBe(true);
    expect(await getExecution(handle.db, id)).toMatchObject({ status: "internal_error", error: "runner unreachable" });
    expect((await markExecutionRunning(handle.db, id))?.error).toBeNull();
    expect(await saveExecutionResult(handle.db, id, okResult)).toBe(true);
    expect((await getExecution(handle.db, id))?.status).toBe("ok");
  });
});

describe("cancelExecution (real Postgres)", () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDb();
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("cancels an unfinished run, which no later step can overwrite", async () => {
    const { id } = await createExecution(handle.db, { language: "python", files: [{ path: "main.py", content: "" }] });
    await markExecutionRunning(handle.db, id);
    expect(await cancelExecution(handle.db, id)).toBe(true);
    expect(await saveExecutionResult(handle.db, id, okResult)).toBe(false);
    expect(await markExecutionRunning(handle.db, id)).toBeUndefined();
    expect(await cancelExecution(handle.db, id)).toBe(false);
    expect((await getExecution(handle.db, id))?.status).toBe("cancelled");
  });
});
