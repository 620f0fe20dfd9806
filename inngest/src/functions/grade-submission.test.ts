import { createSubmission, createUser, type DbHandle, getSubmission, listProgress } from "@codeyard/drizzle";
import { createTestDb } from "@codeyard/drizzle/testing";
import type { GradeRequest, GradeResult } from "@codeyard/runner/contract";
import { InngestTestEngine } from "@inngest/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunnerClient } from "../runner-client";
import { createGradeSubmission } from "./grade-submission";

const tests = [
  { name: "adds", call: "add(2, 3)", expect: "5" },
  { name: "adds again", call: "add(1, 1)", expect: "2" },
];

function graderRunner(verdict: GradeResult["status"]) {
  const calls: GradeRequest[] = [];
  const client: RunnerClient = {
    healthy: async () => true,
    cancel: async () => false,
    run: async () => {
      throw new Error("not used here");
    },
    async grade(request) {
      calls.push(request);
      const value: GradeResult = {
        id: request.id,
        status: verdict,
        tests: request.tests.map((t) => ({ name: t.name, status: verdict === "pass" ? "pass" : "fail" })),
        wallMs: 10,
      };
      return { kind: "done", value };
    },
  };
  return { client, calls };
}

describe("grade-submission", () => {
  let handle: DbHandle;
  let userId: string;
  beforeAll(async () => {
    handle = await createTestDb();
    userId = (await createUser(handle.db, { username: "grader-test", passwordHash: "x", ageGroup: "16-plus" })).id;
  });
  afterAll(async () => {
    await handle?.close();
  });

  async function submitted(options: { examplesOnly?: boolean; exerciseId?: string } = {}) {
    const row = await createSubmission(handle.db, {
      userId,
      exerciseId: options.exerciseId ?? "16-plus/data-and-functions/add",
      files: [{ path: "main.py", content: "def add(a, b): return a + b" }],
      tests,
      examplesOnly: options.examplesOnly ?? false,
    });
    return { name: "submission/requested", data: { submissionId: row.id, userId, concurrencyKey: `user:${userId}` } };
  }

  it("grades with the stored hidden tests in 15 s and records progress once across passing answers", async () => {
    const runner = graderRunner("pass");
    const fn = createGradeSubmission({ getDb: async () => handle.db, runner: runner.client }).fn;
    const first = await submitted();
    await new InngestTestEngine({ function: fn }).execute({ events: [first] });
    const second = await submitted();
    await new InngestTestEngine({ function: fn }).execute({ events: [second] });

    expect(runner.calls[0]).toMatchObject({ language: "python", tests, limits: { wallMs: 15_000 } });
    const row = await getSubmission(handle.db, userId, first.data.submissionId);
    expect(row).toMatchObject({ status: "pass", result: { version: 3, status: "pass" } });
    const progress = await listProgress(handle.db, userId);
    expect(progress).toHaveLength(1);
    expect(progress[0]?.submissionId).toBe(first.data.submissionId);
  });

  it("a replay of a graded submission changes nothing", async () => {
    const runner = graderRunner("fail");
    const fn = createGradeSubmission({ getDb: async () => handle.db, runner: runner.client }).fn;
    const event = await submitted();
    await new InngestTestEngine({ function: fn }).execute({ events: [event] });
    const replay = await new InngestTestEngine({ function: fn }).execute({ events: [event] });
    expect(replay.result).toMatchObject({ skipped: true, status: "fail" });
    expect(runner.calls).toHaveLength(1);
  });

  it("keeps the exercise's tests and the learner's answer out of step state", async () => {
    const runner = graderRunner("fail");
    const fn = createGradeSubmission({ getDb: async () => handle.db, runner: runner.client }).fn;
    const event = await submitted();
    const { ctx } = await new InngestTestEngine({ function: fn }).execute({ events: [event] });
    const outputs = await Promise.all(
      (ctx.step.run as unknown as { mock: { results: Array<{ value: unknown }> } }).mock.results.map((r) => r.value),
    );
    const state = JSON.stringify(outputs);
    expect(state).toContain('"status":"fail"');
    expect(runner.calls[0]?.tests).toEqual(tests);
    for (const secret of ["add(2, 3)", "def add"]) expect(state).not.toContain(secret);
  });

  it("grades a Run examples check like an answer but records no progress", async () => {
    const runner = graderRunner("pass");
    const fn = createGradeSubmission({ getDb: async () => handle.db, runner: runner.client }).fn;
    const exerciseId = "16-plus/data-and-functions/examples-only";
    const event = await submitted({ examplesOnly: true, exerciseId });
    const { result } = await new InngestTestEngine({ function: fn }).execute({ events: [event] });

    expect(result).toMatchObject({ status: "pass", skipped: false });
    expect(runner.calls[0]).toMatchObject({ language: "python", tests, limits: { wallMs: 15_000 } });
    const row = await getSubmission(handle.db, userId, event.data.submissionId);
    expect(row).toMatchObject({ status: "pass", examplesOnly: true, result: { version: 3, status: "pass" } });
    expect((await listProgress(handle.db, userId)).map((p) => p.exerciseId)).not.toContain(exerciseId);
  });
});
