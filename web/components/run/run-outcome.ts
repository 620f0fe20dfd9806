import type { FinishedExecution } from "./use-execution";

// How a finished run reads to a child: a limit the program ran into or input it waited for is something to
// change, not a red "Error"; only a program that crashed, or our own failure, is one.
export type RunOutcome =
  | "finished"
  | "stopped"
  | "needs-input"
  | "too-much-output"
  | "timed-out"
  | "too-much-memory"
  | "too-much-computing"
  | "crashed"
  | "our-fault";

export function runOutcome(execution: FinishedExecution): RunOutcome {
  switch (execution.status) {
    case "ok":
      return execution.truncated ? "too-much-output" : "finished";
    case "cancelled":
      return "stopped";
    case "output_limit":
      return "too-much-output";
    case "timeout":
      return "timed-out";
    case "memory_limit":
      return "too-much-memory";
    case "cpu_limit":
      return "too-much-computing";
    case "internal_error":
      return "our-fault";
    case "runtime_error":
      return waitedForInput(execution) ? "needs-input" : "crashed";
  }
}

/** input() found no line to read: the Input box was empty or had too few lines. */
export function waitedForInput(execution: Pick<FinishedExecution, "stderr">): boolean {
  return /\bEOFError\b/.test(execution.stderr);
}

/** Nothing printed and nothing drawn: only then is "finished without printing anything" worth saying. */
export function printedNothing(execution: FinishedExecution): boolean {
  return !execution.stdout && !execution.stderr && execution.images.length === 0;
}
