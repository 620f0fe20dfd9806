import type { QueueStats } from "@codeyard/drizzle";
import { describe, expect, it } from "vitest";
import { busyMessage, estimateQueueWaitMs } from "./backpressure";

const stats = (over: Partial<QueueStats>): QueueStats => ({
  queued: 0,
  running: 0,
  oldestQueuedAt: null,
  finishedRecently: 0,
  failedRecently: 0,
  windowSeconds: 60,
  ...over,
});

describe("estimateQueueWaitMs", () => {
  it("is zero with nothing queued", () => {
    expect(estimateQueueWaitMs(stats({ finishedRecently: 600 }), 2)).toBe(0);
  });

  it("divides the queue by measured throughput", () => {
    // 300 runs in the last minute = 5/s; 30 queued = 6 s.
    expect(estimateQueueWaitMs(stats({ queued: 30, finishedRecently: 300 }), 2)).toBe(6000);
  });

  it("trusts a measured rate below the assumed one once enough runs finished", () => {
    // 30 runs in a minute = 0.5/s, measured on enough runs: 4 queued = 8 s, not 2 s at the assumed 2/s.
    expect(estimateQueueWaitMs(stats({ queued: 4, finishedRecently: 30 }), 2)).toBe(8000);
  });

  it("falls back to the assumed runner rate when too little finished to measure", () => {
    expect(estimateQueueWaitMs(stats({ queued: 8, finishedRecently: 0 }), 2)).toBe(4000);
    expect(estimateQueueWaitMs(stats({ queued: 12, finishedRecently: 6 }), 2)).toBe(6000);
  });

  it("explains the wait in whole seconds", () => {
    expect(busyMessage(6001)).toMatch(/about 7 s of runs are waiting/);
  });
});
