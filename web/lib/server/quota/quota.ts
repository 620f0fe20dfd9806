import type { Redis } from "@upstash/redis";
import { createWindows, type WindowResult, type WindowSpec } from "./windows";

export type QuotaAction = "runs" | "submissions";
export type QuotaSubject =
  | { kind: "user"; userId: string }
  | { kind: "ip"; ip: string }
  /** A visitor without an account whose address cannot be believed: refused, never pooled into one bucket. */
  | { kind: "unidentified" };
export interface QuotaLimits {
  perMinute: number;
  perDay: number;
}
export type QuotaConfig = Record<QuotaAction, { user: QuotaLimits; anonymous: QuotaLimits }>;
type WindowName = "minute" | "day";
type CountedSubject = Exclude<QuotaSubject, { kind: "unidentified" }>;

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

/** What an unidentified visitor is told: the way forward is an account, which is counted per user. */
export const unidentifiedMessage =
  "Runs without an account are not available from your connection. Sign up or sign in (it is free) to run code.";

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
  const windows = createWindows(redis);

  function spec(action: QuotaAction, subject: CountedSubject, window: WindowName): WindowSpec {
    const limits = subject.kind === "user" ? config[action].user : config[action].anonymous;
    return {
      name: `${action}:${subject.kind}:${window}`,
      limit: window === "minute" ? limits.perMinute : limits.perDay,
      windowMs: windowMs[window],
      sliding: window === "minute",
    };
  }
  const keyOf = (subject: CountedSubject) => (subject.kind === "user" ? `u:${subject.userId}` : `ip:${subject.ip}`);

  const toUsage = (r: WindowResult): WindowUsage => ({
    limit: r.limit,
    remaining: Math.max(0, r.remaining),
    resetAt: new Date(r.reset).toISOString(),
  });

  /** Runs `fn` against the shared store, or applies the outage policy. */
  async function withPolicy<T>(
    subject: CountedSubject,
    fn: (useMemory: boolean) => Promise<T>,
  ): Promise<{ value: T; degraded: boolean } | { unavailable: true }> {
    if (!redis) return { value: await fn(true), degraded: false };
    try {
      return { value: await fn(false), degraded: false };
    } catch (error) {
      logger?.warn(
        { err: error, subject: subject.kind },
        subject.kind === "user"
          ? "quota store unavailable; limiting this user in-process"
          : "quota store unavailable; refusing anonymous work",
      );
      if (subject.kind === "ip") return { unavailable: true };
      return { value: await fn(true), degraded: true };
    }
  }

  return {
    backend: windows.backend,

    /** Counts one action against the subject's limits, or says which limit stops it. */
    async consume(action: QuotaAction, subject: QuotaSubject): Promise<QuotaDecision> {
      const now = Date.now();
      if (subject.kind === "unidentified") {
        return { ok: false, reason: "unavailable", retryAfterSeconds: 3600, message: unidentifiedMessage };
      }
      const key = keyOf(subject);
      const outcome = await withPolicy(subject, async (useMemory) => {
        const minute = await windows.take(spec(action, subject, "minute"), key, useMemory);
        if (!minute.success) return { denied: "minute" as const, result: minute };
        const day = await windows.take(spec(action, subject, "day"), key, useMemory);
        if (!day.success) {
          // Refused for the day: the minute's unit was not used either.
          await windows.giveBack(spec(action, subject, "minute"), key, useMemory);
          return { denied: "day" as const, result: day };
        }
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

    /**
     * Gives back the unit a successful `consume` took from both windows, for work withdrawn before it ran
     * (dispatch failed, refused as busy). Best effort: never throws; a store outage is logged.
     */
    async refund(action: QuotaAction, subject: QuotaSubject): Promise<void> {
      if (subject.kind === "unidentified") return;
      const key = keyOf(subject);
      const giveBoth = async (useMemory: boolean) => {
        await windows.giveBack(spec(action, subject, "minute"), key, useMemory);
        await windows.giveBack(spec(action, subject, "day"), key, useMemory);
      };
      if (!redis) return giveBoth(true);
      try {
        await giveBoth(false);
      } catch (error) {
        logger?.warn({ err: error, subject: subject.kind }, "quota store unavailable; refund kept in-process only");
        // A user counted in-process during the outage gets the unit back there.
        if (subject.kind === "user") await giveBoth(true);
      }
    },

    /** Current usage without counting anything; null when it cannot be known. */
    async usage(action: QuotaAction, subject: QuotaSubject): Promise<QuotaUsage | null> {
      if (subject.kind === "unidentified") return null;
      const key = keyOf(subject);
      const outcome = await withPolicy(subject, async (useMemory) => ({
        minute: await windows.peek(spec(action, subject, "minute"), key, useMemory),
        day: await windows.peek(spec(action, subject, "day"), key, useMemory),
      }));
      if ("unavailable" in outcome) return null;
      const { minute, day } = outcome.value;
      return { minute: toUsage(minute), day: toUsage(day), degraded: outcome.degraded };
    },
  };
}

export type Quota = ReturnType<typeof createQuota>;
