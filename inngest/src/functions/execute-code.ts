import {
  type Db,
  type ExecutionResult,
  failExecution,
  getExecution,
  markExecutionRunning,
  saveExecutionResult,
} from "@codeyard/drizzle";
import { limitDefaults, RunnerLanguage } from "@codeyard/runner/contract";
import { NonRetriableError } from "inngest";
import { env } from "../env";
import { executionCancelRequested, executionRequested } from "../events";
import { logger } from "../logger";
import type { RunnerClient } from "../runner-client";
import { defineWorkflow } from "../workflow";

export interface ExecuteCodeDeps {
  getDb: () => Promise<Db>;
  runner: RunnerClient;
}

export function createExecuteCode(deps: ExecuteCodeDeps) {
  return defineWorkflow({
    id: "execute-code",
    event: executionRequested,
    retries: 2,
    concurrency: { keyField: "concurrencyKey", perKey: 1, global: env.RUNNER_CONCURRENCY },
    cancelOn: { event: executionCancelRequested, field: "executionId" },
    finishTimeout: "2m",
    async handler({ event, step, runId }) {
      const { executionId } = event.data;
      const log = logger.child({ executionId, runId, fn: "execute-code" });

      const job = await step.run("mark-running", async () => {
        const db = await deps.getDb();
        const row = await markExecutionRunning(db, executionId);
        if (row) {
          const language = RunnerLanguage.safeParse(row.language);
          if (!language.success) throw new NonRetriableError(`unknown language ${row.language}`);
          log.info("execution running");
          return { skip: false as const, language: language.data, files: row.files, stdin: row.stdin };
        }
        const existing = await getExecution(db, executionId);
        if (!existing) throw new NonRetriableError(`execution ${executionId} does not exist`);
        log.info({ status: existing.status }, "execution already finished; nothing to do");
        return { skip: true as const, status: existing.status };
      });
      if (job.skip) return { executionId, status: job.status, skipped: true };

      const result = await step.run("run-in-sandbox", async () => {
        const answer = await deps.runner.run(
          {
            id: executionId,
            language: job.language,
            files: job.files,
            stdin: job.stdin,
            limits: { wallMs: limitDefaults.wallMs },
            // A signed-in user's runs reuse their own warm sandbox; anonymous runs get a fresh one each.
            ...(event.data.userId ? { session: { userId: event.data.userId } } : {}),
          },
          runId,
        );
        log.info({ status: answer.status, wallMs: answer.wallMs }, "sandbox finished");
        return answer;
      });

      await step.run("save-result", async () => {
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
        const saved = await saveExecutionResult(await deps.getDb(), executionId, fields);
        log.info({ saved }, "result saved");
        return { saved };
      });
      return { executionId, status: result.status, skipped: false };
    },
    async onFailure({ event, error, runId }) {
      const { executionId } = event.data;
      logger.error({ executionId, runId, err: error.message }, "execute-code failed");
      await failExecution(await deps.getDb(), executionId, error.message);
    },
  });
}
