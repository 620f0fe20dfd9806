import type { QueueStats } from "@codeyard/drizzle";

/** Finished runs in the window from which on the measured throughput is trusted over the assumed one. */
export const enoughSamples = 20;

/** Expected wait for a new run: runs ahead of it over recent throughput (the assumed rate until measured). */
export function estimateQueueWaitMs(stats: QueueStats, minRunsPerSecond: number): number {
  const measured = stats.finishedRecently / stats.windowSeconds;
  const rate = stats.finishedRecently >= enoughSamples ? measured : Math.max(measured, minRunsPerSecond);
  return Math.round((stats.queued / rate) * 1000);
}

export function busyMessage(waitMs: number): string {
  const seconds = Math.ceil(waitMs / 1000);
  return `Codeyard is very busy right now (about ${seconds} s of runs are waiting). Please try again in a few seconds.`;
}
