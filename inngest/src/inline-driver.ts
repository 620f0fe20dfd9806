// Drives workflows in-process when no Inngest server is configured (the embedded default).
// Same handlers and step ids as under Inngest; failed steps retry with backoff, then onFailure runs.
// Honours the workflows' concurrency limits and cancelOn events, like Inngest would.
import { randomUUID } from "node:crypto";
import { NonRetriableError, RetryAfterError } from "inngest";
import { logger } from "./logger";
import type { StepTools, Workflow } from "./workflow";

export interface InlineDriverOptions {
  /** First retry delay; doubles per attempt. */
  backoffMs?: number;
}

type Event = { name: string; data: Record<string, unknown> };

class RunCancelled extends Error {}

interface Run {
  workflow: Workflow;
  event: Event;
  key: string | undefined;
  cancelled: boolean;
  start: () => void;
}

function retryDelayMs(error: unknown, attempt: number, backoffMs: number): number {
  if (error instanceof RetryAfterError) {
    const match = /^(\d+)s$/.exec(error.retryAfter);
    if (match?.[1]) return Number(match[1]) * 1000;
  }
  return backoffMs * 2 ** attempt;
}

function createSteps(run: Run, memo: Map<string, unknown>, retries: number, backoffMs: number): StepTools {
  return {
    async run<T>(id: string, fn: () => Promise<T>): Promise<T> {
      if (memo.has(id)) return memo.get(id) as T;
      for (let attempt = 0; ; attempt++) {
        if (run.cancelled) throw new RunCancelled(`run cancelled before step ${id}`);
        try {
          // Round-trip through JSON exactly as Inngest stores step output.
          const value = JSON.parse(JSON.stringify((await fn()) ?? null)) as T;
          memo.set(id, value);
          return value;
        } catch (error) {
          if (error instanceof NonRetriableError || attempt >= retries || run.cancelled) throw error;
          await new Promise((resolve) => setTimeout(resolve, retryDelayMs(error, attempt, backoffMs)));
        }
      }
    },
  };
}

export function createInlineDriver(workflows: Workflow[], options: InlineDriverOptions = {}) {
  const backoffMs = options.backoffMs ?? 500;
  const inFlight = new Set<Promise<unknown>>();
  const pending: Run[] = [];
  const active: Run[] = [];

  function fits(run: Run): boolean {
    const c = run.workflow.concurrency;
    const mine = active.filter((r) => r.workflow === run.workflow);
    if (c?.global && mine.length >= c.global) return false;
    if (c?.perKey && run.key !== undefined && mine.filter((r) => r.key === run.key).length >= c.perKey) return false;
    return true;
  }

  function pump() {
    for (let i = 0; i < pending.length; ) {
      const run = pending[i] as Run;
      if (fits(run)) {
        pending.splice(i, 1);
        active.push(run);
        run.start();
      } else i++;
    }
  }

  async function execute(run: Run) {
    if (!active.includes(run)) return undefined; // cancelled while it waited for a slot
    const { workflow, event } = run;
    const ctx = { event, runId: randomUUID(), attempt: 0 };
    try {
      return await workflow.handler({ ...ctx, step: createSteps(run, new Map(), workflow.retries, backoffMs) });
    } catch (error) {
      if (run.cancelled) {
        logger.info({ fn: workflow.id, runId: ctx.runId }, "inline run cancelled");
        return undefined;
      }
      const err = error instanceof Error ? error : new Error(String(error));
      logger.warn({ fn: workflow.id, runId: ctx.runId, err: err.message }, "inline run failed; running onFailure");
      await workflow.onFailure?.({ ...ctx, error: err, step: createSteps(run, new Map(), 0, backoffMs) });
      return undefined;
    } finally {
      active.splice(active.indexOf(run), 1);
      pump();
    }
  }

  function cancelMatching(event: Event) {
    for (const run of [...pending, ...active]) {
      const cancelOn = run.workflow.cancelOn;
      if (cancelOn?.event.name !== event.name) continue;
      if (run.event.data[cancelOn.field] !== event.data[cancelOn.field]) continue;
      run.cancelled = true;
      const index = pending.indexOf(run);
      if (index >= 0) {
        pending.splice(index, 1);
        run.start();
      }
    }
  }

  return {
    /** Starts (or queues) every workflow the event triggers; throws at once if the event data is invalid. */
    send(event: Event) {
      cancelMatching(event);
      for (const workflow of workflows.filter((w) => w.event.name === event.name)) {
        const data = workflow.event.schema.parse(event.data);
        const keyField = workflow.concurrency?.keyField;
        let started!: () => void;
        const gate = new Promise<void>((resolve) => {
          started = resolve;
        });
        const run: Run = {
          workflow,
          event: { name: event.name, data },
          key: keyField ? String(data[keyField]) : undefined,
          cancelled: false,
          start: () => started(),
        };
        const promise = gate
          .then(() => execute(run))
          .catch((error: unknown) => logger.error({ fn: workflow.id, err: String(error) }, "inline onFailure failed"));
        inFlight.add(promise);
        void promise.finally(() => inFlight.delete(promise));
        pending.push(run);
      }
      pump();
    },
    /** Waits for every run started so far (tests and graceful shutdown). */
    async drain() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}
