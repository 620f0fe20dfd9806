import type { QueueStats } from "@codeyard/drizzle";

/** Finished work in the window from which on the measured throughput is trusted over the assumed one. */
export const enoughSamples = 20;

/** Work finished per second: measured over the window, or the assumed rate until enough finished to tell. */
export function throughputPerSecond(stats: QueueStats, minPerSecond: number): number {
  const measured = stats.finishedRecently / stats.windowSeconds;
  return stats.finishedRecently >= enoughSamples ? measured : Math.max(measured, minPerSecond);
}

/** Expected wait of the work at `position` in the queue (1 = next), runs and gradings alike. */
export function estimateWaitMs(position: number, stats: QueueStats, minPerSecond: number): number {
  return Math.round((Math.max(0, position) / throughputPerSecond(stats, minPerSecond)) * 1000);
}

/** The one Retry-After for a busy refusal: until the queue is back under the limit, at least a second. */
export function busyRetryAfterSeconds(waitMs: number, maxWaitMs: number): number {
  return Math.max(1, Math.ceil((waitMs - maxWaitMs) / 1000) + 1);
}

export function busyMessage(waitMs: number): string {
  const seconds = Math.ceil(waitMs / 1000);
  return `Codeyard is very busy right now (about ${seconds} s of runs are waiting). Please try again in a few seconds.`;
}
