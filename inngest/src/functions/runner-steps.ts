// Calling the runner from a function: the call and the saving of its answer happen in one step, whose output
// is only a status (learners' code, output and hidden tests never reach Inngest's step state). While the runner
// is busy or unreachable the function sleeps and asks again under a new step id: a busy runner costs no retry
// attempt, and an unreachable one fails the work after a short budget with the cause a person can act on.
import { NonRetriableError } from "inngest";
import type { Step } from "../durable";
import type { RunnerAnswer } from "../runner-client";

export type Waiting = Exclude<RunnerAnswer<unknown>, { kind: "done" }>;
export type StepAnswer = { kind: "done"; status: string } | Waiting;

/** Waits for a busy runner at most this many times (each as long as its Retry-After). */
export const maxBusyWaits = 60;
/** Time an unreachable runner gets to come back (a restart) before the work fails. */
export const unreachableBudgetMs = 30_000;

export async function callRunner(
  step: Step,
  name: string,
  body: () => Promise<StepAnswer>,
): Promise<{ status: string }> {
  let unreachableMs = 0;
  let unreachableTries = 0;
  for (let n = 0; ; n++) {
    const answer = await step.run(n === 0 ? name : `${name}-${n}`, body);
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
