// Drives workflows in-process when no Inngest server is configured (the embedded default).
// Same handlers and step ids as under Inngest; failed steps retry with backoff, then onFailure runs.
import { randomUUID } from "node:crypto";
import { NonRetriableError, RetryAfterError } from "inngest";
import { logger } from "./logger";
import type { StepTools, Workflow } from "./workflow";

export interface InlineDriverOptions {
  /** First retry delay; doubles per attempt. */
  backoffMs?: number;
}

function retryDelayMs(error: unknown, attempt: number, backoffMs: number): number {
  if (error instanceof RetryAfterError) {
    const match = /^(\d+)s$/.exec(error.retryAfter);
    if (match?.[1]) return Number(match[1]) * 1000;
  }
  return backoffMs * 2 ** attempt;
}

function createSteps(memo: Map<string, unknown>, retries: number, backoffMs: number): StepTools {
  return {
    async run<T>(id: string, fn: () => Promise<T>): Promise<T> {
      if (memo.has(id)) return memo.get(id) as T;
      for (let attempt = 0; ; attempt++) {
        try {
          // Round-trip through JSON exactly as Inngest stores step output.
          const value = JSON.parse(JSON.stringify((await fn()) ?? null)) as T;
          memo.set(id, value);
          return value;
        } catch (error) {
          if (error instanceof NonRetriableError || attempt >= retries) throw error;
          await new Promise((resolve) => setTimeout(resolve, retryDelayMs(error, attempt, backoffMs)));
        }
      }
    },
  };
}

export function createInlineDriver(workflows: Workflow[], options: InlineDriverOptions = {}) {
  const backoffMs = options.backoffMs ?? 500;
  const inFlight = new Set<Promise<unknown>>();

  async function execute(workflow: Workflow, event: { name: string; data: Record<string, unknown> }) {
    const runId = randomUUID();
    const data = event.data;
    const ctx = { event: { name: event.name, data }, runId, attempt: 0 };
    try {
      return await workflow.handler({ ...ctx, step: createSteps(new Map(), workflow.retries, backoffMs) });
    } catch (error) {
      const err = error instanceof Error ? error : new Error(String(error));
      logger.warn({ fn: workflow.id, runId, err: err.message }, "inline run failed; running onFailure");
      await workflow.onFailure({ ...ctx, error: err, step: createSteps(new Map(), 0, backoffMs) });
      return undefined;
    }
  }

  return {
    /** Starts every workflow the event triggers; throws at once if the event data is invalid. */
    send(event: { name: string; data: Record<string, unknown> }) {
      for (const workflow of workflows.filter((w) => w.event.name === event.name)) {
        const data = workflow.event.schema.parse(event.data);
        const run = execute(workflow, { name: event.name, data }).catch((error: unknown) =>
          logger.error({ fn: workflow.id, err: String(error) }, "inline onFailure failed"),
        );
        inFlight.add(run);
        void run.finally(() => inFlight.delete(run));
      }
    },
    /** Waits for every run started so far (tests and graceful shutdown). */
    async drain() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}
