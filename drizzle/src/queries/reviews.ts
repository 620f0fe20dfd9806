import { randomUUID } from "node:crypto";
import { and, asc, count, desc, eq, gt, inArray, isNotNull, lte, ne, notExists, sql } from "drizzle-orm";
import type { Db } from "../client";
import {
  guardianApprovals,
  openReviewStatuses,
  type ReviewRequest,
  reviewBlocks,
  reviewIterations,
  reviewRequests,
  users,
} from "../schema";
import { notify } from "./notifications";
import { isUniqueViolation, ReviewError } from "./review-errors";
import { snapshotOf } from "./review-snapshot";
import { getReviewerProfile } from "./reviewers";

export const claimMinutes = 30;
export const maxClaimsPerReviewer = 4;

export async function countOpenRequests(db: Db, learnerId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(reviewRequests)
    .where(and(eq(reviewRequests.learnerId, learnerId), inArray(reviewRequests.status, openReviewStatuses)));
  return row?.n ?? 0;
}

export async function findOpenRequest(db: Db, learnerId: string, exerciseId: string) {
  const [row] = await db
    .select()
    .from(reviewRequests)
    .where(
      and(
        eq(reviewRequests.learnerId, learnerId),
        eq(reviewRequests.exerciseId, exerciseId),
        inArray(reviewRequests.status, openReviewStatuses),
      ),
    )
    .limit(1);
  return row;
}

/** Asks for a review of a submitted solution; a second request for the same solution answers the open one. */
export async function requestReview(
  db: Db,
  input: {
    learnerId: string;
    exerciseId: string;
    levelId: string;
    levelPosition: number;
    question: string;
    submissionId: string;
    slots: number;
  },
): Promise<{ request: ReviewRequest; created: boolean }> {
  const existing = await findOpenRequest(db, input.learnerId, input.exerciseId);
  if (existing) return { request: existing, created: false };
  const [learner] = await db.select().from(users).where(eq(users.id, input.learnerId)).limit(1);
  if (!learner?.ageGroup) throw new ReviewError("forbidden", "Pick your age group first.");
  const question = input.question.trim();
  if (question.length < 10 || question.length > 2000) {
    throw new ReviewError("invalid", "Say in 10 to 2000 characters how a reviewer can help.");
  }
  if ((await countOpenRequests(db, input.learnerId)) >= input.slots) {
    throw new ReviewError("conflict", `All ${input.slots} of your review slots are in use.`);
  }
  const snapshot = await snapshotOf(db, input.learnerId, input.submissionId, input.exerciseId);
  let status: ReviewRequest["status"] = "pending";
  if (learner.ageGroup === "8-11") {
    const [consent] = await db
      .select()
      .from(guardianApprovals)
      .where(eq(guardianApprovals.learnerId, learner.id))
      .limit(1);
    if (!consent) throw new ReviewError("forbidden", "A grown-up needs to approve reviews first.");
    if (!consent.approvedAt) status = "awaiting_guardian";
  }
  try {
    return await db.transaction(async (tx) => {
      const [request] = await tx
        .insert(reviewRequests)
        .values({
          learnerId: learner.id,
          learnerAgeGroup: learner.ageGroup as NonNullable<typeof learner.ageGroup>,
          exerciseId: input.exerciseId,
          levelId: input.levelId,
          levelPosition: input.levelPosition,
          question,
          status,
        })
        .returning();
      if (!request) throw new Error("insert returned no row");
      await tx.insert(reviewIterations).values({ requestId: request.id, number: 1, ...snapshot });
      return { request, created: true };
    });
  } catch (error) {
    const again = isUniqueViolation(error) && (await findOpenRequest(db, input.learnerId, input.exerciseId));
    if (again) return { request: again, created: false };
    throw error;
  }
}

