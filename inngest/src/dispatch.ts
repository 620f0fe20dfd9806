import type { Db } from "@codeyard/drizzle";
import { inngest } from "./client";
import { env } from "./env";
import { createCancelExecution } from "./functions/cancel-execution";
import { createExecuteCode } from "./functions/execute-code";
import { createGradeSubmission } from "./functions/grade-submission";
import { createDeleteOldExecutions, createRequeueStaleExecutions } from "./functions/maintenance";
import { createInlineDriver, type InlineDriverOptions } from "./inline-driver";
import { logger } from "./logger";
import { createRunnerClient, type RunnerClient } from "./runner-client";
import type { CronWorkflow, Workflow } from "./workflow";

type Event = { name: string; data: Record<string, unknown> };

export interface Dispatcher {
  mode: "inngest" | "inline";
  send(event: Event): Promise<void>;
  /** Waits for in-process runs (inline mode); a no-op under Inngest. */
  drain(): Promise<void>;
  /** Every Inngest function, for the serve handler. */
  functions: Array<Workflow["fn"] | CronWorkflow["fn"]>;
  stop(): void;
}

export interface DispatcherDeps {
  getDb: () => Promise<Db>;
  runner?: RunnerClient;
  mode?: "inngest" | "inline";
  /** Inline mode only: run the cron workflows on timers. */
  schedule?: boolean;
  inline?: InlineDriverOptions;
}

/** The dispatch seam: Inngest when configured, else the same workflows driven in-process. */
export function createDispatcher(deps: DispatcherDeps): Dispatcher {
  const mode = deps.mode ?? env.dispatchMode;
  const runner = deps.runner ?? createRunnerClient();
  let send: (event: Event) => Promise<void> = async () => {
    throw new Error("dispatcher not ready");
  };
  const workflows = [
    createExecuteCode({ getDb: deps.getDb, runner }),
    createCancelExecution({ runner }),
    createGradeSubmission({ getDb: deps.getDb, runner }),
  ] as unknown as Workflow[];
  const crons = [
    createDeleteOldExecutions({ getDb: deps.getDb }),
    createRequeueStaleExecutions({ getDb: deps.getDb, send: (event) => send(event) }),
  ];
  const functions = [...workflows.map((w) => w.fn), ...crons.map((c) => c.fn)];

  if (mode === "inngest") {
    send = async (event) => {
      await inngest.send(event);
    };
    return { mode, send: (event) => send(event), drain: async () => {}, functions, stop() {} };
  }

  const driver = createInlineDriver(workflows, deps.inline);
  send = async (event) => driver.send(event);
  const timers =
    (deps.schedule ?? true)
      ? crons.map((c) =>
          setInterval(() => {
            const runId = `${c.id}-${Date.now()}`;
            const memo = new Map<string, unknown>();
            const step = {
              run: async <T>(id: string, fn: () => Promise<T>) => {
                if (!memo.has(id)) memo.set(id, await fn());
                return memo.get(id) as T;
              },
            };
            c.handler({ step, runId }).catch((error: unknown) =>
              logger.warn({ fn: c.id, err: String(error) }, "scheduled run failed"),
            );
          }, c.everyMs).unref(),
        )
      : [];
  return {
    mode,
    send: (event) => send(event),
    drain: () => driver.drain(),
    functions,
    stop: () => {
      for (const t of timers) clearInterval(t);
    },
  };
}
