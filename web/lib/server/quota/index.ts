import "server-only";
import { Redis } from "@upstash/redis";
import { createClient } from "redis";
import { env } from "@/env";
import { type ClientAddress, clientAddress } from "@/lib/security/client-address";
import { logger } from "../logger";
import { createQuota, type Quota, type QuotaSubject } from "./quota";
import { createRedisRequester } from "./redis-requester";
import { createWindows, type Windows } from "./windows";

export type { Quota, QuotaAction, QuotaDecision, QuotaSubject, QuotaUsage } from "./quota";
export { unidentifiedMessage } from "./quota";

const store = globalThis as typeof globalThis & {
  __codeyardRedis?: { redis: Redis | undefined };
  __codeyardQuota?: Quota;
  __codeyardWindows?: Windows;
};

function connectRedis(url: string): Redis {
  const client = createClient({
    url,
    disableOfflineQueue: true,
    socket: { connectTimeout: 1_000, reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 5_000) },
  });
  client.on("error", (error: Error) => logger.warn({ err: error }, "redis connection error"));
  client.connect().catch((error: unknown) => logger.warn({ err: error }, "redis connect failed"));
  return new Redis(createRedisRequester(client));
}

/** The one quota store of this process: Upstash, else REDIS_URL, else none (in-process counting). */
function sharedRedis(): Redis | undefined {
  if (!store.__codeyardRedis) {
    const redis =
      env.UPSTASH_REDIS_REST_URL && env.UPSTASH_REDIS_REST_TOKEN
        ? new Redis({ url: env.UPSTASH_REDIS_REST_URL, token: env.UPSTASH_REDIS_REST_TOKEN })
        : env.REDIS_URL
          ? connectRedis(env.REDIS_URL)
          : undefined;
    store.__codeyardRedis = { redis };
  }
  return store.__codeyardRedis.redis;
}

/** Counting windows on the quota store, for limits other than runs (sign-up, sign-in). */
export function getWindows(): Windows {
  store.__codeyardWindows ??= createWindows(sharedRedis());
  return store.__codeyardWindows;
}

export function getQuota(): Quota {
  if (store.__codeyardQuota) return store.__codeyardQuota;
  store.__codeyardQuota = createQuota({
    redis: sharedRedis(),
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

let warnedUnknown = false;

/** The caller's address under this deployment's trust setting (TRUSTED_PROXY_HOPS, Vercel). */
export function clientAddressOf(headers: Headers | Record<string, string | string[] | undefined>): ClientAddress {
  const address = clientAddress(headers, {
    trustedProxyHops: env.TRUSTED_PROXY_HOPS,
    vercel: env.VERCEL,
    production: env.production,
  });
  if (address.kind === "unknown" && !warnedUnknown && !env.VERCEL && env.TRUSTED_PROXY_HOPS === 0) {
    warnedUnknown = true;
    logger.warn(
      "no client address can be trusted: visitors without an account are refused. Set TRUSTED_PROXY_HOPS to the " +
        "number of proxies in front of the app (1 behind one nginx or load balancer).",
    );
  }
  return address;
}

/** Who an anonymous caller counts as: their address, the one local visitor, or nobody (refused). */
export function anonymousSubject(address: ClientAddress): QuotaSubject {
  if (address.kind === "ip") return { kind: "ip", ip: address.ip };
  if (address.kind === "local") return { kind: "ip", ip: "local" };
  return { kind: "unidentified" };
}
