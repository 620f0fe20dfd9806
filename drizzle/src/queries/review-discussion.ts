import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "../client";
import {
  type ReviewRating,
  type ReviewRequest,
  reviewBlocks,
  reviewComments,
  reviewIterations,
  reviewReports,
  reviewRequests,
  users,
} from "../schema";
import { notify } from "./notifications";
import { ReviewError } from "./review-errors";
import { snapshotOf } from "./review-snapshot";
import { recomputeReviewerRank } from "./reviewers";

const hidden = "_This comment was hidden by a moderator._";

/** How a learner is named to others: children of the 8-11 group never by their account name. */
export function learnerAlias(request: Pick<ReviewRequest, "learnerAgeGroup" | "learnerId">, username: string) {
  return request.learnerAgeGroup === "8-11" ? `Young learner ${request.learnerId.slice(0, 4)}` : username;
}

async function load(db: Db, requestId: string) {
  const [request] = await db.select().from(reviewRequests).where(eq(reviewRequests.id, requestId)).limit(1);
  return request;
}

type Party = "learner" | "reviewer" | "admin";

/** The viewer's part in a discussion; anyone else is told it does not exist. */
async function partyOf(db: Db, viewerId: string, requestId: string): Promise<{ request: ReviewRequest; party: Party }> {
  const request = await load(db, requestId);
  if (request?.learnerId === viewerId) return { request, party: "learner" };
  if (request && request.reviewerId === viewerId && request.status !== "pending") return { request, party: "reviewer" };
  const [viewer] = await db.select({ role: users.role }).from(users).where(eq(users.id, viewerId)).limit(1);
  if (request && viewer?.role === "admin") return { request, party: "admin" };
  throw new ReviewError("not_found", "No such review.");
}

export async function getDiscussion(db: Db, viewerId: string, requestId: string) {
  const { request, party } = await partyOf(db, viewerId, requestId);
  const iterations = await db
    .select()
    .from(reviewIterations)
    .where(eq(reviewIterations.requestId, requestId))
    .orderBy(asc(reviewIterations.number));
  const comments = await db
    .select({ comment: reviewComments, username: users.username })
    .from(reviewComments)
    .innerJoin(users, eq(users.id, reviewComments.authorId))
    .where(eq(reviewComments.requestId, requestId))
    .orderBy(asc(reviewComments.createdAt));
  const names = await db
    .select({ id: users.id, username: users.username })
    .from(users)
    .where(inArray(users.id, [request.learnerId, request.reviewerId ?? request.learnerId]));
  const nameOf = (id: string | null) => names.find((n) => n.id === id)?.username ?? "";
  const learnerName = learnerAlias(request, nameOf(request.learnerId));
  return {
    request,
    party,
    learnerName: party === "learner" ? nameOf(request.learnerId) : learnerName,
    reviewerName: request.reviewerId ? nameOf(request.reviewerId) : null,
    iterations,
    comments: comments.map(({ comment, username }) => ({
      id: comment.id,
      fromReviewer: comment.authorId !== request.learnerId,
      author: comment.authorId === request.learnerId && party !== "learner" ? learnerName : username,
      line: comment.line,
      iteration: comment.iteration,
      hidden: comment.hiddenAt !== null,
      body: comment.hiddenAt && party !== "admin" ? hidden : comment.body,
      createdAt: comment.createdAt,
    })),
  };
}

function lineCount(files: { path: string; content: string }[]): number {
  const main = files.find((f) => f.path === "main.py") ?? files[0];
  return main ? main.content.split("\n").length : 0;
}

/** A reviewer's first comment turns a claim into a discussion; every comment hands the turn to the other side. */
export async function addReviewComment(
  db: Db,
  input: { authorId: string; requestId: string; body: string; line?: number | null },
  now = new Date(),
) {
  const { request, party } = await partyOf(db, input.authorId, input.requestId);
  if (party === "admin") throw new ReviewError("forbidden", "Admins moderate; they do not take part.");
  const body = input.body.trim();
  if (body.length === 0 || body.length > 5000) throw new ReviewError("invalid", "Write 1 to 5000 characters.");
  const open = party === "reviewer" ? ["claimed", "in_progress"] : ["in_progress"];
  if (!open.includes(request.status)) {
    throw new ReviewError("conflict", "This discussion is not open for comments right now.");
  }
  if (party === "reviewer" && request.status === "claimed" && (request.claimExpiresAt ?? now) <= now) {
    throw new ReviewError("conflict", "Your claim has expired; start the review again from the queue.");
  }
  const [latest] = await db
    .select()
    .from(reviewIterations)
    .where(eq(reviewIterations.requestId, request.id))
    .orderBy(desc(reviewIterations.number))
    .limit(1);
  if (!latest) throw new Error("a request without an iteration");
  const line = input.line ?? null;
  if (line !== null && (line < 1 || line > lineCount(latest.files))) {
    throw new ReviewError("invalid", `There is no line ${line} in this iteration.`);
  }
  return db.transaction(async (tx) => {
    const [comment] = await tx
      .insert(reviewComments)
      .values({ requestId: request.id, authorId: input.authorId, iteration: latest.number, line, body })
      .returning();
    await tx
      .update(reviewRequests)
      .set({
        status: "in_progress",
        claimExpiresAt: null,
        turn: party === "reviewer" ? "learner" : "reviewer",
        lastActivityAt: now,
        nudgesSent: 0,
      })
      .where(eq(reviewRequests.id, request.id));
    const to = party === "reviewer" ? request.learnerId : request.reviewerId;
    if (to) {
      await notify(tx, {
        userId: to,
        kind: "review_comment",
        requestId: request.id,
        text: party === "reviewer" ? "Your reviewer wrote a comment." : "The learner replied to your review.",
      });
    }
    return comment;
  });
}

