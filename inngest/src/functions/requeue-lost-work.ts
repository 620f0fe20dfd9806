import { type Db, listLostWork, markDispatched, type WorkKind } from "@codeyard/drizzle";
import { durationToMs } from "inngest";
import { inngest } from "../client";
import type { CronContext, DurableCron } from "../durable";
import { executionRequested, GuestId, submissionRequested } from "../events";
import { logger } from "../logger";
import { executeCodeTimeouts } from "./execute-code";
import { gradeSubmissionTimeouts } from "./grade-submission";

/**
 * Work is lost when its last dispatch is older than the longest a live run can take to start and finish:
 * by then Inngest has cancelled any run still waiting (start timeout) or working (finish timeout), so a
 * re-send never races a live run, and work merely waiting its turn is never picked.
 */
export const lostAfterSeconds =
  Math.max(
    durationToMs(executeCodeTimeouts.start) + durationToMs(executeCodeTimeouts.finish),
    durationToMs(gradeSubmissionTimeouts.start) + durationToMs(gradeSubmissionTimeouts.finish),
  ) /
    1000 +
  60;

/** In process the driver knows which runs are live, so work is lost as soon as it is unfinished and not live. */
export const inlineLostAfterSeconds = 15;

export interface RequeueDeps {
  getDb: () => Promise<Db>;
  /** The in-process driver's own record of live runs; under Inngest the timeouts above stand in for it. */
  isLive?: (kind: WorkKind, id: string) => boolean;
}

// requeue-lost-work: a run or grading the queue lost (a crash, an outage past every retry) is sent again under
// its own concurrency key. The functions' idempotent steps and the runner's per-id record make a re-send safe.
export function createRequeueLostWork(deps: RequeueDeps): DurableCron {
  const { isLive } = deps;
  const threshold = isLive ? inlineLostAfterSeconds : lostAfterSeconds;
  const handler = async ({ step }: CronContext) => {
    const lost = await step.run("find-lost", async () =>
      (await listLostWork(await deps.getDb(), threshold, 200)).filter((work) => !isLive?.(work.kind, work.id)),
    );
    if (lost.length === 0) return { requeued: 0 };
    const events = lost.map((work) => {
      const concurrencyKey = work.concurrencyKey ?? (work.userId ? `user:${work.userId}` : `requeue:${work.id}`);
      if (work.kind === "submission")
        return submissionRequested.create({ submissionId: work.id, userId: work.userId ?? "", concurrencyKey });
      // A guest's run goes back to the guest's session: one-shot, the runner would refuse an id that session holds.
      const guest = GuestId.safeParse(work.guestId);
      return executionRequested.create({
        executionId: work.id,
        userId: work.userId,
        concurrencyKey,
        ...(guest.success && !work.userId ? { guestId: guest.data } : {}),
        // The same request as the first send: a runner that remembers this id refuses a different one (409).
        ...(work.interactive ? { interactive: true } : {}),
      });
    });
    await step.run("mark-dispatched", async () => {
      const db = await deps.getDb();
      for (const work of lost) await markDispatched(db, work.kind, work.id);
    });
    await step.sendEvent("requeue", events);
    logger.warn({ count: lost.length }, "requeued lost work");
    return { requeued: lost.length };
  };
  const fn = inngest.createFunction(
    { id: "requeue-lost-work", triggers: [{ cron: "* * * * *" }], retries: 2 },
    handler,
  );
  return { fn, everyMs: 30_000, run: (step, runId) => handler({ step, runId }) };
}
