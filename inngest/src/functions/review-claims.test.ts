import {
  addReviewComment,
  becomeReviewer,
  claimReview,
  createSubmission,
  createUser,
  type DbHandle,
  getDiscussion,
  listNotifications,
  listReviewQueue,
  requestReview,
  saveSubmissionResult,
} from "@codeyard/drizzle";
import { createTestDb } from "@codeyard/drizzle/testing";
import { InngestTestEngine } from "@inngest/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createInlineDriver } from "../inline/driver";
import { createSteps } from "../inline/steps";
import { createExpireReviewClaim } from "./expire-review-claim";
import { createReviewDeadlines } from "./review-deadlines";

const level = "16-plus/python-basics";
const exerciseId = `${level}/order-total`;
// The test engine does not wait out sleeps: the sleep step is answered at once, as Inngest does when it is due.
// A fresh list per run: the engine keeps state in the step mocks it is given.
const lapse = () => [{ id: "wait-for-claim-to-lapse", handler: () => null }];

describe("review claim expiry and deadlines", () => {
  let handle: DbHandle;
  let n = 0;
  beforeAll(async () => {
    handle = await createTestDb();
  });
  afterAll(async () => {
    await handle?.close();
  });

  async function user() {
    n++;
    return createUser(handle.db, { username: `claims-${n}`, passwordHash: "x", ageGroup: "16-plus" });
  }

  /** A pending request and a reviewer who claimed it at `at`. */
  async function claimedAt(at: Date) {
    const db = handle.db;
    const learner = await user();
    const reviewer = await user();
    await becomeReviewer(db, { userId: reviewer.id, levels: [level], eligibleLevels: [level], acceptCode: true });
    const sub = await createSubmission(db, {
      userId: learner.id,
      exerciseId,
      files: [{ path: "main.py", content: "print(1)" }],
      tests: [],
    });
    await saveSubmissionResult(db, sub.id, { version: 3, status: "pass", tests: [] });
    const { request } = await requestReview(db, {
      learnerId: learner.id,
      exerciseId,
      levelId: level,
      levelPosition: 1,
      question: "Could this be shorter?",
      submissionId: sub.id,
      slots: 1,
    });
    const claim = await claimReview(db, reviewer.id, request.id, at);
    const event = {
      name: "review/claimed",
      data: { requestId: request.id, claimId: claim.claimId, expiresAt: claim.claimExpiresAt.toISOString() },
    };
    return { learner, reviewer, request, event };
  }

  it("sleeps until the claim lapses, then puts an unanswered request back in the queue", async () => {
    const { reviewer, request, event } = await claimedAt(new Date(Date.now() - 31 * 60_000));
    const fn = createExpireReviewClaim({ getDb: async () => handle.db }).fn;
    const { result, ctx } = await new InngestTestEngine({ function: fn }).execute({ events: [event], steps: lapse() });
    expect(ctx.step.sleepUntil).toHaveBeenCalledWith("wait-for-claim-to-lapse", event.data.expiresAt);
    expect(result).toEqual({ requestId: request.id, released: true });
    const queue = await listReviewQueue(handle.db, reviewer.id);
    expect(queue.find((r) => r.id === request.id)).toMatchObject({ status: "pending", taken: false });
    expect((await listNotifications(handle.db, reviewer.id))[0]?.kind).toBe("review_released");
  });

  it("leaves an answered claim alone", async () => {
    const { reviewer, learner, request, event } = await claimedAt(new Date(Date.now() - 31 * 60_000));
    // Answered in time: the claim became a discussion (a comment made before expiry).
    await handle.db.execute(
      `update review_requests set claim_expires_at = now() + interval '5 minutes' where id = '${request.id}'`,
    );
    await addReviewComment(handle.db, { authorId: reviewer.id, requestId: request.id, body: "On it" });
    const fn = createExpireReviewClaim({ getDb: async () => handle.db }).fn;
    const { result } = await new InngestTestEngine({ function: fn }).execute({ events: [event], steps: lapse() });
    expect(result).toEqual({ requestId: request.id, released: false });
    expect((await getDiscussion(handle.db, learner.id, request.id)).request).toMatchObject({
      status: "in_progress",
      reviewerId: reviewer.id,
    });
  });

  it("in process: the driver really waits for the lapse before releasing", async () => {
    const { reviewer, request, event } = await claimedAt(new Date(Date.now() - 30 * 60_000 + 1_500));
    const driver = createInlineDriver([createExpireReviewClaim({ getDb: async () => handle.db })]);
    driver.send(event);
    await new Promise((r) => setTimeout(r, 500));
    expect((await listReviewQueue(handle.db, reviewer.id)).find((r) => r.id === request.id)?.taken).toBe(true);
    await driver.drain();
    expect((await listReviewQueue(handle.db, reviewer.id)).find((r) => r.id === request.id)?.taken).toBe(false);
  });

  it("the deadlines cron releases lapsed claims whose expiry run was lost", async () => {
    const { reviewer, request } = await claimedAt(new Date(Date.now() - 40 * 60_000));
    const cron = createReviewDeadlines({ getDb: async () => handle.db });
    const { result } = await new InngestTestEngine({ function: cron.fn }).execute();
    expect((result as { released: number }).released).toBeGreaterThanOrEqual(1);
    expect((await listReviewQueue(handle.db, reviewer.id)).find((r) => r.id === request.id)?.status).toBe("pending");
    // The in-process schedule runs the very same handler.
    const state = { cancelled: false, signal: new AbortController().signal };
    const step = createSteps(state, new Map(), { retries: 0, backoffMs: 1, send: async () => [] });
    expect(await cron.run(step, "again")).toMatchObject({ released: 0 });
  });

  it("the deadlines cron nudges after 7 days of silence and times out at 28", async () => {
    const { reviewer, learner, request } = await claimedAt(new Date());
    await addReviewComment(handle.db, { authorId: reviewer.id, requestId: request.id, body: "Your turn" });
    const cron = createReviewDeadlines({ getDb: async () => handle.db }).fn;
    await handle.db.execute(
      `update review_requests set last_activity_at = now() - interval '8 days' where id = '${request.id}'`,
    );
    expect((await new InngestTestEngine({ function: cron }).execute()).result).toMatchObject({ nudged: 1 });
    expect((await listNotifications(handle.db, learner.id))[0]?.kind).toBe("review_nudge");
    await handle.db.execute(
      `update review_requests set last_activity_at = now() - interval '29 days' where id = '${request.id}'`,
    );
    expect((await new InngestTestEngine({ function: cron }).execute()).result).toMatchObject({ timedOut: 1 });
    expect((await getDiscussion(handle.db, learner.id, request.id)).request.status).toBe("timed_out");
  });
});
