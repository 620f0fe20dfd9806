import { createExecution, type DbHandle, getExecution } from "@codeyard/drizzle";
import { createTestDb } from "@codeyard/drizzle/testing";
import type { RunRequest, RunResult } from "@codeyard/runner/contract";
import { InngestTestEngine, mockCtx } from "@inngest/test";
import { NonRetriableError } from "inngest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inngest } from "../client";
import { createInlineDriver } from "../inline-driver";
import type { RunnerClient } from "../runner-client";
import type { Workflow } from "../workflow";
import { createExecuteCode } from "./execute-code";

// The runner is a separate service (tested against real Docker in runner/); here a scripted
// client stands in so each answer, failure and retry can be chosen per test.
function scriptedRunner(answers: Array<(req: RunRequest) => RunResult | Error>) {
  const calls: RunRequest[] = [];
  const client: RunnerClient = {
    healthy: async () => true,
    cancel: async () => false,
    grade: async () => {
      throw new Error("not used here");
    },
    async run(request) {
      calls.push(request);
      const answer = answers[Math.min(calls.length - 1, answers.length - 1)];
      if (!answer) throw new Error("no scripted answer");
      const value = answer(request);
      if (value instanceof Error) throw value;
      return value;
    },
  };
  return { client, calls };
}

const ok = (req: RunRequest): RunResult => ({
  id: req.id,
  status: "ok",
  exitCode: 0,
  signal: null,
  stdout: `ran ${req.files[0]?.path}\n`,
  stderr: "",
  truncated: false,
  wallMs: 30,
});

describe("execute-code", () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDb();
  });
  afterAll(async () => {
    await handle?.close();
  });

  async function queued() {
    const row = await createExecution(handle.db, {
      language: "python",
      files: [{ path: "main.py", content: "print(1)" }],
      stdin: "x",
    });
    return { name: "execution/requested", data: { executionId: row.id, userId: null, concurrencyKey: `ip:${row.id}` } };
  }

  it("runs the three steps under Inngest's engine and saves the result", async () => {
    const runner = scriptedRunner([ok]);
    const workflow = createExecuteCode({ getDb: async () => handle.db, runner: runner.client });
    const event = await queued();
    const t = new InngestTestEngine({ function: workflow.fn });

    const { result, ctx } = await t.execute({ events: [event] });

    expect(result).toEqual({ executionId: event.data.executionId, status: "ok", skipped: false });
    expect(ctx.step.run).toHaveBeenCalledWith("mark-running", expect.any(Function));
    expect(ctx.step.run).toHaveBeenCalledWith("run-in-sandbox", expect.any(Function));
    expect(ctx.step.run).toHaveBeenCalledWith("save-result", expect.any(Function));
    expect(runner.calls[0]).toMatchObject({ id: event.data.executionId, language: "python", stdin: "x" });
    expect(runner.calls[0]?.limits?.wallMs).toBe(5000);
    const row = await getExecution(handle.db, event.data.executionId);
    expect(row).toMatchObject({ status: "ok", stdout: "ran main.py\n", exitCode: 0, wallMs: 30 });
  });

  it("executing the same event twice (a dashboard replay) leaves one result and one sandbox run", async () => {
    const runner = scriptedRunner([ok, (req) => ({ ...ok(req), stdout: "second\n" })]);
    const workflow = createExecuteCode({ getDb: async () => handle.db, runner: runner.client });
    const event = await queued();
    const t = new InngestTestEngine({ function: workflow.fn });

    await t.execute({ events: [event] });
    // A replay is a fresh run with no memoized steps.
    const replay = await new InngestTestEngine({ function: workflow.fn }).execute({ events: [event] });

    expect(replay.result).toMatchObject({ status: "ok", skipped: true });
    expect(runner.calls).toHaveLength(1);
    expect((await getExecution(handle.db, event.data.executionId))?.stdout).toBe("ran main.py\n");
  });

  it("onFailure, run through Inngest's engine, records internal_error with the reason", async () => {
    const workflow = createExecuteCode({ getDb: async () => handle.db, runner: scriptedRunner([ok]).client });
    const event = await queued();
    await handle.db.execute(`update executions set status = 'running' where id = '${event.data.executionId}'`);
    // The onFailure handler as registered with Inngest, triggered by the failure event Inngest sends.
    const failureFn = inngest.createFunction(
      { id: "execute-code-failure-under-test", triggers: [{ event: "inngest/function.failed" }] },
      (workflow.fn as unknown as { onFailureFn: Parameters<typeof inngest.createFunction>[1] }).onFailureFn,
    );
    const error = new Error("runner unreachable after 3 attempts");
    const t = new InngestTestEngine({
      function: failureFn,
      transformCtx: (ctx) => ({ ...mockCtx(ctx), error }),
    });

    await t.execute({
      events: [
        {
          name: "inngest/function.failed",
          data: { event, error: { name: "Error", message: error.message }, function_id: "execute-code", run_id: "r1" },
        },
      ],
    });

    expect(await getExecution(handle.db, event.data.executionId)).toMatchObject({
      status: "internal_error",
      error: "runner unreachable after 3 attempts",
    });
  });

  describe("inline driver (no Inngest server)", () => {
    it("retries a failed step, keeps earlier steps memoized, and saves once", async () => {
      const runner = scriptedRunner([() => new Error("connection refused"), ok]);
      const workflow = createExecuteCode({ getDb: async () => handle.db, runner: runner.client });
      const driver = createInlineDriver([workflow as unknown as Workflow], { backoffMs: 10 });
      const event = await queued();

      driver.send(event);
      await driver.drain();

      expect(runner.calls).toHaveLength(2);
      expect(await getExecution(handle.db, event.data.executionId)).toMatchObject({ status: "ok" });
    });

    it("gives up after the retries and runs onFailure", async () => {
      const runner = scriptedRunner([() => new Error("runner down")]);
      const workflow = createExecuteCode({ getDb: async () => handle.db, runner: runner.client });
      const driver = createInlineDriver([workflow as unknown as Workflow], { backoffMs: 5 });
      const event = await queued();

      driver.send(event);
      await driver.drain();

      expect(runner.calls).toHaveLength(3); // first try + 2 retries
      expect(await getExecution(handle.db, event.data.executionId)).toMatchObject({
        status: "internal_error",
        error: "runner down",
      });
    });

    it("does not retry a contract error", async () => {
      const runner = scriptedRunner([() => new NonRetriableError("bad request: file path must be relative")]);
      const workflow = createExecuteCode({ getDb: async () => handle.db, runner: runner.client });
      const driver = createInlineDriver([workflow as unknown as Workflow], { backoffMs: 5 });
      const event = await queued();

      driver.send(event);
      await driver.drain();

      expect(runner.calls).toHaveLength(1);
      expect((await getExecution(handle.db, event.data.executionId))?.status).toBe("internal_error");
    });

    it("rejects an event whose data does not match the schema", async () => {
      const workflow = createExecuteCode({ getDb: async () => handle.db, runner: scriptedRunner([ok]).client });
      const driver = createInlineDriver([workflow as unknown as Workflow]);
      expect(() => driver.send({ name: "execution/requested", data: { executionId: "nope" } })).toThrow(/uuid/i);
      await driver.drain();
    });
  });
});
