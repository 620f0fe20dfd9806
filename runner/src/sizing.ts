// How many session sandboxes this machine holds by default: each may use up to its memory limit, so the sessions
// together never ask for more memory than the machine has after a reserve for the host, Docker and the pool.
import { totalmem } from "node:os";
import { limitDefaults } from "./contract";
import { memoryBytes } from "./docker";

const gib = 1024 ** 3;
/** Left to the host, Docker, the runner and the warm pool. */
export const memoryReserveBytes = 2 * gib;
export const maxSessionsCeiling = 256;

/** Total memory minus the reserve, divided by one Python session's memory limit (program plus preloaded runtime). */
export function defaultMaxSessions(totalBytes: number = totalmem()): number {
  const perSession = memoryBytes("python", limitDefaults.memoryMb);
  const fits = Math.floor((totalBytes - memoryReserveBytes) / perSession);
  return Math.max(1, Math.min(maxSessionsCeiling, fits));
}
