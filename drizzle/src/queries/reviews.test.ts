import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../client";
import { createTestDb } from "../testing";
import { createSubmission } from "./learning";
import { countUnreadNotifications, listNotifications } from "./notifications";
import { ReviewError } from "./review-errors";
import { exercise, gradedSubmission, level, makeReviewer, makeUser, requestInput } from "./review-fixtures";
import { approveGuardian, requestGuardianApproval } from "./review-moderation";
import { becomeReviewer, getReviewerProfile, rankFor, setReviewerAccess } from "./reviewers";
import {
  cancelReview,
  claimReview,
  estimateReviewWait,
  listExpiredClaims,
  listReviewQueue,
  releaseExpiredClaim,
  requestReview,
} from "./reviews";

const minute = 60_000;

describe("review requests, queue and claims (real Postgres)", () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDb();
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("becoming a reviewer needs 16+, accepted commitments and eligible levels", async () => {
    const db = handle.db;
    const teen = await makeUser(db, "12-15");
    const input = { userId: teen.id, levels: [level], eligibleLevels: [level], acceptCode: true };
    await expect(becomeReviewer(db, input)).rejects.toThrow(/16\+/);
    const adult = await makeUser(db);
    await expect(becomeReviewer(db, { ...input, userId: adult.id, acceptCode: false })).rejects.toThrow(/accept/);
    await expect(becomeReviewer(db, { ...input, userId: adult.id, eligibleLevels: [] })).rejects.toThrow(
      /cannot review/,
    );
    const profile = await becomeReviewer(db, { ...input, userId: adult.id });
    expect(profile).toMatchObject({ levels: [level], rank: 1, active: true, approvedForYoung: false });
  });

  it("ranks rise with well-rated reviews and fall when ratings drop", () => {
    expect(rankFor({ rated: 0, problematic: 0 })).toBe(1);
    expect(rankFor({ rated: 3, problematic: 0 })).toBe(2);
    expect(rankFor({ rated: 10, problematic: 0 })).toBe(3);
    expect(rankFor({ rated: 20, problematic: 1 })).toBe(3);
    expect(rankFor({ rated: 20, problematic: 2 })).toBe(1);
  });

  it("one open request per solution, slots counted, cancel frees the slot", async () => {
    const db = handle.db;
    const learner = await makeUser(db);
    const sub = await gradedSubmission(db, learner.id);
    const first = await requestReview(db, requestInput(learner.id, sub.id));
    expect(first.created).toBe(true);
    expect(first.request.status).toBe("pending");
    const again = await requestReview(db, requestInput(learner.id, sub.id));
    expect(again).toMatchObject({ created: false, request: { id: first.request.id } });

    const other = await gradedSubmission(db, learner.id, "16-plus/python-basics/clean-up-a-name");
    const full = { ...requestInput(learner.id, other.id, "16-plus/python-basics/clean-up-a-name"), slots: 1 };
    await expect(requestReview(db, full)).rejects.toThrow(/1 of your review slots/);
    await cancelReview(db, learner.id, first.request.id);
    expect((await requestReview(db, full)).created).toBe(true);

    const stranger = await makeUser(db);
    await expect(cancelReview(db, stranger.id, first.request.id)).rejects.toBeInstanceOf(ReviewError);
  });

  it("refuses a snapshot of someone else's or an ungraded submission", async () => {
    const db = handle.db;
    const learner = await makeUser(db);
    const other = await makeUser(db);
    const foreign = await gradedSubmission(db, other.id);
    await expect(requestReview(db, requestInput(learner.id, foreign.id))).rejects.toThrow(/No such submission/);
    const queued = await createSubmission(db, {
      userId: learner.id,
      exerciseId: exercise,
      files: [{ path: "main.py", content: "x" }],
      tests: [],
    });
    await expect(requestReview(db, requestInput(learner.id, queued.id))).rejects.toThrow(/checked/);
  });

  it("the queue: own levels and rank, oldest first, no own requests, no blockers, exercise filter", async () => {
    const db = handle.db;
    const reviewer = await makeReviewer(db);
    const a = await makeUser(db);
    const b = await makeUser(db);
    const ra = (await requestReview(db, requestInput(a.id, (await gradedSubmission(db, a.id)).id))).request;
    const rb = (await requestReview(db, requestInput(b.id, (await gradedSubmission(db, b.id)).id))).request;
    const otherLevel = "16-plus/data-and-functions/checkout-total";
    await requestReview(db, requestInput(a.id, (await gradedSubmission(db, a.id, otherLevel)).id, otherLevel));
    const deep = {
      ...requestInput(b.id, (await gradedSubmission(db, b.id, `${level}/parse-a-csv-line`)).id),
      exerciseId: `${level}/parse-a-csv-line`,
      levelPosition: 2,
    };
    await requestReview(db, deep);
    const own = await gradedSubmission(db, reviewer.id);
    await requestReview(db, requestInput(reviewer.id, own.id));

    const ids = (await listReviewQueue(db, reviewer.id)).map((r) => r.id);
    expect(ids.indexOf(ra.id)).toBeLessThan(ids.indexOf(rb.id));
    expect(ids.filter((id) => id === ra.id || id === rb.id)).toHaveLength(2);
    const all = await listReviewQueue(db, reviewer.id);
    expect(all.every((r) => r.levelId === level && r.levelPosition === 1 && r.learnerId !== reviewer.id)).toBe(true);
    expect(await listReviewQueue(db, reviewer.id, { exerciseId: "16-plus/python-basics/nothing" })).toEqual([]);

    await db.insert((await import("../schema")).reviewBlocks).values({ learnerId: a.id, reviewerId: reviewer.id });
    const afterBlock = (await listReviewQueue(db, reviewer.id)).map((r) => r.id);
    expect(afterBlock).not.toContain(ra.id);
    expect(afterBlock).toContain(rb.id);
    await expect(claimReview(db, reviewer.id, ra.id)).rejects.toThrow(/No such request/);

    const learnerOnly = await makeUser(db);
    await expect(listReviewQueue(db, learnerOnly.id)).rejects.toThrow(/active reviewers/);
  });

  it("claims: 30 minutes, taken for others, at most four, expiry releases only the same claim", async () => {
    const db = handle.db;
    const a = await makeReviewer(db);
    const b = await makeReviewer(db);
    const now = new Date();
    const made = [];
    for (let i = 0; i < 5; i++) {
      const learner = await makeUser(db);
      made.push(
        (await requestReview(db, requestInput(learner.id, (await gradedSubmission(db, learner.id)).id))).request,
      );
    }
    const [first, ...rest] = made as [(typeof made)[number], ...typeof made];
    const claim = await claimReview(db, a.id, first.id, now);
    expect(claim.claimExpiresAt.getTime() - now.getTime()).toBe(30 * minute);
    expect(await countUnreadNotifications(db, first.learnerId)).toBe(1);
    const seenByB = (await listReviewQueue(db, b.id, { now })).find((r) => r.id === first.id);
    expect(seenByB).toMatchObject({ taken: true, mine: false });
    await expect(claimReview(db, b.id, first.id, now)).rejects.toThrow(/already taken/);

    for (const r of rest.slice(0, 3)) await claimReview(db, a.id, r.id, now);
    await expect(claimReview(db, a.id, (rest[3] as (typeof made)[number]).id, now)).rejects.toThrow(/4 claims/);

    expect(await releaseExpiredClaim(db, first.id, claim.claimId, new Date(now.getTime() + 29 * minute))).toBeNull();
    const later = new Date(now.getTime() + 31 * minute);
    expect((await listExpiredClaims(db, later)).map((c) => c.requestId)).toContain(first.id);
    // B may take an expired claim before the release ran; A's old claim then no longer releases anything.
    const bClaim = await claimReview(db, b.id, first.id, later);
    expect(await releaseExpiredClaim(db, first.id, claim.claimId, later)).toBeNull();
    expect(await releaseExpiredClaim(db, first.id, bClaim.claimId, new Date(later.getTime() + 31 * minute))).toBe(b.id);
    expect((await listReviewQueue(db, a.id)).find((r) => r.id === first.id)).toMatchObject({ taken: false });
  });

  it("estimates the wait from recent first claims, honestly unknown with too few", async () => {
    const db = handle.db;
    const lvl = "16-plus/data-and-functions";
    const reviewer = await makeReviewer(db, [lvl]);
    expect(await estimateReviewWait(db, lvl)).toEqual({ samples: 0, medianMs: null });
    for (const minutes of [10, 20, 90]) {
      const learner = await makeUser(db);
      const ex = `${lvl}/word-frequencies`;
      const { request } = await requestReview(
        db,
        requestInput(learner.id, (await gradedSubmission(db, learner.id, ex)).id, ex),
      );
      await claimReview(db, reviewer.id, request.id, new Date(request.createdAt.getTime() + minutes * minute));
    }
    const estimate = await estimateReviewWait(db, lvl, new Date(Date.now() + 2 * 3_600_000));
    expect(estimate.samples).toBe(3);
    expect(Math.round((estimate.medianMs ?? 0) / minute)).toBe(20);
  });

  it("children: a grown-up approves first, and only reviewers approved for young learners see them", async () => {
    const db = handle.db;
    const childLevel = "8-11/first-steps";
    const ex = `${childLevel}/say-hello`;
    const child = await makeUser(db, "8-11");
    const sub = await gradedSubmission(db, child.id, ex);
    await expect(requestReview(db, requestInput(child.id, sub.id, ex))).rejects.toThrow(/grown-up/);
    await requestGuardianApproval(db, { learnerId: child.id, email: "parent@example.com", tokenHash: "hash-1" });
    const { request } = await requestReview(db, requestInput(child.id, sub.id, ex));
    expect(request.status).toBe("awaiting_guardian");

    const plain = await makeReviewer(db, [childLevel]);
    const admin = await makeUser(db, "16-plus", "admin");
    const approved = await makeReviewer(db, [childLevel]);
    await expect(setReviewerAccess(db, plain.id, approved.id, { approvedForYoung: true })).rejects.toThrow(/admins/);
    await setReviewerAccess(db, admin.id, approved.id, { approvedForYoung: true });
    expect((await listReviewQueue(db, approved.id)).map((r) => r.id)).not.toContain(request.id);

    expect(await approveGuardian(db, "wrong")).toBeUndefined();
    expect(await approveGuardian(db, "hash-1")).toEqual({ released: 1 });
    expect((await listReviewQueue(db, approved.id)).map((r) => r.id)).toContain(request.id);
    expect((await listReviewQueue(db, plain.id)).map((r) => r.id)).not.toContain(request.id);
    await expect(claimReview(db, plain.id, request.id)).rejects.toThrow(/No such request/);

    await setReviewerAccess(db, admin.id, approved.id, { active: false });
    expect((await getReviewerProfile(db, approved.id))?.active).toBe(false);
    await expect(claimReview(db, approved.id, request.id)).rejects.toThrow(/active reviewers/);
    expect(await listNotifications(db, child.id)).toEqual([]);
  });
});
