// Answers the runner gave without a real outcome: the program never reached a sandbox, or the runner was
// shutting down. They are not remembered for their id, so a caller may send the same request again.
import type { RunResult } from "./contract";

const retriable = new WeakSet<RunResult>();

export function markRetriable(result: RunResult): RunResult {
  retriable.add(result);
  return result;
}

export function isRetriable(result: RunResult): boolean {
  return retriable.has(result);
}
