import type { QueueStats } from "@codeyard/drizzle";

/** Time a run is assumed to hold its slot until one has finished to measure it. */
export const defaultServiceMs = 1_000;

export interface Capacity {
  /** Sandbox slots across every runner. */
  slots: number;
}

/**
 * Expected wait of the work at `position` in the queue (1 = next), runs and gradings alike, from capacity:
 * while a slot is free it starts at once; beyond that it waits for the slots' turns, each lasting the
 * measured service time of a run. An idle service therefore never refuses, however little finished lately.
 */
export function estimateWaitMs(position: number, stats: QueueStats, capacity: Capacity): number {
  const slots = Math.max(1, capacity.slots);
  const ahead = Math.max(0, position) + stats.running;
  if (ahead <= slots) return 0;
  const serviceMs = stats.serviceMs ?? defaultServiceMs;
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
