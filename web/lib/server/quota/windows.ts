// Counting windows over one store: the real @upstash/ratelimit when a Redis is configured (Upstash, or a plain
// Redis through the same client), else in-process windows. Shared by run quotas and sign-in/sign-up limits.
import { Ratelimit } from "@upstash/ratelimit";
import type { Redis } from "@upstash/redis";
import { MemoryWindow, type WindowResult } from "./memory-limiter";

export type { WindowResult };

export interface WindowSpec {
  /** Names the counter in the store, e.g. `runs:user:minute`. */
  name: string;
  limit: number;
  windowMs: number;
  /** Sliding windows smooth the boundary; fixed ones reset at a known time (e.g. 00:00 UTC for a day). */
  sliding: boolean;
}

const storeTimeoutMs = 1_500;

function withTimeout<T>(promise: Promise<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("quota store timed out")), storeTimeoutMs);
    promise.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}

export function createWindows(redis?: Redis) {
  const remote = new Map<string, Ratelimit>();
  const local = new Map<string, MemoryWindow>();
  const id = (spec: WindowSpec) => `${spec.name}:${spec.limit}`;

  function ratelimit(spec: WindowSpec): Ratelimit {
    if (!redis) throw new Error("no quota store");
    let limiter = remote.get(id(spec));
    if (!limiter) {
      const window = `${spec.windowMs} ms` as const;
      limiter = new Ratelimit({
        redis,
        limiter: spec.sliding ? Ratelimit.slidingWindow(spec.limit, window) : Ratelimit.fixedWindow(spec.limit, window),
        prefix: `codeyard:quota:${id(spec)}`,
        // Errors must surface so the caller's outage policy decides; never silently allow on a slow store.
        timeout: 0,
        ephemeralCache: false,
        analytics: false,
      });
      remote.set(id(spec), limiter);
    }
    return limiter;
  }

  function memory(spec: WindowSpec): MemoryWindow {
    let counter = local.get(id(spec));
    if (!counter) {
      counter = new MemoryWindow(spec.limit, spec.windowMs);
      local.set(id(spec), counter);
    }
    return counter;
  }

  return {
    backend: redis ? ("redis" as const) : ("memory" as const),

    /** Counts one unit, or says the window is full (a full window counts nothing more). */
    async take(spec: WindowSpec, key: string, useMemory: boolean): Promise<WindowResult> {
      if (useMemory || !redis) return memory(spec).take(key);
      const r = await withTimeout(ratelimit(spec).limit(key));
      return { success: r.success, limit: r.limit, remaining: r.remaining, reset: r.reset };
    },

    /** Where the window stands, without counting. */
    async peek(spec: WindowSpec, key: string, useMemory: boolean): Promise<WindowResult> {
      if (useMemory || !redis) return memory(spec).peek(key);
      const r = await withTimeout(ratelimit(spec).getRemaining(key));
      return { success: r.remaining > 0, limit: spec.limit, remaining: r.remaining, reset: r.reset };
    },

    /**
     * Gives one unit back (a refund), never below an empty window. On Redis this is @upstash/ratelimit's own
     * refund, `limit(key, { rate: -1 })` (2.2.0 skips the limit check for a negative rate). A unit taken just
     * before the window turned over is given back to the new window: at most one unit early.
     */
    async giveBack(spec: WindowSpec, key: string, useMemory: boolean): Promise<void> {
      if (useMemory || !redis) {
        memory(spec).giveBack(key);
        return;
      }
      const now = await withTimeout(ratelimit(spec).getRemaining(key));
      if (now.remaining >= spec.limit) return;
      await withTimeout(ratelimit(spec).limit(key, { rate: -1 }));
    },
  };
}

export type Windows = ReturnType<typeof createWindows>;
