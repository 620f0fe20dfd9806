import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../client";
import {
  type Draft,
  drafts,
  type ExecutionFile,
  type HiddenTest,
  type Progress,
  progress,
  type Submission,
  type SubmissionResult,
  type SubmissionStatus,
  submissions,
  workspaces,
} from "../schema";

export async function createSubmission(
  db: Db,
  input: { userId: string; exerciseId: string; files: ExecutionFile[]; tests: HiddenTest[]; examplesOnly?: boolean },
): Promise<Submission> {
  const [row] = await db
    .insert(submissions)
    .values({ ...input, concurrencyKey: `user:${input.userId}` })
    .returning();
  if (!row) throw new Error("insert returned no row");
  return row;
}

/** A submission as its owner sees it: another user's id reads as not found. */
export async function getSubmission(db: Db, userId: string, id: string): Promise<Submission | undefined> {
  const [row] = await db
    .select()
    .from(submissions)
    .where(and(eq(submissions.id, id), eq(submissions.userId, userId)))
    .limit(1);
  return row;
}

/** For the grading workflow, which acts for the owner named in its event. */
export async function getSubmissionById(db: Db, id: string): Promise<Submission | undefined> {
  const [row] = await db.select().from(submissions).where(eq(submissions.id, id)).limit(1);
  return row;
}

const replaceable: SubmissionStatus[] = ["queued", "running"];

export async function markSubmissionRunning(db: Db, id: string): Promise<Submission | undefined> {
  const [row] = await db
    .update(submissions)
    .set({ status: "running" })
    .where(and(eq(submissions.id, id), inArray(submissions.status, replaceable)))
    .returning();
  return row;
}

/** Withdraws a submission that was stored but never dispatched. */
export async function deleteSubmission(db: Db, id: string): Promise<void> {
  await db.delete(submissions).where(and(eq(submissions.id, id), eq(submissions.status, "queued")));
}

export async function failSubmission(db: Db, id: string, message: string): Promise<boolean> {
  return saveSubmissionResult(db, id, { version: 3, status: "error", message, tests: [] });
}

/** Stores the verdict once: a replay of a graded submission changes nothing. */
export async function saveSubmissionResult(db: Db, id: string, result: SubmissionResult): Promise<boolean> {
  const rows = await db
    .update(submissions)
    .set({ status: result.status, result, finishedAt: new Date() })
    .where(and(eq(submissions.id, id), inArray(submissions.status, replaceable)))
    .returning({ id: submissions.id });
  return rows.length > 0;
}

/** The learner's answers, newest first; "Run examples" checks are no answers and are left out. */
export async function listRecentSubmissions(db: Db, userId: string, limit = 10): Promise<Submission[]> {
  return db
    .select()
    .from(submissions)
    .where(and(eq(submissions.userId, userId), eq(submissions.examplesOnly, false)))
    .orderBy(desc(submissions.createdAt))
    .limit(limit);
}

/**
 * The exercises a learner worked on, most recent first: by their latest submission or example check, or the
 * latest change to their lesson files (opening a lesson makes them).
 */
export async function listTouchedExercises(db: Db, userId: string, limit = 20): Promise<string[]> {
  const touched = db
    .select({ exerciseId: submissions.exerciseId, at: submissions.createdAt })
    .from(submissions)
    .where(eq(submissions.userId, userId))
    .unionAll(
      db
        .select({ exerciseId: sql<string>`${workspaces.exerciseId}`.as("exercise_id"), at: workspaces.updatedAt })
        .from(workspaces)
        .where(and(eq(workspaces.userId, userId), eq(workspaces.kind, "lesson"))),
    )
    .as("touched");
  const rows = await db
    .select({ exerciseId: touched.exerciseId })
    .from(touched)
    .groupBy(touched.exerciseId)
    .orderBy(desc(sql`max(${touched.at})`))
    .limit(limit);
  return rows.map((r) => r.exerciseId);
}

/** Records a passed exercise; true only the first time. */
export async function recordProgress(
  db: Db,
  input: { userId: string; exerciseId: string; submissionId: string },
): Promise<boolean> {
  const rows = await db.insert(progress).values(input).onConflictDoNothing().returning({ userId: progress.userId });
  return rows.length > 0;
}

export async function listProgress(db: Db, userId: string): Promise<Progress[]> {
  return db.select().from(progress).where(eq(progress.userId, userId));
}

export async function saveDraft(db: Db, input: { userId: string; exerciseId: string; code: string }): Promise<void> {
  await db
    .insert(drafts)
    .values({ ...input, updatedAt: new Date() })
    .onConflictDoUpdate({
      target: [drafts.userId, drafts.exerciseId],
      set: { code: input.code, updatedAt: new Date() },
    });
}

export async function getDraft(db: Db, userId: string, exerciseId: string): Promise<Draft | undefined> {
  const [row] = await db
    .select()
    .from(drafts)
    .where(and(eq(drafts.userId, userId), eq(drafts.exerciseId, exerciseId)))
    .limit(1);
  return row;
}

export async function deleteDraft(db: Db, userId: string, exerciseId: string): Promise<void> {
  await db.delete(drafts).where(and(eq(drafts.userId, userId), eq(drafts.exerciseId, exerciseId)));
}
