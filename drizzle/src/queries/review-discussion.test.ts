import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../client";
import { createTestDb } from "../testing";
import { countUnreadNotifications, listNotifications, markNotificationsRead } from "./notifications";
import {
  addReviewComment,
  addReviewIteration,
  finishReview,
  getDiscussion,
  rateReview,
  reportReview,
} from "./review-discussion";
import { gradedSubmission, makeReviewer, makeUser, requestInput } from "./review-fixtures";
import { applyReviewDeadlines, hideReviewComment, listOpenReports } from "./review-moderation";
import { getReviewerProfile } from "./reviewers";
import { claimReview, listReviewQueue, requestReview } from "./reviews";

const day = 86_400_000;

describe("review discussions (real Postgres)", () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDb();
  });
  afterAll(async () => {
    await handle?.close();
  });

  async function claimed() {
    const db = handle.db;
    const learner = await makeUser(db);
    const reviewer = await makeReviewer(db);
    const sub = await gradedSubmission(db, learner.id);
    const { request } = await requestReview(db, requestInput(learner.id, sub.id));
    await claimReview(db, reviewer.id, request.id);
    return { learner, reviewer, request };
  }

  it("only the learner, the reviewer and admins read a discussion", async () => {
    const db = handle.db;
    const { learner, reviewer, request } = await claimed();
    expect((await getDiscussion(db, learner.id, request.id)).party).toBe("learner");
    expect((await getDiscussion(db, reviewer.id, request.id)).party).toBe("reviewer");
    const admin = await makeUser(db, "16-plus", "admin");
    expect((await getDiscussion(db, admin.id, request.id)).party).toBe("admin");
    const other = await makeReviewer(db);
    await expect(getDiscussion(db, other.id, request.id)).rejects.toThrow(/No such review/);
    await expect(addReviewComment(db, { authorId: other.id, requestId: request.id, body: "hi" })).rejects.toThrow(
      /No such review/,
    );
  });

  it("comments hand the turn over after every reply; lines are checked; notifications follow", async () => {
    const db = handle.db;
    const { learner, reviewer, request } = await claimed();
    await expect(addReviewComment(db, { authorId: learner.id, requestId: request.id, body: "hello?" })).rejects.toThrow(
      /not open/,
    );
    await expect(
      addReviewComment(db, { authorId: reviewer.id, requestId: request.id, body: "x", line: 3 }),
    ).rejects.toThrow(/no line 3/);
    await addReviewComment(db, { authorId: reviewer.id, requestId: request.id, body: "Line 2 **repeats**", line: 2 });
    let d = await getDiscussion(db, learner.id, request.id);
    expect(d.request).toMatchObject({ status: "in_progress", turn: "learner", claimExpiresAt: null });
    expect(d.comments[0]).toMatchObject({ line: 2, fromReviewer: true, iteration: 1 });
    await markNotificationsRead(db, learner.id);

    await addReviewComment(db, { authorId: learner.id, requestId: request.id, body: "Thanks, fixed it" });
    d = await getDiscussion(db, reviewer.id, request.id);
    expect(d.request.turn).toBe("reviewer");
    expect((await listNotifications(db, reviewer.id))[0]?.kind).toBe("review_comment");

    await addReviewComment(db, { authorId: reviewer.id, requestId: request.id, body: "Try a new iteration" });
    expect((await getDiscussion(db, learner.id, request.id)).request.turn).toBe("learner");
    expect(await countUnreadNotifications(db, learner.id)).toBe(1);

    const same = d.iterations[0]?.submissionId as string;
    await expect(
      addReviewIteration(db, { learnerId: learner.id, requestId: request.id, submissionId: same }),
    ).rejects.toThrow(/already the latest/);
    const next = await gradedSubmission(db, learner.id, request.exerciseId, "print(3)");
    await expect(
      addReviewIteration(db, { learnerId: reviewer.id, requestId: request.id, submissionId: next.id }),
    ).rejects.toThrow(/Only the learner/);
    expect(await addReviewIteration(db, { learnerId: learner.id, requestId: request.id, submissionId: next.id })).toBe(
      2,
    );
    d = await getDiscussion(db, reviewer.id, request.id);
    expect(d.request.turn).toBe("reviewer");
    expect(d.iterations.map((i) => i.files[0]?.content)).toEqual(["print(1)\nprint(2)", "print(3)"]);
  });

  it("finish, rate once, block and report; ratings feed the rank", async () => {
    const db = handle.db;
    const { learner, reviewer, request } = await claimed();
    await expect(finishReview(db, reviewer.id, request.id)).rejects.toThrow(/at least one comment/);
    await addReviewComment(db, { authorId: reviewer.id, requestId: request.id, body: "Looks good" });
    await expect(finishReview(db, learner.id, request.id)).rejects.toThrow(/Only the reviewer/);
    await expect(rateReview(db, { learnerId: learner.id, requestId: request.id, rating: "good" })).rejects.toThrow(
      /finished/,
    );
    await finishReview(db, reviewer.id, request.id);
    await expect(rateReview(db, { learnerId: reviewer.id, requestId: request.id, rating: "good" })).rejects.toThrow(
      /Only the learner/,
    );
    const comment = (await getDiscussion(db, learner.id, request.id)).comments[0];
    await rateReview(db, {
      learnerId: learner.id,
      requestId: request.id,
      rating: "problematic",
      block: true,
      report: "Rude",
    });
    await expect(rateReview(db, { learnerId: learner.id, requestId: request.id, rating: "good" })).rejects.toThrow(
      /already/,
    );
    expect((await getReviewerProfile(db, reviewer.id))?.rank).toBe(1);

    // The blocked reviewer no longer sees this learner's next request.
    const next = await gradedSubmission(db, learner.id, "16-plus/python-basics/clean-up-a-name");
    const second = await requestReview(db, requestInput(learner.id, next.id, "16-plus/python-basics/clean-up-a-name"));
    expect((await listReviewQueue(db, reviewer.id)).map((r) => r.id)).not.toContain(second.request.id);

    // Admin moderation: the report is listed; hiding the comment hides it for everyone but admins.
    const admin = await makeUser(db, "16-plus", "admin");
    await reportReview(db, { reporterId: learner.id, requestId: request.id, commentId: comment?.id, reason: "mean" });
    await expect(listOpenReports(db, learner.id)).rejects.toThrow(/admins/);
    const reports = await listOpenReports(db, admin.id);
    expect(reports.filter((r) => r.report.requestId === request.id)).toHaveLength(2);
    await expect(hideReviewComment(db, reviewer.id, comment?.id as string)).rejects.toThrow(/admins/);
    await hideReviewComment(db, admin.id, comment?.id as string);
    expect((await getDiscussion(db, learner.id, request.id)).comments[0]?.body).toMatch(/hidden by a moderator/);
    expect((await getDiscussion(db, admin.id, request.id)).comments[0]?.body).toBe("Looks good");
    expect((await listOpenReports(db, admin.id)).filter((r) => r.report.requestId === request.id)).toHaveLength(1);
    const stranger = await makeUser(db);
    await expect(reportReview(db, { reporterId: stranger.id, requestId: request.id, reason: "x" })).rejects.toThrow(
      /No such review/,
    );
  });

  it("three good ratings raise a reviewer to rank 2", async () => {
    const db = handle.db;
    const reviewer = await makeReviewer(db);
    for (let i = 0; i < 3; i++) {
      const learner = await makeUser(db);
      const { request } = await requestReview(
        db,
        requestInput(learner.id, (await gradedSubmission(db, learner.id)).id),
      );
      await claimReview(db, reviewer.id, request.id);
      await addReviewComment(db, { authorId: reviewer.id, requestId: request.id, body: "ok" });
      await finishReview(db, reviewer.id, request.id);
      await rateReview(db, { learnerId: learner.id, requestId: request.id, rating: i ? "good" : "acceptable" });
    }
    expect((await getReviewerProfile(db, reviewer.id))?.rank).toBe(2);
  });

  it("children appear to others under an alias, never their account name", async () => {
    const db = handle.db;
    const ex = "8-11/first-steps/say-hello";
    const child = await makeUser(db, "8-11");
    const { requestGuardianApproval, approveGuardian } = await import("./review-moderation");
    await requestGuardianApproval(db, { learnerId: child.id, email: "p@example.com", tokenHash: "child-token" });
    await approveGuardian(db, "child-token");
    const sub = await gradedSubmission(db, child.id, ex);
    const { request } = await requestReview(db, requestInput(child.id, sub.id, ex));
    const admin = await makeUser(db, "16-plus", "admin");
    const d = await getDiscussion(db, admin.id, request.id);
    expect(d.learnerName).toMatch(/^Young learner/);
    expect(JSON.stringify(d)).not.toContain(child.username);
    expect(JSON.stringify(d)).not.toContain("p@example.com");
  });

  it("nudges at 7, 14 and 21 days of silence to whoever's turn it is, and times out at 28", async () => {
    const db = handle.db;
    const { learner, reviewer, request } = await claimed();
    await addReviewComment(db, { authorId: reviewer.id, requestId: request.id, body: "Your turn" });
    await markNotificationsRead(db, learner.id);
    const start = Date.now();
    expect(await applyReviewDeadlines(db, new Date(start + 6 * day))).toMatchObject({ nudged: 0 });
    const at = (days: number) => applyReviewDeadlines(db, new Date(start + days * day + 1000));
    expect((await at(7)).nudged).toBeGreaterThanOrEqual(1);
    await at(7.5);
    expect(await countUnreadNotifications(db, learner.id)).toBe(1);
    await at(14);
    await at(21);
    const kinds = (await listNotifications(db, learner.id)).map((n) => n.kind);
    expect(kinds.filter((k) => k === "review_nudge")).toHaveLength(3);
    expect(await countUnreadNotifications(db, reviewer.id)).toBe(0);
    expect((await at(28)).timedOut).toBeGreaterThanOrEqual(1);
    expect((await getDiscussion(db, learner.id, request.id)).request.status).toBe("timed_out");
    expect((await listNotifications(db, reviewer.id))[0]?.kind).toBe("review_timed_out");
  });
});
