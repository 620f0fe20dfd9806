import type { QueueStats } from "@codeyard/drizzle";
import { describe, expect, it } from "vitest";
import { busyMessage, busyRetryAfterSeconds, estimateWaitMs } from "./backpressure";

const kind = { queued: 0, running: 0, finishedRecently: 0, failedRecently: 0 };
const stats = (over: Partial<QueueStats>): QueueStats => ({
  ...kind,
  oldestQueuedAt: null,
  windowSeconds: 60,
  runs: kind,
  gradings: kind,
  ...over,
});

describe("estimateWaitMs", () => {
  it("is zero for nothing ahead", () => {
    expect(estimateWaitMs(0, stats({ finishedRecently: 600 }), 2)).toBe(0);
  });

  it("divides the place in the queue by measured throughput", () => {
    // 300 finished in the last minute = 5/s; 30th in the queue = 6 s.
    expect(estimateWaitMs(30, stats({ finishedRecently: 300 }), 2)).toBe(6000);
  });

  it("trusts a measured rate below the assumed one once enough work finished", () => {
    // 30 in a minute = 0.5/s, measured on enough: 4th = 8 s, not 2 s at the assumed 2/s.
    expect(estimateWaitMs(4, stats({ finishedRecently: 30 }), 2)).toBe(8000);
  });

  it("falls back to the assumed rate when too little finished to measure", () => {
    expect(estimateWaitMs(8, stats({ finishedRecently: 0 }), 2)).toBe(4000);
    expect(estimateWaitMs(12, stats({ finishedRecently: 6 }), 2)).toBe(6000);
  });
});

describe("busy answers", () => {
  it("explain the wait in whole seconds", () => {
    expect(busyMessage(6001)).toMatch(/about 7 s of runs are waiting/);
  });

  it("ask to come back once the queue is under the limit, never sooner than a second", () => {
    expect(busyRetryAfterSeconds(9_000, 5_000)).toBe(5);
    expect(busyRetryAfterSeconds(5_001, 5_000)).toBe(2);
    expect(busyRetryAfterSeconds(1_000, 5_000)).toBe(1);
  });
});
