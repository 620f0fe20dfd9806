import type { QueueStats } from "@codeyard/drizzle";
import { describe, expect, it } from "vitest";
import { busyMessage, busyRetryAfterSeconds, defaultServiceMs, estimateWaitMs } from "./backpressure";

const kind = { queued: 0, running: 0, finishedRecently: 0, failedRecently: 0 };
const stats = (over: Partial<QueueStats>): QueueStats => ({
  ...kind,
  oldestQueuedAt: null,
  serviceMs: null,
  windowSeconds: 60,
  runs: kind,
  gradings: kind,
  ...over,
});
const maxWaitMs = 5_000;
const capacity = { slots: 16 };

describe("estimateWaitMs", () => {
  it("never refuses below capacity, even when nothing finished lately (an idle service)", () => {
    // The old estimate divided by recent throughput: 16 at once on a quiet minute looked like an 8 s wait.
    for (let position = 1; position <= 16; position++) {
      expect(estimateWaitMs(position, stats({ finishedRecently: 0 }), capacity)).toBe(0);
    }
    expect(estimateWaitMs(6, stats({ running: 10, serviceMs: 30_000 }), capacity)).toBe(0);
  });

  it("waits for the slots' turns beyond capacity, at the measured service time", () => {
    // 16 running, 32nd in the queue: 32 ahead of the free slots = two turns of 400 ms.
    expect(estimateWaitMs(32, stats({ running: 16, serviceMs: 400 }), capacity)).toBe(800);
  });

  it("assumes a service time by the kind of sandbox until one was measured", () => {
    // 16 running, 16th in the queue: one full turn of the slots.
    expect(estimateWaitMs(16, stats({ running: 16 }), capacity)).toBe(defaultServiceMs.session);
    expect(estimateWaitMs(16, stats({ running: 16 }), capacity, "oneShot")).toBe(defaultServiceMs.oneShot);
    // A measured time wins over either default.
    expect(estimateWaitMs(16, stats({ running: 16, serviceMs: 50 }), capacity, "oneShot")).toBe(50);
  });

  it("admits a burst of session runs as large as capacity allows and refuses the rest, before anything was measured", () => {
    // 400 runs arriving at once on 16 slots, nothing finished yet: each counts only the work ahead of it.
    const idle = stats({});
    const waits = Array.from({ length: 400 }, (_, i) => estimateWaitMs(i + 1, idle, capacity));
    // 100 learners at once all fit: every slot, then turns of 0.3 s well under the limit.
    expect(waits.slice(0, 100).every((wait) => wait <= maxWaitMs)).toBe(true);
    // Refusals start where 5 s of turns are queued (16 slots + 16 x 5 s / 0.3 s), and not one before.
    const firstRefused = waits.findIndex((wait) => wait > maxWaitMs) + 1;
    expect(firstRefused).toBe(16 + Math.floor((16 * maxWaitMs) / defaultServiceMs.session) + 1);
  });

  it("refuses above capacity once the turns exceed the limit, and not before", () => {
    const busy = stats({ running: 16, serviceMs: 1_000 });
    // 5 turns of 1 s = the limit: still admitted; one more run in the queue tips it over.
    expect(estimateWaitMs(80, busy, capacity)).toBe(5_000);
    expect(estimateWaitMs(80, busy, capacity) > maxWaitMs).toBe(false);
    expect(estimateWaitMs(81, busy, capacity) > maxWaitMs).toBe(true);
  });

  it("grows with fewer slots: one runner of four refuses sooner than four of four", () => {
    const s = stats({ running: 4, serviceMs: 1_000 });
    expect(estimateWaitMs(24, s, { slots: 4 })).toBe(6_000);
    expect(estimateWaitMs(24, stats({ running: 16, serviceMs: 1_000 }), capacity)).toBe(1_500);
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
