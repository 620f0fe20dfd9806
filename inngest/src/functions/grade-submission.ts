import {
  type Db,
  failSubmission,
  getSubmissionById,
  markSubmissionRunning,
  recordProgress,
  saveSubmissionResult,
} from "@codeyard/drizzle";
import { NonRetriableError } from "inngest";
import { inngest } from "../client";
import { durable, type FailureContext, type FunctionContext } from "../durable";
import { env } from "../env";
import { type SubmissionRequested, submissionRequested } from "../events";
import { logger } from "../logger";
import type { RunnerClient } from "../runner-client";
import { callRunner, databaseOutageMessage, type StepAnswer, throughDatabaseOutage } from "./runner-steps";

export interface GradeSubmissionDeps {
  getDb: () => Promise<Db>;
  runner: RunnerClient;
}

/** Grading has 15 s; plain runs keep 5 s. */
export const gradingWallMs = 15_000;
export const gradeSubmissionTimeouts = { start: "2m", finish: "3m" } as const;

export function createGradeSubmission(deps: GradeSubmissionDeps) {
  const handler = async ({ event, step, runId }: FunctionContext<SubmissionRequested>) => {
    const { submissionId, userId } = event.data;
    const log = logger.child({ submissionId, runId, fn: "grade-submission" });

    const job = await step.run(
      "mark-running",
      throughDatabaseOutage(async () => {
        const db = await deps.getDb();
        const row = await markSubmissionRunning(db, submissionId);
        if (row) {
          if (row.tests.length === 0) throw new NonRetriableError("this exercise has no tests");
          return { skip: false as const };
        }
        const existing = await getSubmissionById(db, submissionId);
        if (!existing) throw new NonRetriableError(`submission ${submissionId} does not exist`);
        return { skip: true as const, status: existing.status };
      }),
    );
    if (job.skip) return { submissionId, status: job.status, skipped: true };

    // The answer and the exercise's tests are loaded inside the step, and the verdict saved there: hidden tests
    // never travel through Inngest's step state.
    const { status } = await callRunner(step, "run-grader", async (): Promise<StepAnswer> => {
      const db = await deps.getDb();
      const row = await getSubmissionById(db, submissionId);
      if (!row) throw new NonRetriableError(`submission ${submissionId} does not exist`);
      if (row.status !== "running") return { kind: "done", status: row.status };
      const answer = await deps.runner.grade(
        {
          id: submissionId,
          language: row.language,
          files: row.files,
          tests: row.tests,
          limits: { wallMs: gradingWallMs },
        },
        runId,
      );
      if (answer.kind !== "done") return answer;
      const { status: verdict, message, tests } = answer.value;
      const saved = await saveSubmissionResult(db, submissionId, {
        version: 3,
        status: verdict,
        ...(message ? { message } : {}),
        tests,
      });
      // Progress is recorded once per exercise, however many passing answers follow; a pass of the examples
      // alone ("Run examples") is no answer and records nothing.
      const firstPass =
        verdict === "pass" && !row.examplesOnly
          ? await recordProgress(db, { userId, exerciseId: row.exerciseId, submissionId })
          : false;
      log.info({ status: verdict, tests: tests.length, saved, firstPass }, "graded");
      return { kind: "done", status: verdict };
    });
    return { submissionId, status, skipped: false };
  };

  const onFailure = async ({ event, error, runId }: FailureContext<SubmissionRequested>) => {
    const { submissionId } = event.data.event.data;
    if (error.message === databaseOutageMessage) {
      // Not the submission's fault: it stays unfinished, and requeue-lost-work sends it again once it is lost.
      logger.warn(
        { submissionId, runId },
        "grade-submission gave up while the database was down; left for the requeue",
      );
      return;
    }
    logger.error({ submissionId, runId, err: error }, "grade-submission failed");
    await failSubmission(
      await deps.getDb(),
      submissionId,
      "Checking your answer failed on our side. Please submit again.",
    );
  };

  const fn = inngest.createFunction(
    {
      id: "grade-submission",
      triggers: [submissionRequested],
      retries: 2,
      concurrency: [
        { key: "event.data.concurrencyKey", limit: 1 },
        // Gradings have a share of the runner's slots, which the runner enforces too: runs can never be starved.
        { scope: "account", key: '"runner-gradings"', limit: env.capacity.gradings },
      ],
      timeouts: gradeSubmissionTimeouts,
      onFailure,
    },
    handler,
  );
  return durable({ fn, trigger: submissionRequested, handler, onFailure });
}
