// The answer of GET /api/submissions/:id as a zod schema: the route handler builds it, the browser parses it.
// Browser-safe: nothing here imports server code (drizzle only as a type).
import type { Submission } from "@codeyard/drizzle";
import { GradeResult, TestOutcome } from "@codeyard/runner/contract";
import { z } from "zod";

export const Verdict = GradeResult.shape.status;
export type Verdict = z.infer<typeof Verdict>;

export const submissionStatuses = ["queued", "running", ...Verdict.options] as const;
export const SubmissionStatus = z.enum(submissionStatuses);
export type SubmissionStatus = z.infer<typeof SubmissionStatus>;

/**
 * One test of a verdict: Exercism v3's TestResult, and whether the exercise's author `shown` it. A hidden test's
 * result carries its name, status and the author's hint (`message`), never `output`.
 */
export const TestResultView = TestOutcome.extend({ shown: z.boolean() });
export type TestResultView = z.infer<typeof TestResultView>;

/** Exercism test-runner results, version 3. */
const SubmissionResultView = z.object({
  version: z.literal(3),
  status: Verdict,
  message: z.string().optional(),
  tests: z.array(TestResultView),
  /** The program never ran: Python or JavaScript could not read it (a syntax error), so no test says more. */
  didNotCompile: z.boolean(),
});
type SubmissionResultView = z.infer<typeof SubmissionResultView>;

/** What GET /api/submissions/:id answers: the verdict, never the tests themselves. */
export const SubmissionView = z.object({
  id: z.uuid(),
  exerciseId: z.string(),
  status: SubmissionStatus,
  result: SubmissionResultView.nullable(),
  createdAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().nullable(),
});
export type SubmissionView = z.infer<typeof SubmissionView>;

export function toSubmissionView(row: Submission): SubmissionView {
  const shown = new Set(row.tests.filter((test) => test.shown === true).map((test) => test.name));
  return {
    id: row.id,
    exerciseId: row.exerciseId,
    status: row.status,
    result: toResultView(row.result, shown),
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

const StoredResult = SubmissionResultView.omit({ didNotCompile: true }).extend({ tests: z.array(TestOutcome) });

// The stored verdict is read as untrusted JSON: a shape this page cannot show reads as "could not be checked".
// Visibility comes from the tests as they were submitted (hidden unless the author marked them shown), and a
// hidden test's output is dropped here too, whatever the grader sent.
function toResultView(stored: unknown, shown: Set<string>): SubmissionResultView | null {
  const parsed = StoredResult.safeParse(stored);
  if (!parsed.success) return null;
  const tests = parsed.data.tests.map(({ output, ...test }) =>
    shown.has(test.name)
      ? { ...test, shown: true, ...(output === undefined ? {} : { output }) }
      : { ...test, shown: false },
  );
  return { ...parsed.data, tests, didNotCompile: didNotCompile(parsed.data) };
}

// The graders answer a program they cannot read with one message naming the line ("Line 3: invalid syntax",
// "SyntaxError: ...") and every test an error with nothing more to say.
export function didNotCompile(result: { status: Verdict; message?: string; tests: TestOutcome[] }): boolean {
  if (result.status !== "error" || !result.message) return false;
  const silent = result.tests.every((t) => t.status === "error" && !t.message && t.output === undefined);
  return silent && /^Line \d+:|\bSyntaxError\b|\bIndentationError\b/.test(result.message);
}
