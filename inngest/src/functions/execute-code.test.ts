import { createExecution, type DbHandle, getExecution } from "@codeyard/drizzle";
import { createTestDb } from "@codeyard/drizzle/testing";
import type { RunRequest, RunResult } from "@codeyard/runner/contract";
import { InngestTestEngine } from "@inngest/test";
import { NonRetriableError } from "inngest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { executionRequested } from "../events";
import { createInlineDriver } from "../inline/driver";
import { createSteps } from "../inline/steps";
import { type RunnerAnswer, type RunnerClient, WorkspaceMissingError } from "../runner-client";
import { createExecuteCode } from "./execute-code";

// The runner is a separate service (tested against real Docker in runner/); here a scripted
// client stands in so each answer, failure and retry can be chosen per test.
type Script = (req: RunRequest) => RunResult | Error | RunnerAnswer<RunResult>;
function scriptedRunner(answers: Script[]) {
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
      return "kind" in value ? value : { kind: "done", value };
    },
  };
  return { client, calls };
}

const ok = (req: RunRequest): RunResult => ({
  id: req.id,
  status: "ok",
  exitCode: 0,
  signal: null,
  stdout: `ran ${req.files?.[0]?.path}\n`,
  stderr: "",
  truncated: false,
  wallMs: 30,
});

