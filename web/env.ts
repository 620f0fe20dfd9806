import { z } from "zod";

const count = (fallback: number) => z.coerce.number().int().min(0).default(fallback);

const building = process.env.NEXT_PHASE === "phase-production-build";

const Env = z
  .object({
    NODE_ENV: z.string().default("development"),
    // Signs session cookies (JWT). `pnpm start` generates one and keeps it in .data/.
    NEXTAUTH_SECRET: z.string().min(32, "NEXTAUTH_SECRET must be at least 32 characters").optional(),
    // GitHub sign-in is offered when both are set.
    GITHUB_ID: z.string().min(1).optional(),
    GITHUB_SECRET: z.string().min(1).optional(),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    // Quota store: Upstash (hosted) when both are set, else a Redis server, else in-process (single instance only).
    UPSTASH_REDIS_REST_URL: z.string().url().optional(),
    UPSTASH_REDIS_REST_TOKEN: z.string().min(1).optional(),
    REDIS_URL: z.string().url().optional(),
    QUOTA_USER_PER_MINUTE: count(5),
    QUOTA_USER_PER_DAY: count(50),
    QUOTA_ANON_PER_MINUTE: count(5),
    QUOTA_ANON_PER_DAY: count(20),
    QUOTA_SUBMIT_PER_MINUTE: count(5),
    QUOTA_SUBMIT_PER_DAY: count(100),
    // New runs are refused (503) when the estimated wait in the queue exceeds this.
    BACKPRESSURE_MAX_WAIT_MS: count(5_000),
    // Throughput assumed when too few runs finished recently to measure it (runner capacity).
    BACKPRESSURE_MIN_RUNS_PER_SECOND: z.coerce.number().positive().default(2),
  })
  .refine((e) => building || e.NODE_ENV !== "production" || e.NEXTAUTH_SECRET, {
    message: "NEXTAUTH_SECRET is required in production: e.g. `openssl rand -hex 32`",
    path: ["NEXTAUTH_SECRET"],
  })
  .refine((e) => Boolean(e.UPSTASH_REDIS_REST_URL) === Boolean(e.UPSTASH_REDIS_REST_TOKEN), {
    message: "set both UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN, or neither",
    path: ["UPSTASH_REDIS_REST_TOKEN"],
  });

// An empty variable (copied from .env.example) means unset, so its default applies.
const present = Object.fromEntries(Object.entries(process.env).filter(([, value]) => value !== ""));
const parsed = Env.safeParse(present);
if (!parsed.success) {
  throw new Error(`Invalid web configuration:\n${z.prettifyError(parsed.error)}`);
}

export const env = parsed.data;
