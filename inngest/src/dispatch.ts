import type { Db } from "@codeyard/drizzle";
import type { InngestFunction } from "inngest";
import { inngest } from "./client";
import type { DurableCron, DurableFunction } from "./durable";
import { env } from "./env";
import { createCancelExecution } from "./functions/cancel-execution";
import { createDeleteOldExecutions } from "./functions/delete-old-executions";
import { createExecuteCode } from "./functions/execute-code";
import { createExpireReviewClaim } from "./functions/expire-review-claim";
import { createGradeSubmission } from "./functions/grade-submission";
import { createRequeueLostWork } from "./functions/requeue-lost-work";
import { createReviewDeadlines } from "./functions/review-deadlines";
import { createSyncTerminalFiles } from "./functions/sync-terminal-files";
import { createInlineDriver, type InlineDriverOptions } from "./inline/driver";
import { createSteps } from "./inline/steps";
import { logger } from "./logger";
import type { RunnerClient } from "./runner-client";
import { createRunnerFleet } from "./runner-fleet";
import { createTerminalFilesClient, type TerminalFilesClient } from "./terminal-client";

type Event = { name: string; data: Record<string, unknown> };

export interface Dispatcher {
  mode: "inngest" | "inline";
  send(event: Event): Promise<void>;
  /** Waits for in-process runs (inline mode); a no-op under Inngest. */
  drain(): Promise<void>;
  /** Every Inngest function, for the serve handler. */
  functions: InngestFunction.Any[];
  stop(): void;
}

export interface DispatcherDeps {
  getDb: () => Promise<Db>;
  runner?: RunnerClient;
  /** The runner's terminal file routes, for sync-terminal-files. */
  terminalFiles?: TerminalFilesClient;
  mode?: "inngest" | "inline";
  /** Inline mode only: run the crons on timers. */
  schedule?: boolean;
  inline?: InlineDriverOptions;
}

/** The dispatch seam: Inngest when configured, else the very same functions driven in-process. */
export function createDispatcher(deps: DispatcherDeps): Dispatcher {
  const mode = deps.mode ?? env.dispatchMode;
  const runner = deps.runner ?? createRunnerFleet({ getDb: deps.getDb });
  const functions: DurableFunction[] = [
    createExecuteCode({ getDb: deps.getDb, runner }),
    createCancelExecution({ runner }),
    createGradeSubmission({ getDb: deps.getDb, runner }),
    createExpireReviewClaim({ getDb: deps.getDb }),
    createSyncTerminalFiles({ getDb: deps.getDb, files: deps.terminalFiles ?? createTerminalFilesClient() }),
  ];
  // The functions Inngest serves; the in-process driver runs its own requeue cron, which knows the live runs.
  const inngestCrons: DurableCron[] = [
    createDeleteOldExecutions({ getDb: deps.getDb }),
    createRequeueLostWork({ getDb: deps.getDb }),
    createReviewDeadlines({ getDb: deps.getDb }),
  ];
  const all = [...functions.map((f) => f.fn), ...inngestCrons.map((c) => c.fn)];

  if (mode === "inngest") {
    return {
      mode,
      send: async (event) => {
        await inngest.send(event);
      },
      drain: async () => {},
      functions: all,
      stop() {},
    };
  }

  const driver = createInlineDriver(functions, deps.inline);
  const idField = { execution: "executionId", submission: "submissionId" } as const;
  const crons: DurableCron[] = [
    createDeleteOldExecutions({ getDb: deps.getDb }),
    createRequeueLostWork({ getDb: deps.getDb, isLive: (kind, id) => driver.isLive(idField[kind], id) }),
    createReviewDeadlines({ getDb: deps.getDb }),
  ];
  const sendAll = async (events: Event[]) => {
    for (const event of events) driver.send(event);
    return events.map((e) => e.name);
  };
  const timers =
    (deps.schedule ?? true)
      ? crons.map((cron) =>
          setInterval(() => {
            const state = { cancelled: false, signal: new AbortController().signal };
            const step = createSteps(state, new Map(), { retries: 2, backoffMs: 1_000, send: sendAll });
            cron
              .run(step, `${cron.fn.id()}-${Date.now()}`)
              .catch((error: unknown) => logger.warn({ fn: cron.fn.id(), err: error }, "scheduled run failed"));
          }, cron.everyMs).unref(),
        )
      : [];
  return {
    mode,
    send: async (event) => driver.send(event),
    drain: () => driver.drain(),
    functions: all,
    stop: () => {
      for (const t of timers) clearInterval(t);
    },
  };
}
