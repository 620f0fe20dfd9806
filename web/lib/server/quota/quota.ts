import { Ratelimit } from "@upstash/ratelimit";
import type { Redis } from "@upstash/redis";
import { MemoryWindow, type WindowResult } from "./memory-limiter";

export type QuotaAction = "runs" | "submissions";
export type QuotaSubject = { kind: "user"; userId: string } | { kind: "ip"; ip: string };
export interface QuotaLimits {
  perMinute: number;
  perDay: number;
}
export type QuotaConfig = Record<QuotaAction, { user: QuotaLimits; anonymous: QuotaLimits }>;
type WindowName = "minute" | "day";

export interface WindowUsage {
  limit: number;
  remaining: number;
  resetAt: string;
}
export interface QuotaUsage {
  minute: WindowUsage;
  day: WindowUsage;
  /** True while the shared store is down and an in-process limiter stands in. */
  degraded: boolean;
}

export type QuotaDecision =
  | { ok: true; usage: QuotaUsage }
  | { ok: false; reason: WindowName; limit: number; resetAt: Date; retryAfterSeconds: number; message: string }
  | { ok: false; reason: "unavailable"; retryAfterSeconds: number; message: string };

interface Logger {
  warn(obj: object, msg: string): void;
}

const windowMs: Record<WindowName, number> = { minute: 60_000, day: 86_400_000 };
const backendTimeoutMs = 1_500;

function withTimeout<T>(promise: Promise<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("quota store timed out")), backendTimeoutMs);
    promise.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}

function describeDenial(action: QuotaAction, window: WindowName, limit: number, resetAt: Date, now: number) {
  if (window === "day") return `You have used your ${limit} ${action} for today; more at 00:00 UTC.`;
  const seconds = Math.max(1, Math.ceil((resetAt.getTime() - now) / 1000));
  return `You have used your ${limit} ${action} for this minute; more in ${seconds} s.`;
}

/**
 * Per-user and per-IP limits over one minute (sliding) and one UTC day (fixed, so it resets at 00:00 UTC).
 * With a Redis (Upstash, or a plain Redis through the same client) the real @upstash/ratelimit counts;
 * without one, in-process windows do. If Redis fails: anonymous callers are refused (fail closed, the
 * abuse-prone side), signed-in users fall back to in-process limits (fail open, but still limited).
 */
