import {
  countExecutions,
  createExecution,
  createSubmission,
  createUser,
  type DbHandle,
  executions,
  listLostWork,
  submissions,
} from "@codeyard/drizzle";
import { createTestDb } from "@codeyard/drizzle/testing";
import { InngestTestEngine } from "@inngest/test";
import { eq, inArray, notInArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createDeleteOldExecutions } from "./delete-old-executions";
import { createRequeueLostWork, inlineLostAfterSeconds, lostAfterSeconds } from "./requeue-lost-work";

const files = [{ path: "main.py", content: "print(1)" }];

describe("maintenance crons (under Inngest's engine)", () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDb();
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("delete-old-executions removes runs past the retention period and keeps recent ones", async () => {
    const old = await createExecution(handle.db, { language: "python", files });
    await createExecution(handle.db, { language: "python", files });
    await handle.db
      .update(executions)
      .set({ createdAt: sql`now() - interval '8 days'` })
      .where(eq(executions.id, old.id));
    const fn = createDeleteOldExecutions({ getDb: async () => handle.db }).fn;
    const { result } = await new InngestTestEngine({ function: fn }).execute();
    expect(result).toEqual({ deleted: 1 });
    expect(await countExecutions(handle.db)).toBe(1);
  });

  it("requeue-lost-work re-sends lost runs and gradings under their own keys, and nothing waiting its turn", async () => {
    const user = await createUser(handle.db, { username: "requeue-test", passwordHash: null, ageGroup: "12-15" });
    const lostRun = await createExecution(handle.db, { language: "python", files, concurrencyKey: "ip:203.0.113.9" });
    const lostGrading = await createSubmission(handle.db, { userId: user.id, exerciseId: "x", files, tests: [] });
    // Created long ago, but dispatched a moment ago: waiting behind its key's limit, not lost.
    const waiting = await createExecution(handle.db, { language: "python", files });
    const past = sql`now() - make_interval(secs => ${lostAfterSeconds + 5})`;
    await handle.db.update(executions).set({ dispatchedAt: past }).where(eq(executions.id, lostRun.id));
    await handle.db.update(submissions).set({ dispatchedAt: past }).where(eq(submissions.id, lostGrading.id));
    await handle.db.update(executions).set({ createdAt: past }).where(eq(executions.id, waiting.id));

    const fn = createRequeueLostWork({ getDb: async () => handle.db }).fn;
    // No Inngest server here to receive the events: the engine records the sendEvent step's call instead.
    const steps = [{ id: "requeue", handler: () => ({ ids: ["a", "b"] }) }];
    const { result, ctx } = await new InngestTestEngine({ function: fn, steps }).execute();

    expect(result).toEqual({ requeued: 2 });
    expect(ctx.step.sendEvent).toHaveBeenCalledWith("requeue", [
      expect.objectContaining({
        name: "execution/requested",
        data: { executionId: lostRun.id, userId: null, concurrencyKey: "ip:203.0.113.9" },
      }),
      expect.objectContaining({
        name: "submission/requested",
        data: { submissionId: lostGrading.id, userId: user.id, concurrencyKey: `user:${user.id}` },
      }),
    ]);
    expect(ctx.step.run).toHaveBeenCalledWith("mark-dispatched", expect.any(Function));
    // Sent again just now: the next sweep leaves them alone.
    expect(await listLostWork(handle.db, lostAfterSeconds)).toEqual([]);
  });

  /** One lost run (every other row finished), swept once: the event the requeue sent for it. */
  async function requeueOneLostRun(fields: Omit<Parameters<typeof createExecution>[1], "language" | "files">) {
    await handle.db.update(executions).set({ status: "ok" });
    await handle.db.update(submissions).set({ status: "pass" });
    const lost = await createExecution(handle.db, { language: "python", files, ...fields });
    const past = sql`now() - make_interval(secs => ${lostAfterSeconds + 5})`;
    await handle.db.update(executions).set({ dispatchedAt: past }).where(eq(executions.id, lost.id));
    const fn = createRequeueLostWork({ getDb: async () => handle.db }).fn;
    const steps = [{ id: "requeue", handler: () => ({ ids: ["a"] }) }];
    const { result, ctx } = await new InngestTestEngine({ function: fn, steps }).execute();
    expect(result).toEqual({ requeued: 1 });
    expect(ctx.step.sendEvent).toHaveBeenCalledTimes(1);
    const [id, events] = vi.mocked(ctx.step.sendEvent).mock.calls[0] as [string, { name: string; data: unknown }[]];
    expect(id).toBe("requeue");
    expect(events).toHaveLength(1);
    return { lost, event: events[0] };
  }

  it("re-sends a lost guest run with its guest id, so it goes back to the guest's session, not one-shot", async () => {
    const guestId = "BBBBBBBBBBBBBBBBBBBBBB";
    const { lost, event } = await requeueOneLostRun({ concurrencyKey: "ip:203.0.113.7", guestId });
    expect(event?.name).toBe("execution/requested");
    expect(event?.data).toEqual({ executionId: lost.id, userId: null, concurrencyKey: "ip:203.0.113.7", guestId });
  });

  it("re-sends a lost interactive run interactive, the same request the runner may still remember", async () => {
    const { lost, event } = await requeueOneLostRun({
      userId: "u-interactive",
      concurrencyKey: "user:u-interactive",
      interactive: true,
    });
    expect(event?.name).toBe("execution/requested");
    expect(event?.data).toEqual({
      executionId: lost.id,
      userId: "u-interactive",
      concurrencyKey: "user:u-interactive",
      interactive: true,
    });
  });

  it("treats work as lost only after every live run would have timed out", () => {
    // execute-code: start 2m + finish 11m (an interactive run may wait 10 min for input); grade-submission:
    // start 2m + finish 3m; plus a minute's grace.
    expect(lostAfterSeconds).toBe(840);
  });

  it("in process, re-sends unfinished work the driver no longer runs, after seconds rather than minutes", async () => {
    const stranded = await createExecution(handle.db, { language: "python", files, concurrencyKey: "ip:198.51.100.4" });
    const live = await createExecution(handle.db, { language: "python", files, concurrencyKey: "ip:198.51.100.5" });
    const past = sql`now() - make_interval(secs => ${inlineLostAfterSeconds + 5})`;
    await handle.db.delete(submissions);
    await handle.db
      .update(executions)
      .set({ dispatchedAt: past })
      .where(inArray(executions.id, [stranded.id, live.id]));
    await handle.db
      .update(executions)
      .set({ status: "ok" })
      .where(notInArray(executions.id, [stranded.id, live.id]));
    const fn = createRequeueLostWork({ getDb: async () => handle.db, isLive: (_kind, id) => id === live.id }).fn;
    const steps = [{ id: "requeue", handler: () => ({ ids: ["a"] }) }];
    const { result, ctx } = await new InngestTestEngine({ function: fn, steps }).execute();
    expect(result).toEqual({ requeued: 1 });
    expect(ctx.step.sendEvent).toHaveBeenCalledWith("requeue", [
      expect.objectContaining({ data: expect.objectContaining({ executionId: stranded.id }) }),
    ]);
  });
});
