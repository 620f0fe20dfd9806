import { applyReviewDeadlines, type Db, listExpiredClaims, releaseExpiredClaim } from "@codeyard/drizzle";
import { inngest } from "../client";
import type { CronContext, DurableCron } from "../durable";
import { logger } from "../logger";

// review-deadlines: nudges quiet discussions at 7, 14 and 21 days and closes them at 28; also releases any claim
// whose expire-review-claim run was lost (the in-process driver forgets sleeps on restart).
export function createReviewDeadlines(deps: { getDb: () => Promise<Db> }): DurableCron {
  const handler = async ({ step }: CronContext) => {
    const released = await step.run("release-lapsed-claims", async () => {
      const db = await deps.getDb();
      let count = 0;
      for (const claim of await listExpiredClaims(db)) {
        if (claim.claimId && (await releaseExpiredClaim(db, claim.requestId, claim.claimId))) count++;
      }
      return count;
    });
    const deadlines = await step.run("nudge-and-time-out", async () => applyReviewDeadlines(await deps.getDb()));
    if (released || deadlines.nudged || deadlines.timedOut) logger.info({ released, ...deadlines }, "review deadlines");
    return { released, ...deadlines };
  };
  const fn = inngest.createFunction(
    { id: "review-deadlines", triggers: [{ cron: "*/10 * * * *" }], retries: 2 },
    handler,
  );
  return { fn, everyMs: 5 * 60_000, run: (step, runId) => handler({ step, runId }) };
}