export async function cancelReview(db: Db, learnerId: string, requestId: string): Promise<void> {
  const rows = await db
    .update(reviewRequests)
    .set({ status: "cancelled", claimId: null, claimExpiresAt: null, turn: null, finishedAt: new Date() })
    .where(
      and(
        eq(reviewRequests.id, requestId),
        eq(reviewRequests.learnerId, learnerId),
        inArray(reviewRequests.status, openReviewStatuses),
      ),
    )
    .returning({ reviewerId: reviewRequests.reviewerId });
  if (rows.length === 0) throw new ReviewError("not_found", "No open request of yours with that id.");
}

/** What a reviewer may see: their levels and rank, never their own or a blocker's, children only if approved. */
function visibleTo(profile: { userId: string; levels: string[]; rank: number; approvedForYoung: boolean }) {
  return and(
    inArray(reviewRequests.levelId, profile.levels.length ? profile.levels : [""]),
    lte(reviewRequests.levelPosition, profile.rank),
    ne(reviewRequests.learnerId, profile.userId),
    profile.approvedForYoung ? undefined : ne(reviewRequests.learnerAgeGroup, "8-11"),
    notExists(blockedBy(profile.userId)),
  );
}

function blockedBy(reviewerId: string) {
  return sql`(select 1 from ${reviewBlocks} where ${reviewBlocks.learnerId} = ${reviewRequests.learnerId} and ${reviewBlocks.reviewerId} = ${reviewerId})`;
}

async function activeProfile(db: Db, reviewerId: string) {
  const profile = await getReviewerProfile(db, reviewerId);
  if (!profile?.active) throw new ReviewError("forbidden", "Only active reviewers can do that.");
  return profile;
}

/** The queue, oldest first: open requests, and claimed ones shown as taken. */
export async function listReviewQueue(
  db: Db,
  reviewerId: string,
  options: { exerciseId?: string; now?: Date; limit?: number } = {},
) {
  const profile = await activeProfile(db, reviewerId);
  const now = options.now ?? new Date();
  const rows = await db
    .select()
    .from(reviewRequests)
    .where(
      and(
        visibleTo(profile),
        inArray(reviewRequests.status, ["pending", "claimed"]),
        options.exerciseId ? eq(reviewRequests.exerciseId, options.exerciseId) : undefined,
      ),
    )
    .orderBy(asc(reviewRequests.createdAt))
    .limit(options.limit ?? 50);
  return rows.map((r) => {
    const live = r.status === "claimed" && r.claimExpiresAt !== null && r.claimExpiresAt > now;
    return { ...r, taken: live, mine: live && r.reviewerId === reviewerId };
  });
}

/** Locks a request for the reviewer for 30 minutes; at most four live claims each. */
export async function claimReview(db: Db, reviewerId: string, requestId: string, now = new Date()) {
  const profile = await activeProfile(db, reviewerId);
  return db.transaction(async (tx) => {
    const [request] = await tx
      .select()
      .from(reviewRequests)
      .where(and(eq(reviewRequests.id, requestId), visibleTo(profile)))
      .for("update");
    if (!request) throw new ReviewError("not_found", "No such request in your queue.");
    const expired = request.status === "claimed" && (request.claimExpiresAt ?? now) <= now;
    if (request.status !== "pending" && !expired) {
      throw new ReviewError("conflict", "Another reviewer has already taken this request.");
    }
    const [live] = await tx
      .select({ n: count() })
      .from(reviewRequests)
      .where(
        and(
          eq(reviewRequests.reviewerId, reviewerId),
          eq(reviewRequests.status, "claimed"),
          gt(reviewRequests.claimExpiresAt, now),
        ),
      );
    if ((live?.n ?? 0) >= maxClaimsPerReviewer) {
      throw new ReviewError("conflict", `You already hold ${maxClaimsPerReviewer} claims: answer one first.`);
    }
    const claimId = randomUUID();
    const claimExpiresAt = new Date(now.getTime() + claimMinutes * 60_000);
    const [row] = await tx
      .update(reviewRequests)
      .set({
        status: "claimed",
        reviewerId,
        claimId,
        claimExpiresAt,
        firstClaimedAt: request.firstClaimedAt ?? now,
        turn: "reviewer",
        lastActivityAt: now,
      })
      .where(eq(reviewRequests.id, requestId))
      .returning();
    if (!row) throw new Error("update returned no row");
    await notify(tx, {
      userId: request.learnerId,
      kind: "review_claimed",
      requestId,
      text: "A reviewer has started looking at your code.",
    });
    return { request: row, claimId, claimExpiresAt };
  });
}

