// Limits on sign-up and sign-in, counted on the quota store (Redis, else in-process). Every sign-in attempt
// counts as a failure until the password proves right, and is then given back: parallel guesses cannot slip
// through between a check and a count. The lockout grows: each tier is a longer window with a larger limit.
import { createHash } from "node:crypto";
import type { WindowSpec, Windows } from "@/lib/server/quota/windows";

export interface AuthLimitConfig {
  signUpsPerIpPerHour: number;
  /** Per 15 minutes; twice as many per hour and four times as many per day. */
  failuresPerName: number;
  /** Per 15 minutes; ten times as many per day. */
  failuresPerIp: number;
}

export type AuthDecision = { ok: true } | { ok: false; retryAfterSeconds: number; message: string };
export type SignInAttempt =
  | {
      ok: true /** The password was right (or we failed, not the caller): the attempt does not count. */;
      release(): Promise<void>;
    }
  | { ok: false; retryAfterSeconds: number; message: string };

interface Logger {
  warn(obj: object, msg: string): void;
}

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

/** "3 minutes", "1 hour", "40 seconds". */
export function describeWait(seconds: number): string {
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"}`;
  if (seconds < 60) return plural(Math.max(1, Math.ceil(seconds)), "second");
  if (seconds < 2 * 3600) return plural(Math.ceil(seconds / 60), "minute");
  return plural(Math.ceil(seconds / 3600), "hour");
}

/** The store key of a name: case-insensitive like the accounts table, and of bounded length. */
const nameKey = (name: string) => createHash("sha256").update(name.trim().toLowerCase()).digest("hex").slice(0, 32);

export function createAuthLimits(options: { windows: Windows; config: AuthLimitConfig; logger?: Logger }) {
  const { windows, config, logger } = options;
  const tier = (name: string, limit: number, windowMs: number): WindowSpec => ({
    name: `auth:${name}`,
    limit,
    windowMs,
    sliding: true,
  });
  const signUpTiers = [tier("signup-ip:hour", config.signUpsPerIpPerHour, hour)];
  const nameTiers = [
    tier("signin-name:15m", config.failuresPerName, 15 * minute),
    tier("signin-name:hour", config.failuresPerName * 2, hour),
    tier("signin-name:day", config.failuresPerName * 4, day),
  ];
  const ipTiers = [
    tier("signin-ip:15m", config.failuresPerIp, 15 * minute),
    tier("signin-ip:day", config.failuresPerIp * 10, day),
  ];

  /** Runs `fn` on the store; if the store fails, in-process (logged), so accounts keep working but limited. */
  async function onStore<T>(fn: (useMemory: boolean) => Promise<T>): Promise<T> {
    if (windows.backend === "memory") return fn(true);
    try {
      return await fn(false);
    } catch (error) {
      logger?.warn({ err: error }, "quota store unavailable; limiting sign-up and sign-in in-process");
      return fn(true);
    }
  }

  /**
   * Takes one unit from each (spec, key). If one is full, gives back what this call took and names the full
   * window that frees up last (a locked hour outlasts the 15 minutes), so the wait told is the real one.
   */
  async function takeAll(units: Array<[WindowSpec, string]>, useMemory: boolean) {
    const taken: Array<[WindowSpec, string]> = [];
    for (const [spec, key] of units) {
      const result = await windows.take(spec, key, useMemory);
      if (!result.success) {
        for (const [s, k] of taken) await windows.giveBack(s, k, useMemory);
        let full = { spec, reset: result.reset };
        for (const [s, k] of units) {
          const now = await windows.peek(s, k, useMemory);
          if (!now.success && now.reset > full.reset) full = { spec: s, reset: now.reset };
        }
        return { full: full.spec, retryAfterSeconds: Math.max(1, Math.ceil((full.reset - Date.now()) / 1000)) };
      }
      taken.push([spec, key]);
    }
    return { full: null, retryAfterSeconds: 0 };
  }

  return {
    /** Counts one sign-up from `address` (an address key, e.g. "198.51.100.7", "local" or "unidentified"). */
    async signUp(address: string): Promise<AuthDecision> {
      const outcome = await onStore((m) => takeAll([[signUpTiers[0] as WindowSpec, address]], m));
      if (!outcome.full) return { ok: true };
      return {
        ok: false,
        retryAfterSeconds: outcome.retryAfterSeconds,
        message:
          `Too many accounts were created from your network in the last hour. ` +
          `Please wait ${describeWait(outcome.retryAfterSeconds)} and try again.`,
      };
    },

    /** Counts one sign-in attempt for `name` from `address` before the password is checked. */
    async beginSignIn(name: string, address: string): Promise<SignInAttempt> {
      const units: Array<[WindowSpec, string]> = [
        ...ipTiers.map((spec): [WindowSpec, string] => [spec, address]),
        ...nameTiers.map((spec): [WindowSpec, string] => [spec, nameKey(name)]),
      ];
      let usedMemory = false;
      const outcome = await onStore((m) => {
        usedMemory = m;
        return takeAll(units, m);
      });
      if (outcome.full) {
        const wait = describeWait(outcome.retryAfterSeconds);
        const message = ipTiers.includes(outcome.full)
          ? `Too many sign-in attempts from your network. Please wait ${wait} and try again.`
          : `Too many wrong passwords for this name. To keep the account safe, wait ${wait} and try again.`;
        return { ok: false, retryAfterSeconds: outcome.retryAfterSeconds, message };
      }
      return {
        ok: true,
        async release() {
          try {
            for (const [spec, key] of units) await windows.giveBack(spec, key, usedMemory);
          } catch (error) {
            logger?.warn({ err: error }, "could not give back a sign-in attempt");
          }
        },
      };
    },
  };
}

export type AuthLimits = ReturnType<typeof createAuthLimits>;
