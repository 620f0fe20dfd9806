import {
  type Db,
  type ExecutionResult,
  failExecution,
  getExecution,
  getLastRunFiles,
  markExecutionRunning,
  saveExecutionResult,
} from "@codeyard/drizzle";
import { limitDefaults, RunnerLanguage, type RunRequest } from "@codeyard/runner/contract";
import { NonRetriableError } from "inngest";
import { inngest } from "../client";
import { durable, type FailureContext, type FunctionContext } from "../durable";
import { env } from "../env";
import { type ExecutionRequested, executionCancelRequested, executionRequested, guestSessionKey } from "../events";
import { liveViewerOf } from "../live";
import { logger } from "../logger";
import { type RunnerClient, WorkspaceMissingError } from "../runner-client";
import { callRunner, databaseOutageMessage, type StepAnswer, throughDatabaseOutage } from "./runner-steps";
import { sentFiles, sessionManifest } from "./session-files";

export interface ExecuteCodeDeps {
  getDb: () => Promise<Db>;
  runner: RunnerClient;
}

/**
 * A run waits at most `start` for its turn and takes at most `finish` once started; Inngest cancels it after.
 * `finish` covers an interactive run waiting for input (RUNNER_INTERACTIVE_WALL_MS, at most 10 min).
 */
export const executeCodeTimeouts = { start: "2m", finish: "11m" } as const;

export function createExecuteCode(deps: ExecuteCodeDeps) {
  const handler = async ({ event, step, runId }: FunctionContext<ExecutionRequested>) => {
    const { executionId, userId, interactive, guestId } = event.data;
    const log = logger.child({ executionId, runId, fn: "execute-code" });

    const job = await step.run(
      "mark-running",
      throughDatabaseOutage(async () => {
        const db = await deps.getDb();
        if (await markExecutionRunning(db, executionId)) return { skip: false as const };
        const existing = await getExecution(db, executionId);
        if (!existing) throw new NonRetriableError(`execution ${executionId} does not exist`);
        log.info({ status: existing.status }, "execution already finished; nothing to do");
        return { skip: true as const, status: existing.status };
      }),
    );
    if (job.skip) return { executionId, status: job.status, skipped: true };

    // The program, its input and its output are read and written inside the step: only the status leaves it.
    // A retry of this step sends the same id, which the runner answers from its record instead of running again.
    const { status } = await callRunner(step, "run-in-sandbox", async (): Promise<StepAnswer> => {
      const db = await deps.getDb();
      const row = await getExecution(db, executionId);
      if (!row) throw new NonRetriableError(`execution ${executionId} does not exist`);
      if (row.status !== "running") return { kind: "done", status: row.status };
      // A signed-in user's own session, or an anonymous visitor's guest session (the row keeps the guest for a
      // re-sent event); none: a one-shot sandbox.
      const guest = guestId ?? row.guestId;
      const sessionKey = userId ?? (guest ? guestSessionKey(guest) : null);
      const language = RunnerLanguage.safeParse(row.language);
      if (!language.success) throw new NonRetriableError(`unknown language ${row.language}`);
      const request: RunRequest = {
        id: executionId,
        language: language.data,
        files: row.files,
        // A workspace run names its entry file; a one-file run has only main.py (or main.js).
        ...(row.entry ? { entry: row.entry } : {}),
        stdin: row.stdin,
        limits: { wallMs: limitDefaults.wallMs },
        // The row keeps the flag for a re-sent event that lacks it: the runner must get the same request again.
        ...((interactive ?? row.interactive) ? { interactive: true } : {}),
        viewer: liveViewerOf(row),
      };
      let answer: Awaited<ReturnType<RunnerClient["run"]>>;
      if (sessionKey) {
        // A signed-in user's runs reuse their own warm sandbox, which keeps the files of their last run: send
        // only the changed ones, and, if the sandbox lacks some (new or replaced), those too (same id). A guest's
        // one-file program is sent whole every time (nothing of theirs is looked up).
        const seen = userId ? await getLastRunFiles(db, userId, executionId) : null;
        const { files, ...rest } = request;
        const session = { ...rest, session: { userId: sessionKey } };
        const manifest = sessionManifest(row.files, seen);
        log.debug({ files: row.files.length, sent: sentFiles(manifest) }, "workspace manifest");
        try {
          answer = await deps.runner.run({ ...session, workspace: manifest }, runId);
        } catch (error) {
          if (!(error instanceof WorkspaceMissingError)) throw error;
          log.info({ missing: error.missing.length }, "session sandbox lacks files; sending them");
          answer = await deps.runner.run(
            { ...session, workspace: sessionManifest(row.files, seen, error.missing) },
            runId,
          );
        }
      } else {
        answer = await deps.runner.run(request, runId);
      }
      if (answer.kind !== "done") return answer;
      const result = answer.value;
      const fields: ExecutionResult = {
        status: result.status,
        stdout: result.stdout,
        stderr: result.stderr,
        exitCode: result.exitCode,
        signal: result.signal,
        wallMs: result.wallMs,
        truncated: result.truncated,
        cpuMs: result.cpuMs ?? null,
        memoryKib: result.memoryKib ?? null,
        images: result.images ?? [],
      };
      const saved = await saveExecutionResult(db, executionId, fields);
      log.info({ status: result.status, wallMs: result.wallMs, saved }, "sandbox finished");
      return { kind: "done", status: result.status };
    });
    return { executionId, status, skipped: false };
  };

  const onFailure = async ({ event, error, runId }: FailureContext<ExecutionRequested>) => {
    const { executionId } = event.data.event.data;
    if (error.message === databaseOutageMessage) {
      // Not the run's fault: it stays unfinished, and requeue-lost-work sends it again once it is lost.
      logger.warn({ executionId, runId }, "execute-code gave up while the database was down; left for the requeue");
      return;
    }
    logger.error({ executionId, runId, err: error }, "execute-code failed");
    await failExecution(await deps.getDb(), executionId, error.message);
  };

  const fn = inngest.createFunction(
    {
      id: "execute-code",
      triggers: [executionRequested],
      retries: 2,
      concurrency: [
        { key: "event.data.concurrencyKey", limit: 1 },
        // Runs may use every runner slot; gradings only their share (see grade-submission), so a run finds the
        // runner busy only while gradings hold their share and runs the rest: it then waits without a retry.
        { scope: "account", key: '"runner-runs"', limit: env.capacity.total },
      ],
      cancelOn: [{ event: executionCancelRequested, match: "data.executionId" }],
      timeouts: executeCodeTimeouts,
      onFailure,
    },
    handler,
  );
  return durable({ fn, trigger: executionRequested, handler, onFailure });
}
