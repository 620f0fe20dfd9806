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

export interface WorkflowDefinition<
  TName extends string,
  TSchema extends z.ZodType<Record<string, unknown>, Record<string, unknown>>,
> {
  id: string;
  event: EventType<TName, TSchema>;
  retries: 0 | 1 | 2 | 3 | 4 | 5;
  handler(ctx: WorkflowContext<z.infer<TSchema>>): Promise<unknown>;
  onFailure(ctx: FailureContext<z.infer<TSchema>>): Promise<unknown>;
}

function wrapStep(step: { run: (id: string, fn: () => Promise<unknown>) => Promise<unknown> }): StepTools {
  // Step results here are plain JSON by construction, so Inngest's Jsonify<T> equals T.
  return { run: <T>(id: string, fn: () => Promise<T>) => step.run(id, fn) as Promise<T> };
}

export function defineWorkflow<
  TName extends string,
  TSchema extends z.ZodType<Record<string, unknown>, Record<string, unknown>>,
>(definition: WorkflowDefinition<TName, TSchema>) {
  type Data = z.infer<TSchema>;
  const fn = inngest.createFunction(
    {
      id: definition.id,
      retries: definition.retries,
      triggers: [definition.event],
      onFailure: async ({ event, error, step, runId, attempt }) =>
        definition.onFailure({
          event: event.data.event as { name: string; data: Data },
          error,
          step: wrapStep(step),
          runId,
          attempt,
        }),
    },
    async ({ event, step, runId, attempt }) =>
      definition.handler({ event: event as { name: string; data: Data }, step: wrapStep(step), runId, attempt }),
  );
  return { ...definition, fn };
}

export type Workflow = ReturnType<
  typeof defineWorkflow<string, z.ZodType<Record<string, unknown>, Record<string, unknown>>>
>;
