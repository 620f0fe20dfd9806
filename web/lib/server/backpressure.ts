import type { QueueStats } from "@codeyard/drizzle";

/** Expected wait for a new run: runs ahead of it over recent throughput (never below the assumed floor). */
export function estimateQueueWaitMs(stats: QueueStats, minRunsPerSecond: number): number {
  const measured = stats.finishedRecently / stats.windowSeconds;
  const rate = Math.max(measured, minRunsPerSecond);
  return Math.round((stats.queued / rate) * 1000);
}

export function busyMessage(waitMs: number): string {
  const seconds = Math.ceil(waitMs / 1000);
  return `Codeyard is very busy right now (about ${seconds} s of runs are waiting). Please try again in a few seconds.`;
}
