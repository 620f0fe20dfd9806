import { and, count, eq, isNotNull, ne } from "drizzle-orm";
import type { Db } from "../client";
import { type ReviewerProfile, reviewerProfiles, reviewRequests, users } from "../schema";
import { ReviewError } from "./review-errors";

/** Rated reviews needed, and the share not rated "problematic", for ranks 2 and 3. */
export const rankRules = [
  { rank: 3, rated: 10, share: 0.95 },
  { rank: 2, rated: 3, share: 0.95 },
] as const;

/** A reviewer's rank from their ratings: it rises with well-rated reviews and falls when ratings drop. */
export function rankFor(stats: { rated: number; problematic: number }): number {
  const share = stats.rated === 0 ? 0 : (stats.rated - stats.problematic) / stats.rated;
  return rankRules.find((r) => stats.rated >= r.rated && share >= r.share)?.rank ?? 1;
}

export async function getReviewerProfile(db: Db, userId: string): Promise<ReviewerProfile | undefined> {
  const [row] = await db.select().from(reviewerProfiles).where(eq(reviewerProfiles.userId, userId)).limit(1);
  return row;
}

/** Self-service: a 16+ learner picks levels among those they qualify for and accepts the code of conduct. */
export async function becomeReviewer(
  db: Db,
  input: { userId: string; levels: string[]; eligibleLevels: string[]; acceptCode: boolean },
): Promise<ReviewerProfile> {
  const [user] = await db.select().from(users).where(eq(users.id, input.userId)).limit(1);
  if (!user) throw new ReviewError("not_found", "No such account.");
  if (user.ageGroup !== "16-plus") throw new ReviewError("forbidden", "Reviewers must be in the 16+ group.");
  if (!input.acceptCode) throw new ReviewError("invalid", "Please accept the reviewer commitments.");
  const levels = [...new Set(input.levels)];
  if (levels.length === 0) throw new ReviewError("invalid", "Pick at least one level to review.");
  const outside = levels.filter((l) => !input.eligibleLevels.includes(l));
  if (outside.length > 0) throw new ReviewError("forbidden", `You cannot review ${outside.join(", ")} yet.`);
  const existing = await getReviewerProfile(db, input.userId);
  if (existing && !existing.active) throw new ReviewError("forbidden", "An admin has paused your reviewer role.");
  const [row] = await db
    .insert(reviewerProfiles)
    .values({ userId: input.userId, levels })
    .onConflictDoUpdate({ target: reviewerProfiles.userId, set: { levels } })
    .returning();
  if (!row) throw new Error("upsert returned no row");
  if (user.role === "learner") await db.update(users).set({ role: "reviewer" }).where(eq(users.id, user.id));
  return row;
}

async function requireAdmin(db: Db, adminId: string): Promise<void> {
  const [admin] = await db.select({ role: users.role }).from(users).where(eq(users.id, adminId)).limit(1);
  if (admin?.role !== "admin") throw new ReviewError("forbidden", "Only admins can do that.");
}

/** Admin: grant (with levels), revoke, or approve a reviewer for young learners. */
export async function setReviewerAccess(
  db: Db,
  adminId: string,
  targetId: string,
  change: { active?: boolean; approvedForYoung?: boolean; levels?: string[] },
): Promise<ReviewerProfile> {
  await requireAdmin(db, adminId);
  const existing = await getReviewerProfile(db, targetId);
  if (!existing && !change.levels?.length) throw new ReviewError("invalid", "Grant needs at least one level.");
  const values = { userId: targetId, levels: change.levels ?? existing?.levels ?? [], ...change };
  const [row] = await db
    .insert(reviewerProfiles)
    .values(values)
    .onConflictDoUpdate({ target: reviewerProfiles.userId, set: change })
    .returning();
  if (!row) throw new Error("upsert returned no row");
  const [user] = await db.select({ role: users.role }).from(users).where(eq(users.id, targetId)).limit(1);
  if (user && user.role !== "admin") {
    await db
      .update(users)
      .set({ role: row.active ? "reviewer" : "learner" })
      .where(eq(users.id, targetId));
  }
  return row;
}

export async function listReviewers(db: Db, adminId: string) {
  await requireAdmin(db, adminId);
  return db
    .select({ profile: reviewerProfiles, username: users.username })
    .from(reviewerProfiles)
    .innerJoin(users, eq(users.id, reviewerProfiles.userId))
    .orderBy(users.username);
}

/** Recomputes a reviewer's rank from every rated review they finished. */
export async function recomputeReviewerRank(db: Db, reviewerId: string): Promise<number> {
  const rated = and(eq(reviewRequests.reviewerId, reviewerId), isNotNull(reviewRequests.rating));
  const [all] = await db.select({ n: count() }).from(reviewRequests).where(rated);
  const [good] = await db
    .select({ n: count() })
    .from(reviewRequests)
    .where(and(rated, ne(reviewRequests.rating, "problematic")));
  const total = all?.n ?? 0;
  const rank = rankFor({ rated: total, problematic: total - (good?.n ?? 0) });
  await db.update(reviewerProfiles).set({ rank }).where(eq(reviewerProfiles.userId, reviewerId));
  return rank;
}
