import {
  type Db,
  failSubmission,
  getSubmissionById,
  markSubmissionRunning,
  recordProgress,
  saveSubmissionResult,
} from "@codeyard/drizzle";
import { NonRetriableError } from "inngest";
import { env } from "../env";
import { submissionRequested } from "../events";
import { logger } from "../logger";
import type { RunnerClient } from "../runner-client";
import { defineWorkflow } from "../workflow";

export interface GradeSubmissionDeps {
  getDb: () => Promise<Db>;
  runner: RunnerClient;
}

/** Grading has 15 s; plain runs keep 5 s. */
export const gradingWallMs = 15_000;

export function createGradeSubmission(deps: GradeSubmissionDeps) {
  return defineWorkflow({
    id: "grade-submission",
    event: submissionRequested,
    retries: 2,
    concurrency: { keyField: "concurrencyKey", perKey: 1, global: env.RUNNER_CONCURRENCY },
    finishTimeout: "3m",
    async handler({ event, step, runId }) {
      const { submissionId, userId } = event.data;
      const log = logger.child({ submissionId, runId, fn: "grade-submission" });

      const job = await step.run("mark-running", async () => {
        const db = await deps.getDb();
        const row = await markSubmissionRunning(db, submissionId);
        if (row) return { skip: false as const, exerciseId: row.exerciseId, files: row.files, tests: row.tests };
        const existing = await getSubmissionById(db, submissionId);
        if (!existing) throw new NonRetriableError(`submission ${submissionId} does not exist`);
        return { skip: true as const, status: existing.status };
      });
      if (job.skip) return { submissionId, status: job.status, skipped: true };
      if (job.tests.length === 0) throw new NonRetriableError("this exercise has no tests");

      const verdict = await step.run("run-grader", async () => {
        const answer = await deps.runner.grade(
          {
            id: submissionId,
            language: "python",
            files: job.files,
            tests: job.tests,
            limits: { wallMs: gradingWallMs },
          },
          runId,
        );
        log.info({ status: answer.status, tests: answer.tests.length }, "graded");
        return answer;
      });

      await step.run("save-result", async () => {
        const db = await deps.getDb();
        const { status, message, tests } = verdict;
        const saved = await saveSubmissionResult(db, submissionId, {
          version: 3,
          status,
          ...(message ? { message } : {}),
          tests,
        });
        // Progress is recorded once per exercise, however many passing answers follow.
        const firstPass =
          status === "pass" ? await recordProgress(db, { userId, exerciseId: job.exerciseId, submissionId }) : false;
        return { saved, firstPass };
      });
      return { submissionId, status: verdict.status, skipped: false };
    },
    async onFailure({ event, error, runId }) {
      const { submissionId } = event.data;
      logger.error({ submissionId, runId, err: error.message }, "grade-submission failed");
      await failSubmission(
        await deps.getDb(),
        submissionId,
        "Checking your answer failed on our side. Please submit again.",
      );
    },
  });
}
