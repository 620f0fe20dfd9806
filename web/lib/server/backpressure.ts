import type { QueueStats } from "@codeyard/drizzle";

/**
 * Time work is assumed to hold its slot until a run has finished to measure it, by the sandbox it goes to. A run
 * in a warm session sandbox (signed-in learners and guests) takes tens of ms in the runner and about 0.1-0.3 s
 * through the steps around it; one-shot work (a grading) waits for a fresh container, whose pandas preload
 * refills the pool at about 0.6 a second on 2 cores, and runs several processes.
 */
export const defaultServiceMs = { session: 300, oneShot: 2_000 } as const;
export type SandboxKind = keyof typeof defaultServiceMs;

export interface Capacity {
  /** Sandbox slots across every runner. */
  slots: number;
}

/**
 * Expected wait of the work at `position` in the queue (1 = next), runs and gradings alike, from capacity:
 * while a slot is free it starts at once; beyond that it waits for the slots' turns, each lasting the
 * measured service time of a run. An idle service therefore never refuses, however little finished lately.
 */
export function estimateWaitMs(
  position: number,
  stats: QueueStats,
  capacity: Capacity,
  sandbox: SandboxKind = "session",
): number {
  const slots = Math.max(1, capacity.slots);
  const ahead = Math.max(0, position) + stats.running;
  if (ahead <= slots) return 0;
  const serviceMs = stats.serviceMs ?? defaultServiceMs[sandbox];
  return Math.round(((ahead - slots) / slots) * serviceMs);
}

/** The one Retry-After for a busy refusal: until the queue is back under the limit, at least a second. */
export function busyRetryAfterSeconds(waitMs: number, maxWaitMs: number): number {
  return Math.max(1, Math.ceil((waitMs - maxWaitMs) / 1000) + 1);
}

export function busyMessage(waitMs: number): string {
  const seconds = Math.ceil(waitMs / 1000);
  return `Codeyard is very busy right now (about ${seconds} s of runs are waiting). Please try again in a few seconds.`;
}