/** Puts an unanswered claim back in the queue (answers the released reviewer); an answered or newer claim stays. */
export async function releaseExpiredClaim(
  db: Db,
  requestId: string,
  claimId: string,
  now = new Date(),
): Promise<string | null> {
  const [before] = await db
    .select({ reviewerId: reviewRequests.reviewerId })
    .from(reviewRequests)
    .where(and(eq(reviewRequests.id, requestId), eq(reviewRequests.claimId, claimId)));
  const rows = await db
    .update(reviewRequests)
    .set({ status: "pending", reviewerId: null, claimId: null, claimExpiresAt: null, turn: null })
    .where(
      and(
        eq(reviewRequests.id, requestId),
        eq(reviewRequests.claimId, claimId),
        eq(reviewRequests.status, "claimed"),
        lte(reviewRequests.claimExpiresAt, now),
      ),
    )
    .returning({ id: reviewRequests.id });
  return rows.length > 0 ? (before?.reviewerId ?? null) : null;
}

/** Every claim past its time, for the safety-net cron. */
export async function listExpiredClaims(db: Db, now = new Date()) {
  return db
    .select({ requestId: reviewRequests.id, claimId: reviewRequests.claimId })
    .from(reviewRequests)
    .where(
      and(
        eq(reviewRequests.status, "claimed"),
        isNotNull(reviewRequests.claimId),
        lte(reviewRequests.claimExpiresAt, now),
      ),
    );
}

/** Median time from request to first claim over the latest claimed requests of the last 30 days. */
export async function estimateReviewWait(db: Db, levelId: string | null, now = new Date()) {
  const since = new Date(now.getTime() - 30 * 86_400_000);
  const rows = await db
    .select({ createdAt: reviewRequests.createdAt, claimedAt: reviewRequests.firstClaimedAt })
    .from(reviewRequests)
    .where(
      and(
        isNotNull(reviewRequests.firstClaimedAt),
        gt(reviewRequests.firstClaimedAt, since),
        levelId ? eq(reviewRequests.levelId, levelId) : undefined,
      ),
    )
    .orderBy(desc(reviewRequests.firstClaimedAt))
    .limit(20);
  const waits = rows.map((r) => (r.claimedAt as Date).getTime() - r.createdAt.getTime()).sort((a, b) => a - b);
  if (waits.length < 3) return { samples: waits.length, medianMs: null };
  const mid = Math.floor(waits.length / 2);
  const medianMs =
    waits.length % 2 ? (waits[mid] as number) : ((waits[mid - 1] as number) + (waits[mid] as number)) / 2;
  return { samples: waits.length, medianMs };
}

export async function listMyReviewRequests(db: Db, learnerId: string) {
  return db
    .select()
    .from(reviewRequests)
    .where(eq(reviewRequests.learnerId, learnerId))
    .orderBy(desc(reviewRequests.createdAt))
    .limit(50);
}

export async function listMyReviews(db: Db, reviewerId: string) {
  return db
    .select()
    .from(reviewRequests)
    .where(
      and(
        eq(reviewRequests.reviewerId, reviewerId),
        inArray(reviewRequests.status, ["claimed", "in_progress", "finished"]),
      ),
    )
    .orderBy(desc(reviewRequests.lastActivityAt))
    .limit(50);
}
