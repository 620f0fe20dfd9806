import { executionCancelRequested } from "../events";
import { logger } from "../logger";
import type { RunnerClient } from "../runner-client";
import { defineWorkflow } from "../workflow";

// The cancel event stops execute-code's remaining steps (cancelOn); this kills what is already running.
export function createCancelExecution(deps: { runner: RunnerClient }) {
  return defineWorkflow({
    id: "cancel-execution",
    event: executionCancelRequested,
    retries: 2,
    async handler({ event, step }) {
      const { executionId } = event.data;
      const killed = await step.run("kill-in-sandbox", () => deps.runner.cancel(executionId));
      logger.info({ executionId, killed }, "cancel handled");
      return { executionId, killed };
    },
  });
}
