// How a finished container maps onto the contract's status taxonomy.
import { constants } from "node:os";
import type { RunStatus } from "./contract";

/** Why the runner itself killed a container, if it did. */
export type KillReason = "timeout" | "output_limit" | "aborted";

/** Exit code and stderr prefix of the image's boot script when it could not set up the run. */
const bootFailureExit = 125;
const bootFailurePrefix = "codeyard boot failed";

/** memory_limit only from Docker's OOMKilled flag: a timeout kill exits 137 just the same. */
export function classify(
  exitCode: number,
  oomKilled: boolean,
  killReason: KillReason | null,
  stderr: string,
): RunStatus {
  if (oomKilled) return "memory_limit";
  if (killReason === "aborted") return "internal_error";
  if (killReason) return killReason;
  if (exitCode === bootFailureExit && stderr.startsWith(bootFailurePrefix)) return "internal_error";
  return exitCode === 0 ? "ok" : "runtime_error";
}

/** docker-init exits 128 + n when the program died of signal n. */
export function signalName(exitCode: number): string | null {
  if (exitCode <= 128) return null;
  const number = exitCode - 128;
  const entry = Object.entries(constants.signals).find(([, value]) => value === number);
  return entry ? entry[0] : null;
}