function stepsForTest() {
  return createSteps({ cancelled: false, signal: new AbortController().signal }, new Map(), {
    retries: 0,
    backoffMs: 1,
    send: async () => [],
  });
}

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

  it("runs its steps under Inngest's engine and saves the result", async () => {
    const runner = scriptedRunner([ok]);
    const workflow = createExecuteCode({ getDb: async () => handle.db, runner: runner.client });
    const event = await queued();
    const t = new InngestTestEngine({ function: workflow.fn });

    const { result, ctx } = await t.execute({ events: [event] });

    expect(result).toEqual({ executionId: event.data.executionId, status: "ok", skipped: false });
    expect(ctx.step.run).toHaveBeenCalledWith("mark-running", expect.any(Function));
    expect(ctx.step.run).toHaveBeenCalledWith("run-in-sandbox", expect.any(Function));
    expect(runner.calls[0]).toMatchObject({ id: event.data.executionId, language: "python", stdin: "x" });
    expect(runner.calls[0]?.limits?.wallMs).toBe(5000);
    const row = await getExecution(handle.db, event.data.executionId);
    expect(row).toMatchObject({ status: "ok", stdout: "ran main.py\n", exitCode: 0, wallMs: 30 });
  });

  it("runs the entry file a workspace run names, with its other files beside it", async () => {
    const runner = scriptedRunner([ok]);
    const workflow = createExecuteCode({ getDb: async () => handle.db, runner: runner.client });
    const row = await createExecution(handle.db, {
      language: "python",
      files: [
        { path: "main.py", content: "print('main')" },
        { path: "tools/game.py", content: "import utils" },
        { path: "utils.py", content: "x = 1" },
      ],
      entry: "tools/game.py",
    });
    const event = { name: "execution/requested", data: { executionId: row.id, userId: null, concurrencyKey: "ip:e" } };
    await new InngestTestEngine({ function: workflow.fn }).execute({ events: [event] });
    expect(runner.calls[0]?.entry).toBe("tools/game.py");
    expect(runner.calls[0]?.files?.map((f) => f.path)).toEqual(["main.py", "tools/game.py", "utils.py"]);
  });

  it("sends an anonymous run's files whole, interactive when asked, viewable by the run's own viewer id", async () => {
    const runner = scriptedRunner([ok]);
    const workflow = createExecuteCode({ getDb: async () => handle.db, runner: runner.client });
    const event = await queued();
    const data = { ...event.data, interactive: true };
    await new InngestTestEngine({ function: workflow.fn }).execute({ events: [{ ...event, data }] });
    expect(runner.calls[0]).toMatchObject({ interactive: true, viewer: `anonymous:${data.executionId}` });
    expect(runner.calls[0]?.session).toBeUndefined();
    expect(runner.calls[0]?.files).toEqual([{ path: "main.py", content: "print(1)" }]);
  });

  it("sends a guest's run to the guest's own session, whole every time, still viewable only by the run's id", async () => {
    const runner = scriptedRunner([ok, ok]);
    const workflow = createExecuteCode({ getDb: async () => handle.db, runner: runner.client });
    const guestId = "AAAAAAAAAAAAAAAAAAAAAA";
    for (let i = 0; i < 2; i++) {
      const event = await queued();
      const data = { ...event.data, guestId };
      await new InngestTestEngine({ function: workflow.fn }).execute({ events: [{ ...event, data }] });
      expect(runner.calls[i]).toMatchObject({
        session: { userId: `guest:${guestId}` },
        viewer: `anonymous:${data.executionId}`,
      });
      // Nothing of a guest's is remembered on our side: the program goes in full each time.
      expect(runner.calls[i]?.workspace?.files.every((f) => f.content === "print(1)")).toBe(true);
      expect((await getExecution(handle.db, data.executionId))?.status).toBe("ok");
    }
  });

  it("sends a guest's run to the guest's session from the row when the event lacks the guest id", async () => {
    const runner = scriptedRunner([ok]);
    const workflow = createExecuteCode({ getDb: async () => handle.db, runner: runner.client });
    const guestId = "CCCCCCCCCCCCCCCCCCCCCC";
    const row = await createExecution(handle.db, {
      language: "python",
      files: [{ path: "main.py", content: "print(1)" }],
      guestId,
    });
    const data = { executionId: row.id, userId: null, concurrencyKey: `ip:${row.id}` };
    await new InngestTestEngine({ function: workflow.fn }).execute({ events: [{ name: "execution/requested", data }] });
    expect(runner.calls[0]).toMatchObject({ session: { userId: `guest:${guestId}` } });
    expect((await getExecution(handle.db, row.id))?.status).toBe("ok");
  });

  it("asks the runner for an interactive run from the row when the event lacks the flag (a re-send)", async () => {
    const runner = scriptedRunner([ok]);
    const workflow = createExecuteCode({ getDb: async () => handle.db, runner: runner.client });
    const files = [{ path: "main.py", content: "print(input())" }];
    const interactive = await createExecution(handle.db, { language: "python", files, interactive: true });
    const plain = await createExecution(handle.db, { language: "python", files });
    for (const row of [interactive, plain]) {
      const data = { executionId: row.id, userId: null, concurrencyKey: `ip:${row.id}` };
      await new InngestTestEngine({ function: workflow.fn }).execute({
        events: [{ name: "execution/requested", data }],
      });
      expect((await getExecution(handle.db, row.id))?.status).toBe("ok");
    }
    expect(runner.calls[0]).toMatchObject({ id: interactive.id, interactive: true });
    expect(runner.calls[1]?.id).toBe(plain.id);
    expect(runner.calls[1]).not.toHaveProperty("interactive");
  });

  it("refuses a guest id that is not one (the event schema)", async () => {
    const event = await queued();
    for (const guestId of ["u-1", "../AAAAAAAAAAAAAAAAAAA", "guest:AAAAAAAAAAAAAAAA"]) {
      expect(executionRequested.schema.safeParse({ ...event.data, guestId }).success).toBe(false);
    }
    expect(executionRequested.schema.safeParse({ ...event.data, guestId: "AAAAAAAAAAAAAAAAAAAAAA" }).success).toBe(
      true,
    );
  });

  it("sends a session only the files changed since the user's last run, and resends what the runner lacks", async () => {
    const userId = `u-${crypto.randomUUID()}`;
    const files = (changed: string) =>
      Array.from({ length: 5 }, (_, i) => ({ path: `f${i}.py`, content: i === 2 ? changed : `x = ${i}` }));
    const runner = scriptedRunner([ok, ok, () => new WorkspaceMissingError(["f0.py"]), ok]);
    const workflow = createExecuteCode({ getDb: async () => handle.db, runner: runner.client });
    const runOf = async (content: string) => {
      const row = await createExecution(handle.db, { userId, language: "python", files: files(content) });
      const data = { executionId: row.id, userId, concurrencyKey: `user:${userId}` };
      await new InngestTestEngine({ function: workflow.fn }).execute({
        events: [{ name: "execution/requested", data }],
      });
      return row.id;
    };
    const sent = (i: number) => runner.calls[i]?.workspace?.files.filter((f) => f.content).map((f) => f.path);

    await runOf("y = 1");
    expect(runner.calls[0]).toMatchObject({ session: { userId }, viewer: userId });
    expect(runner.calls[0]?.files).toBeUndefined();
    expect(sent(0)).toEqual(["f0.py", "f1.py", "f2.py", "f3.py", "f4.py"]);
    await runOf("y = 2");
    expect(runner.calls[1]?.workspace?.files).toHaveLength(5);
    expect(sent(1)).toEqual(["f2.py"]);
    // The sandbox was replaced: the runner names what it lacks, and the same id goes again with that content.
    const third = await runOf("y = 3");
    expect(sent(2)).toEqual(["f2.py"]);
    expect(sent(3)).toEqual(["f0.py", "f2.py"]);
    expect(runner.calls[3]?.id).toBe(third);
    expect((await getExecution(handle.db, third))?.status).toBe("ok");
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

  it("onFailure records internal_error with the reason a person can act on", async () => {
    const workflow = createExecuteCode({ getDb: async () => handle.db, runner: scriptedRunner([ok]).client });
    const event = await queued();
    await handle.db.execute(`update executions set status = 'running' where id = '${event.data.executionId}'`);
    const error = new Error("the runner at http://127.0.0.1:1 refused the connection (is it running?) [ECONNREFUSED]");
    const driver = createInlineDriver([workflow]);
    // The same entry point Inngest's onFailure calls, with the inngest/function.failed event's shape.
    await workflow.fail?.(event, error, stepsForTest(), { runId: "r1", attempt: 2 });
    await driver.drain();

    expect(await getExecution(handle.db, event.data.executionId)).toMatchObject({
      status: "internal_error",
      error: expect.stringContaining("refused the connection"),
    });
  });

  describe("inline driver (no Inngest server)", () => {
    it("retries a failed step, keeps earlier steps memoized, and saves once", async () => {
      const runner = scriptedRunner([() => new Error("runner answered HTTP 500"), ok]);
      const workflow = createExecuteCode({ getDb: async () => handle.db, runner: runner.client });
      const driver = createInlineDriver([workflow], { backoffMs: 10 });
      const event = await queued();

      driver.send(event);
      await driver.drain();

      expect(runner.calls).toHaveLength(2);
      expect(await getExecution(handle.db, event.data.executionId)).toMatchObject({ status: "ok" });
    });

    it("gives up after the retries and runs onFailure", async () => {
      const runner = scriptedRunner([() => new Error("runner down")]);
      const workflow = createExecuteCode({ getDb: async () => handle.db, runner: runner.client });
      const driver = createInlineDriver([workflow], { backoffMs: 5 });
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
      const driver = createInlineDriver([workflow], { backoffMs: 5 });
      const event = await queued();

      driver.send(event);
      await driver.drain();

      expect(runner.calls).toHaveLength(1);
      expect((await getExecution(handle.db, event.data.executionId))?.status).toBe("internal_error");
    });

    it("rejects an event whose data does not match the schema", async () => {
      const workflow = createExecuteCode({ getDb: async () => handle.db, runner: scriptedRunner([ok]).client });
      const driver = createInlineDriver([workflow]);
      expect(() => driver.send({ name: "execution/requested", data: { executionId: "nope" } })).toThrow(/uuid/i);
      await driver.drain();
    });

    it("waits for a busy runner without spending a retry attempt, then runs once", async () => {
      const busy = (): RunnerAnswer<RunResult> => ({ kind: "busy", retryAfterSeconds: 0.05, message: "busy: 4 runs" });
      // Four busy answers are more than the two retries: only waiting (not retrying) gets through them.
      const runner = scriptedRunner([busy, busy, busy, busy, ok]);
      const workflow = createExecuteCode({ getDb: async () => handle.db, runner: runner.client });
      const driver = createInlineDriver([workflow], { backoffMs: 5 });
      const event = await queued();

      driver.send(event);
      await driver.drain();

      expect(runner.calls).toHaveLength(5);
      expect(await getExecution(handle.db, event.data.executionId)).toMatchObject({ status: "ok" });
    });

    it("fails with the cause when the runner stays unreachable past its budget", async () => {
      const down = (): RunnerAnswer<RunResult> => ({
        kind: "unreachable",
        message: "the runner at http://127.0.0.1:9 refused the connection (is it running?) [ECONNREFUSED]",
      });
      const runner = scriptedRunner([down]);
      const workflow = createExecuteCode({ getDb: async () => handle.db, runner: runner.client });
      const driver = createInlineDriver([workflow], { backoffMs: 5 });
      const event = await queued();

      driver.send(event);
      await driver.drain();

      // 1 s, 2 s, 4 s, 8 s, 8 s, 7 s of waiting: the 30 s budget, then the cause is saved.
      expect(runner.calls.length).toBeGreaterThanOrEqual(5);
      expect(await getExecution(handle.db, event.data.executionId)).toMatchObject({
        status: "internal_error",
        error: expect.stringContaining("refused the connection"),
      });
    }, 90_000);

    it("keeps code, input and output out of step state: steps return statuses only", async () => {
      const runner = scriptedRunner([ok]);
      const workflow = createExecuteCode({ getDb: async () => handle.db, runner: runner.client });
      const event = await queued();
      const { ctx } = await new InngestTestEngine({ function: workflow.fn }).execute({ events: [event] });
      const outputs = await Promise.all(
        (ctx.step.run as unknown as { mock: { results: Array<{ value: unknown }> } }).mock.results.map((r) => r.value),
      );
      const state = JSON.stringify(outputs);
      expect(state).toContain('"status":"ok"');
      expect(state).not.toContain("print(1)");
      expect(state).not.toContain("ran main.py");
    });
  });
});
