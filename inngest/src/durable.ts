// The one seam between Codeyard's functions and their two drivers. A function is an ordinary Inngest function
// (inngest.createFunction with Inngest's own options and step tools); this file only keeps its handler beside
// it so the in-process driver can call the same code. `Step` is the subset of Inngest's step tools that the
// in-process driver implements: a function that reaches for another tool does not type-check.
import type { EventType, GetStepTools, InngestFunction, StandardSchemaV1 } from "inngest";
import type { inngest } from "./client";

export type Step = Pick<GetStepTools<typeof inngest>, "run" | "sleep" | "sleepUntil" | "sendEvent">;

export interface FunctionContext<TData> {
  event: { name: string; data: TData };
  step: Step;
  runId: string;
  attempt: number;
}

/** What Inngest hands onFailure: the `inngest/function.failed` event, wrapping the original one. */
export interface FailureContext<TData> {
  event: { name: string; data: { event: { name: string; data: TData } } };
  error: Error;
  step: Step;
  runId: string;
  attempt: number;
}

export interface CronContext {
  step: Step;
  runId: string;
}

type Trigger<TData extends Record<string, unknown>> = EventType<
  string,
  StandardSchemaV1<Record<string, unknown>, TData>
>;

/** A function as the in-process driver sees it: its Inngest definition, plus entry points into its code. */
export interface DurableFunction {
  fn: InngestFunction.Any;
  /** Event that triggers it. */
  event: string;
  /** Validates the event's data with the trigger's schema, then runs the handler. Throws on invalid data. */
  start(event: { name: string; data: unknown }, step: Step, meta: { runId: string; attempt: number }): Promise<unknown>;
  /** Runs onFailure for a run that ran out of retries, if the function has one. */
  fail?(
    event: { name: string; data: unknown },
    error: Error,
    step: Step,
    meta: { runId: string; attempt: number },
  ): Promise<unknown>;
  /** Validates the data without running anything (the driver calls this before it queues a run). */
  validate(data: unknown): unknown;
}

function parse<TData extends Record<string, unknown>>(trigger: Trigger<TData>, data: unknown): TData {
  const result = trigger.schema["~standard"].validate(data);
  if (result instanceof Promise) throw new Error(`event ${trigger.name}: async schemas are not supported`);
  if (result.issues) {
    const problems = result.issues.map((i) => `${i.path?.join(".") ?? ""}: ${i.message}`).join("; ");
    throw new Error(`invalid ${trigger.name} event: ${problems}`);
  }
  return result.value;
}

/** Pairs an Inngest function with the handler (and onFailure) it was created from. */
export function durable<TData extends Record<string, unknown>>(parts: {
  fn: InngestFunction.Any;
  trigger: Trigger<TData>;
  handler: (ctx: FunctionContext<TData>) => Promise<unknown>;
  onFailure?: (ctx: FailureContext<TData>) => Promise<unknown>;
}): DurableFunction {
  const { fn, trigger, handler, onFailure } = parts;
  return {
    fn,
    event: trigger.name,
    validate: (data) => parse(trigger, data),
    start: (event, step, meta) =>
      handler({ event: { name: event.name, data: parse(trigger, event.data) }, step, ...meta }),
    fail: onFailure
      ? (event, error, step, meta) => {
          const original = { name: event.name, data: parse(trigger, event.data) };
          return onFailure({
            event: { name: "inngest/function.failed", data: { event: original } },
            error,
            step,
            ...meta,
          });
        }
      : undefined,
  };
}

/** A scheduled function: Inngest runs it on `cron`; the in-process driver every `everyMs`. */
export interface DurableCron {
  fn: InngestFunction.Any;
  everyMs: number;
  run(step: Step, runId: string): Promise<unknown>;
}
