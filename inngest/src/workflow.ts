// One workflow definition, two drivers: Inngest (createFunction below) and the in-process driver
// in inline-driver.ts. Both call the very same handler and onFailure with the same step ids.
import type { EventType } from "inngest";
import type { z } from "zod";
import { inngest } from "./client";

export interface StepTools {
  /** Runs `fn` once per run and memoizes its JSON result under `id`; a retry replays the memo. */
  run<T>(id: string, fn: () => Promise<T>): Promise<T>;
}

export interface WorkflowContext<TData> {
  event: { name: string; data: TData };
  step: StepTools;
  runId: string;
  attempt: number;
}

export interface FailureContext<TData> extends WorkflowContext<TData> {
  error: Error;
}

type Schema = z.ZodType<Record<string, unknown>, Record<string, unknown>>;

/** Both drivers honour these: a per-key limit keyed by one event field, and a global limit. */
export interface WorkflowConcurrency {
  /** Field of event.data whose value shares one slot, e.g. "concurrencyKey". */
  keyField?: string;
  perKey?: number;
  global?: number;
}

export interface WorkflowDefinition<TName extends string, TSchema extends Schema> {
  id: string;
  event: EventType<TName, TSchema>;
  retries: 0 | 1 | 2 | 3 | 4 | 5;
  concurrency?: WorkflowConcurrency;
  /** Cancels a run when this event arrives with the same value in `field` of its data. */
  cancelOn?: { event: EventType<string, Schema>; field: string };
  /** Longest a run may take from start to finish (Inngest time string). */
  finishTimeout?: `${number}${"s" | "m" | "h"}`;
  handler(ctx: WorkflowContext<z.infer<TSchema>>): Promise<unknown>;
  onFailure?(ctx: FailureContext<z.infer<TSchema>>): Promise<unknown>;
}

function wrapStep(step: { run: (id: string, fn: () => Promise<unknown>) => Promise<unknown> }): StepTools {
  // Step results here are plain JSON by construction, so Inngest's Jsonify<T> equals T.
  return { run: <T>(id: string, fn: () => Promise<T>) => step.run(id, fn) as Promise<T> };
}

function inngestConcurrency(c: WorkflowConcurrency | undefined) {
  const perKey = c?.keyField && c.perKey ? { key: `event.data.${c.keyField}`, limit: c.perKey } : undefined;
  const global = c?.global ? { limit: c.global } : undefined;
  if (perKey && global) return [perKey, global] as [typeof perKey, typeof global];
  return perKey ?? global;
}

export function defineWorkflow<TName extends string, TSchema extends Schema>(
  definition: WorkflowDefinition<TName, TSchema>,
) {
  type Data = z.infer<TSchema>;
  const { onFailure, cancelOn } = definition;
  const fn = inngest.createFunction(
    {
      id: definition.id,
      retries: definition.retries,
      triggers: [definition.event],
      concurrency: inngestConcurrency(definition.concurrency),
      cancelOn: cancelOn ? [{ event: cancelOn.event, match: `data.${cancelOn.field}` }] : undefined,
      timeouts: definition.finishTimeout ? { finish: definition.finishTimeout } : undefined,
      onFailure: onFailure
        ? async ({ event, error, step, runId, attempt }) =>
            onFailure({
              event: event.data.event as { name: string; data: Data },
              error,
              step: wrapStep(step),
              runId,
              attempt,
            })
        : undefined,
    },
    async ({ event, step, runId, attempt }) =>
      definition.handler({ event: event as { name: string; data: Data }, step: wrapStep(step), runId, attempt }),
  );
  return { ...definition, fn };
}

export type Workflow = ReturnType<typeof defineWorkflow<string, Schema>>;

export interface CronDefinition {
  id: string;
  /** Schedule under Inngest. */
  cron: string;
  /** Interval the inline driver runs it at, standing in for the cron schedule. */
  everyMs: number;
  handler(ctx: { step: StepTools; runId: string }): Promise<unknown>;
}

export function defineCron(definition: CronDefinition) {
  const fn = inngest.createFunction(
    { id: definition.id, retries: 2, triggers: [{ cron: definition.cron }] },
    async ({ step, runId }) => definition.handler({ step: wrapStep(step), runId }),
  );
  return { ...definition, fn };
}

export type CronWorkflow = ReturnType<typeof defineCron>;