export function createQuota(options: { redis?: Redis; config: QuotaConfig; logger?: Logger }) {
  const { redis, config, logger } = options;
  const remote = new Map<string, Ratelimit>();
  const local = new Map<string, MemoryWindow>();

  const limitsFor = (action: QuotaAction, subject: QuotaSubject) =>
    subject.kind === "user" ? config[action].user : config[action].anonymous;
  const perWindow = (limits: QuotaLimits, window: WindowName) =>
    window === "minute" ? limits.perMinute : limits.perDay;
  const keyOf = (subject: QuotaSubject) => (subject.kind === "user" ? `u:${subject.userId}` : `ip:${subject.ip}`);

  function ratelimit(action: QuotaAction, subject: QuotaSubject, window: WindowName): Ratelimit {
    if (!redis) throw new Error("no quota store");
    const limit = perWindow(limitsFor(action, subject), window);
    const name = `${action}:${subject.kind}:${window}:${limit}`;
    let limiter = remote.get(name);
    if (!limiter) {
      limiter = new Ratelimit({
        redis,
        limiter: window === "minute" ? Ratelimit.slidingWindow(limit, "60 s") : Ratelimit.fixedWindow(limit, "1 d"),
        prefix: `codeyard:quota:${name}`,
        // Errors must surface so the policy above decides; never silently allow on a slow store.
        timeout: 0,
        ephemeralCache: false,
        analytics: false,
      });
      remote.set(name, limiter);
    }
    return limiter;
  }

  function memory(action: QuotaAction, subject: QuotaSubject, window: WindowName): MemoryWindow {
    const limit = perWindow(limitsFor(action, subject), window);
    const name = `${action}:${subject.kind}:${window}:${limit}`;
    let counter = local.get(name);
    if (!counter) {
      counter = new MemoryWindow(limit, windowMs[window]);
      local.set(name, counter);
    }
    return counter;
  }

  async function take(action: QuotaAction, subject: QuotaSubject, window: WindowName, useMemory: boolean) {
    const key = keyOf(subject);
    if (useMemory) return memory(action, subject, window).take(key);
    const r = await withTimeout(ratelimit(action, subject, window).limit(key));
    return { success: r.success, limit: r.limit, remaining: r.remaining, reset: r.reset } satisfies WindowResult;
  }

  async function peek(action: QuotaAction, subject: QuotaSubject, window: WindowName, useMemory: boolean) {
    const key = keyOf(subject);
    if (useMemory) return memory(action, subject, window).peek(key);
    const limit = perWindow(limitsFor(action, subject), window);
    const r = await withTimeout(ratelimit(action, subject, window).getRemaining(key));
    return { success: r.remaining > 0, limit, remaining: r.remaining, reset: r.reset } satisfies WindowResult;
  }

  const toUsage = (r: WindowResult): WindowUsage => ({
    limit: r.limit,
    remaining: Math.max(0, r.remaining),
    resetAt: new Date(r.reset).toISOString(),
  });

  /** Runs `fn` against the shared store, or applies the outage policy. */
  async function withPolicy<T>(
    subject: QuotaSubject,
    fn: (useMemory: boolean) => Promise<T>,
  ): Promise<{ value: T; degraded: boolean } | { unavailable: true }> {
    if (!redis) return { value: await fn(true), degraded: false };
    try {
      return { value: await fn(false), degraded: false };
    } catch (error) {
      logger?.warn(
        { err: String(error), subject: subject.kind },
        subject.kind === "user"
          ? "quota store unavailable; limiting this user in-process"
          : "quota store unavailable; refusing anonymous work",
      );
      if (subject.kind === "ip") return { unavailable: true };
      return { value: await fn(true), degraded: true };
    }
  }

  return {
    backend: redis ? ("redis" as const) : ("memory" as const),

    /** Counts one action against the subject's limits, or says which limit stops it. */
    async consume(action: QuotaAction, subject: QuotaSubject): Promise<QuotaDecision> {
      const now = Date.now();
      const outcome = await withPolicy(subject, async (useMemory) => {
        const minute = await take(action, subject, "minute", useMemory);
        if (!minute.success) return { denied: "minute" as const, result: minute };
        const day = await take(action, subject, "day", useMemory);
        if (!day.success) return { denied: "day" as const, result: day };
        return { denied: null, minute, day };
      });
      if ("unavailable" in outcome) {
        return {
          ok: false,
          reason: "unavailable",
          retryAfterSeconds: 30,
          message: "Runs for visitors are paused for a moment while we fix something. Please try again shortly.",
        };
      }
      const v = outcome.value;
      if (v.denied) {
        const resetAt = new Date(v.result.reset);
        return {
          ok: false,
          reason: v.denied,
          limit: v.result.limit,
          resetAt,
          retryAfterSeconds: Math.max(1, Math.ceil((resetAt.getTime() - now) / 1000)),
          message: describeDenial(action, v.denied, v.result.limit, resetAt, now),
        };
      }
      return { ok: true, usage: { minute: toUsage(v.minute), day: toUsage(v.day), degraded: outcome.degraded } };
    },

    /** Current usage without counting anything. */
    async usage(action: QuotaAction, subject: QuotaSubject): Promise<QuotaUsage | null> {
      const outcome = await withPolicy(subject, async (useMemory) => ({
        minute: await peek(action, subject, "minute", useMemory),
        day: await peek(action, subject, "day", useMemory),
      }));
      if ("unavailable" in outcome) return null;
      const { minute, day } = outcome.value;
      return { minute: toUsage(minute), day: toUsage(day), degraded: outcome.degraded };
    },
  };
}

export type Quota = ReturnType<typeof createQuota>;