/** The learner adds a new snapshot of their code: the reviewer's turn. */
export async function addReviewIteration(
  db: Db,
  input: { learnerId: string; requestId: string; submissionId: string },
) {
  const { request, party } = await partyOf(db, input.learnerId, input.requestId);
  if (party !== "learner") throw new ReviewError("forbidden", "Only the learner adds iterations.");
  if (!["pending", "claimed", "in_progress"].includes(request.status)) {
    throw new ReviewError("conflict", "This review is closed.");
  }
  const snapshot = await snapshotOf(db, input.learnerId, input.submissionId, request.exerciseId);
  const [latest] = await db
    .select({ number: reviewIterations.number, submissionId: reviewIterations.submissionId })
    .from(reviewIterations)
    .where(eq(reviewIterations.requestId, request.id))
    .orderBy(desc(reviewIterations.number))
    .limit(1);
  if (latest?.submissionId === snapshot.submissionId) {
    throw new ReviewError("conflict", "Submit a changed answer first: this one is already the latest iteration.");
  }
  const number = (latest?.number ?? 0) + 1;
  await db.insert(reviewIterations).values({ requestId: request.id, number, ...snapshot });
  if (request.status === "in_progress") {
    await db
      .update(reviewRequests)
      .set({ turn: "reviewer", lastActivityAt: new Date(), nudgesSent: 0 })
      .where(eq(reviewRequests.id, request.id));
    if (request.reviewerId) {
      await notify(db, {
        userId: request.reviewerId,
        kind: "review_comment",
        requestId: request.id,
        text: `The learner added iteration ${number}.`,
      });
    }
  }
  return number;
}

export async function finishReview(db: Db, reviewerId: string, requestId: string) {
  const { request, party } = await partyOf(db, reviewerId, requestId);
  if (party !== "reviewer") throw new ReviewError("forbidden", "Only the reviewer finishes a review.");
  if (request.status !== "in_progress") throw new ReviewError("conflict", "Write at least one comment first.");
  await db
    .update(reviewRequests)
    .set({ status: "finished", turn: null, finishedAt: new Date() })
    .where(eq(reviewRequests.id, request.id));
  await notify(db, {
    userId: request.learnerId,
    kind: "review_finished",
    requestId,
    text: "Your reviewer finished the review. How was it?",
  });
}

/** The learner rates a finished review once; "problematic" may come with a block and a report. */
export async function rateReview(
  db: Db,
  input: { learnerId: string; requestId: string; rating: ReviewRating; block?: boolean; report?: string },
) {
  const { request, party } = await partyOf(db, input.learnerId, input.requestId);
  if (party !== "learner") throw new ReviewError("forbidden", "Only the learner rates a review.");
  if (request.status !== "finished" || !request.reviewerId) {
    throw new ReviewError("conflict", "Only a finished review can be rated.");
  }
  if (request.rating) throw new ReviewError("conflict", "You have rated this review already.");
  await db.update(reviewRequests).set({ rating: input.rating }).where(eq(reviewRequests.id, request.id));
  if (input.block) {
    await db
      .insert(reviewBlocks)
      .values({ learnerId: input.learnerId, reviewerId: request.reviewerId })
      .onConflictDoNothing();
  }
  if (input.report?.trim())
    await reportReview(db, { reporterId: input.learnerId, requestId: request.id, reason: input.report });
  return recomputeReviewerRank(db, request.reviewerId);
}

/** One click from a participant: the whole review, or one comment of it. */
export async function reportReview(
  db: Db,
  input: { reporterId: string; requestId: string; commentId?: string | null; reason: string },
) {
  const { party } = await partyOf(db, input.reporterId, input.requestId);
  if (party === "admin") throw new ReviewError("forbidden", "Admins hide comments instead.");
  if (input.commentId) {
    const [comment] = await db
      .select({ id: reviewComments.id })
      .from(reviewComments)
      .where(and(eq(reviewComments.id, input.commentId), eq(reviewComments.requestId, input.requestId)))
      .limit(1);
    if (!comment) throw new ReviewError("not_found", "No such comment in this review.");
  }
  const reason = input.reason.trim().slice(0, 1000) || "Reported without a reason.";
  const [row] = await db
    .insert(reviewReports)
    .values({ reporterId: input.reporterId, requestId: input.requestId, commentId: input.commentId ?? null, reason })
    .returning();
  return row;
}
