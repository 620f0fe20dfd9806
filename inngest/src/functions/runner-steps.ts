// Calling the runner from a function: the call and the saving of its answer happen in one step, whose output
// is only a status (learners' code, output and hidden tests never reach Inngest's step state). While the runner
// is busy or unreachable the function sleeps and asks again under a new step id: a busy runner costs no retry
// attempt, and an unreachable one fails the work after a short budget with the cause a person can act on.
import { NonRetriableError, RetryAfterError } from "inngest";
import type { Step } from "../durable";
import type { RunnerAnswer } from "../runner-client";

export type Waiting = Exclude<RunnerAnswer<unknown>, { kind: "done" }>;
export type StepAnswer = { kind: "done"; status: string } | Waiting;

/** Waits for a busy runner at most this many times (each as long as its Retry-After). */
export const maxBusyWaits = 60;
/** Time an unreachable runner gets to come back (a restart) before the work fails. */
export const unreachableBudgetMs = 30_000;

/** What a step that could not reach the database fails with; onFailure leaves such work for the requeue. */
export const databaseOutageMessage = "the database could not be reached";
/** How long work waits for the database before its next attempt: a restart or a failover takes seconds. */
export const databaseRetrySeconds = 5;

const outageCodes = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  // Postgres: admin shutdown, crash shutdown, cannot connect now, and the connection exception class.
  "57P01",
  "57P02",
  "57P03",
  "08000",
  "08001",
  "08003",
  "08004",
  "08006",
]);

/** True when an error (or one of its causes) says the database could not be reached, not that a query was wrong. */
export function isDatabaseOutage(error: unknown): boolean {
  let e: unknown = error;
  for (let depth = 0; e && depth < 6; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && outageCodes.has(code)) return true;
    if (e instanceof Error && /^Connection terminated|^timeout exceeded when trying to connect/.test(e.message))
      return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * A step body that, while the database cannot be reached, asks to be tried again in `databaseRetrySeconds`
 * (a retry with a longer wait than the default backoff), so a short outage does not fail the work.
 */
export function throughDatabaseOutage<T>(body: () => Promise<T>): () => Promise<T> {
  return async () => {
    try {
      return await body();
    } catch (error) {
      if (error instanceof NonRetriableError || !isDatabaseOutage(error)) throw error;
      throw new RetryAfterError(databaseOutageMessage, `${databaseRetrySeconds}s`, { cause: error });
    }
  };
}

export async function callRunner(
  step: Step,
  name: string,
  body: () => Promise<StepAnswer>,
): Promise<{ status: string }> {
  let unreachableMs = 0;
  let unreachableTries = 0;
  for (let n = 0; ; n++) {
    const answer = await step.run(n === 0 ? name : `${name}-${n}`, throughDatabaseOutage(body));
    if (answer.kind === "done") return { status: answer.status };
    let waitMs: number;
    if (answer.kind === "unreachable") {
      if (unreachableMs >= unreachableBudgetMs) throw new NonRetriableError(answer.message);
      waitMs = Math.min(1000 * 2 ** unreachableTries++, 8_000, unreachableBudgetMs - unreachableMs);
      unreachableMs += waitMs;
    } else {
      if (n >= maxBusyWaits) throw new NonRetriableError(`the runner stayed busy: ${answer.message}`);
      waitMs = answer.retryAfterSeconds * 1000;
    }
    await step.sleep(`${name}-wait-${n}`, waitMs);
  }
}
