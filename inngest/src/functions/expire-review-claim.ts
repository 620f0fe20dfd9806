import { type Db, notify, releaseExpiredClaim } from "@codeyard/drizzle";
import { inngest } from "../client";
import { durable, type FunctionContext } from "../durable";
import { type ReviewClaimed, reviewClaimed } from "../events";
import { logger } from "../logger";

// expire-review-claim: a claim nobody answered within its 30 minutes goes back to the queue by itself.
// The release names the claim, so an answered claim, or a newer claim of the same request, is left alone.
export function createExpireReviewClaim(deps: { getDb: () => Promise<Db> }) {
  const handler = async ({ event, step }: FunctionContext<ReviewClaimed>) => {
    const { requestId, claimId, expiresAt } = event.data;
    await step.sleepUntil("wait-for-claim-to-lapse", expiresAt);
    const released = await step.run("release-if-unanswered", async () => {
      const db = await deps.getDb();
      const reviewerId = await releaseExpiredClaim(db, requestId, claimId);
      if (reviewerId) {
        await notify(db, {
          userId: reviewerId,
          kind: "review_released",
          requestId,
          text: "Your claim ran out before you answered; the request is back in the queue.",
        });
      }
      return reviewerId !== null;
    });
    if (released) logger.info({ requestId }, "review claim expired and released");
    return { requestId, released };
  };
  const fn = inngest.createFunction(
    { id: "expire-review-claim", triggers: [reviewClaimed], retries: 5, idempotency: "event.data.claimId" },
    handler,
  );
  return durable({ fn, trigger: reviewClaimed, handler });
}
