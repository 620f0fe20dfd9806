import { inngest } from "../client";
import { durable, type FunctionContext } from "../durable";
import { type ExecutionCancelRequested, executionCancelRequested } from "../events";
import { logger } from "../logger";
import type { RunnerClient } from "../runner-client";

// The cancel event stops execute-code's remaining steps (cancelOn); this kills what is already running.
export function createCancelExecution(deps: { runner: RunnerClient }) {
  const handler = async ({ event, step }: FunctionContext<ExecutionCancelRequested>) => {
    const { executionId } = event.data;
    const killed = await step.run("kill-in-sandbox", () => deps.runner.cancel(executionId));
    logger.info({ executionId, killed }, "cancel handled");
    return { executionId, killed };
  };
  const fn = inngest.createFunction(
    { id: "cancel-execution", triggers: [executionCancelRequested], retries: 2 },
    handler,
  );
  return durable({ fn, trigger: executionCancelRequested, handler });
}
