import type { Submission } from "@codeyard/drizzle";

/** What GET /api/submissions/:id answers: the verdict, never the hidden tests themselves. */
export function toSubmissionView(row: Submission) {
  return {
    id: row.id,
    exerciseId: row.exerciseId,
    status: row.status,
    result: row.result ?? null,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}
