import { and, asc, eq, isNull, lte } from "drizzle-orm";
import type { Db } from "../client";
import { guardianApprovals, reviewComments, reviewReports, reviewRequests, users } from "../schema";
import { notify } from "./notifications";
import { ReviewError } from "./review-errors";

async function requireAdmin(db: Db, adminId: string): Promise<void> {
  const [admin] = await db.select({ role: users.role }).from(users).where(eq(users.id, adminId)).limit(1);
  if (admin?.role !== "admin") throw new ReviewError("forbidden", "Only admins can do that.");
}

export async function listOpenReports(db: Db, adminId: string) {
  await requireAdmin(db, adminId);
  return db
    .select({ report: reviewReports, comment: reviewComments, reviewerId: reviewRequests.reviewerId })
    .from(reviewReports)
    .innerJoin(reviewRequests, eq(reviewRequests.id, reviewReports.requestId))
    .leftJoin(reviewComments, eq(reviewComments.id, reviewReports.commentId))
    .where(isNull(reviewReports.resolvedAt))
    .orderBy(asc(reviewReports.createdAt));
}

export async function hideReviewComment(db: Db, adminId: string, commentId: string): Promise<void> {
  await requireAdmin(db, adminId);
  const rows = await db
    .update(reviewComments)
    .set({ hiddenAt: new Date() })
    .where(eq(reviewComments.id, commentId))
    .returning({ id: reviewComments.id });
  if (rows.length === 0) throw new ReviewError("not_found", "No such comment.");
  await db.update(reviewReports).set({ resolvedAt: new Date() }).where(eq(reviewReports.commentId, commentId));
}

export async function resolveReviewReport(db: Db, adminId: string, reportId: string): Promise<void> {
  await requireAdmin(db, adminId);
  await db.update(reviewReports).set({ resolvedAt: new Date() }).where(eq(reviewReports.id, reportId));
}

/** Stores the grown-up's address and the hash of the link's token; an approved learner stays approved. */
export async function requestGuardianApproval(
  db: Db,
  input: { learnerId: string; email: string; tokenHash: string },
): Promise<"sent" | "approved"> {
  const [existing] = await db
    .select()
    .from(guardianApprovals)
    .where(eq(guardianApprovals.learnerId, input.learnerId))
    .limit(1);
  if (existing?.approvedAt) return "approved";
  await db
    .insert(guardianApprovals)
    .values(input)
    .onConflictDoUpdate({
      target: guardianApprovals.learnerId,
      set: { email: input.email, tokenHash: input.tokenHash },
    });
  return "sent";
}

export async function getGuardianStatus(db: Db, learnerId: string): Promise<"none" | "waiting" | "approved"> {
  const [row] = await db.select().from(guardianApprovals).where(eq(guardianApprovals.learnerId, learnerId)).limit(1);
  return !row ? "none" : row.approvedAt ? "approved" : "waiting";
}

/** The grown-up followed the link: the child's waiting requests join the queue. */
export async function approveGuardian(db: Db, tokenHash: string): Promise<{ released: number } | undefined> {
  const [row] = await db
    .update(guardianApprovals)
    .set({ approvedAt: new Date() })
    .where(eq(guardianApprovals.tokenHash, tokenHash))
    .returning();
  if (!row) return undefined;
  const released = await db
    .update(reviewRequests)
    .set({ status: "pending", createdAt: new Date() })
    .where(and(eq(reviewRequests.learnerId, row.learnerId), eq(reviewRequests.status, "awaiting_guardian")))
    .returning({ id: reviewRequests.id });
  return { released: released.length };
}

const day = 86_400_000;
export const nudgeDays = [7, 14, 21] as const;
export const timeoutDays = 28;

/** Nudges whoever's turn it is after 7, 14 and 21 days of silence, and closes the discussion at 28. */
export async function applyReviewDeadlines(db: Db, now = new Date()) {
  const stale = await db
    .select()
    .from(reviewRequests)
    .where(
      and(
        eq(reviewRequests.status, "in_progress"),
        lte(reviewRequests.lastActivityAt, new Date(now.getTime() - nudgeDays[0] * day)),
      ),
    );
  let nudged = 0;
  let timedOut = 0;
  for (const r of stale) {
    const silentDays = (now.getTime() - r.lastActivityAt.getTime()) / day;
    if (silentDays >= timeoutDays) {
      const rows = await db
        .update(reviewRequests)
        .set({ status: "timed_out", turn: null, finishedAt: now })
        .where(and(eq(reviewRequests.id, r.id), eq(reviewRequests.status, "in_progress")))
        .returning({ id: reviewRequests.id });
      if (rows.length === 0) continue;
      timedOut++;
      for (const userId of [r.learnerId, r.reviewerId]) {
        if (!userId) continue;
        await notify(db, { userId, kind: "review_timed_out", requestId: r.id, text: "A quiet review was closed." });
      }
      continue;
    }
    const due = nudgeDays.filter((d) => silentDays >= d).length;
    if (due <= r.nudgesSent) continue;
    const rows = await db
      .update(reviewRequests)
      .set({ nudgesSent: due })
      .where(and(eq(reviewRequests.id, r.id), eq(reviewRequests.nudgesSent, r.nudgesSent)))
      .returning({ id: reviewRequests.id });
    const to = r.turn === "learner" ? r.learnerId : r.reviewerId;
    if (rows.length === 0 || !to) continue;
    nudged++;
    await notify(db, {
      userId: to,
      kind: "review_nudge",
      requestId: r.id,
      text: `A review has waited ${nudgeDays[due - 1]} days for your answer.`,
    });
  }
  return { nudged, timedOut };
}
