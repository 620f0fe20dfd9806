import "server-only";
import { Redis } from "@upstash/redis";
import { createClient } from "redis";
import { env } from "@/env";
import { logger } from "../logger";
import { createQuota, type Quota } from "./quota";
import { createRedisRequester } from "./redis-requester";

export type { QuotaDecision, QuotaSubject, QuotaUsage } from "./quota";

const store = globalThis as typeof globalThis & { __codeyardQuota?: Quota };

function connectRedis(url: string): Redis {
  const client = createClient({
    url,
    disableOfflineQueue: true,
    socket: { connectTimeout: 1_000, reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 5_000) },
  });
  client.on("error", (error: Error) => logger.warn({ err: error.message }, "redis connection error"));
  client.connect().catch((error: unknown) => logger.warn({ err: String(error) }, "redis connect failed"));
  return new Redis(createRedisRequester(client));
}

export function getQuota(): Quota {
  if (store.__codeyardQuota) return store.__codeyardQuota;
  const redis =
    env.UPSTASH_REDIS_REST_URL && env.UPSTASH_REDIS_REST_TOKEN
      ? new Redis({ url: env.UPSTASH_REDIS_REST_URL, token: env.UPSTASH_REDIS_REST_TOKEN })
      : env.REDIS_URL
        ? connectRedis(env.REDIS_URL)
        : undefined;
  store.__codeyardQuota = createQuota({
    redis,
    logger,
    config: {
      runs: {
        user: { perMinute: env.QUOTA_USER_PER_MINUTE, perDay: env.QUOTA_USER_PER_DAY },
        anonymous: { perMinute: env.QUOTA_ANON_PER_MINUTE, perDay: env.QUOTA_ANON_PER_DAY },
      },
      // Submissions need an account; the anonymous limits only matter if that ever changes.
      submissions: {
        user: { perMinute: env.QUOTA_SUBMIT_PER_MINUTE, perDay: env.QUOTA_SUBMIT_PER_DAY },
        anonymous: { perMinute: 0, perDay: 0 },
      },
    },
  });
  return store.__codeyardQuota;
}

/** The caller's address as the platform reports it (Vercel and most proxies set x-forwarded-for). */
export function clientIp(request: Request): string {
  const forwarded = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || request.headers.get("x-real-ip") || "local";
}
