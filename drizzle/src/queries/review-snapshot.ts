import { eq } from "drizzle-orm";
import type { Db } from "../client";
import { submissions } from "../schema";
import { ReviewError } from "./review-errors";

/** The learner's finished submission, frozen as an iteration; a queued or foreign one is refused. */
export async function snapshotOf(db: Db, learnerId: string, submissionId: string, exerciseId: string) {
  const [sub] = await db.select().from(submissions).where(eq(submissions.id, submissionId)).limit(1);
  if (!sub || sub.userId !== learnerId || sub.exerciseId !== exerciseId) {
    throw new ReviewError("not_found", "No such submission of yours for this exercise.");
  }
  if (sub.status === "queued" || sub.status === "running") {
    throw new ReviewError("conflict", "Wait until your answer has been checked.");
  }
  return { submissionId: sub.id, files: sub.files, result: sub.result };
}
