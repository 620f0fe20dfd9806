import { TicketKey } from "@codeyard/runner/ticket";
import { z } from "zod";
import { count, defineEnv, flag } from "@/lib/security/define-env";

const building = process.env.NEXT_PHASE === "phase-production-build";

/** production when asked for, or when running as production on Vercel; local otherwise. */
const modeOf = (e: { CODEYARD_ENV?: "local" | "production"; NODE_ENV: string; VERCEL: boolean }) =>
  e.CODEYARD_ENV ?? (e.NODE_ENV === "production" && e.VERCEL ? "production" : "local");

const parsed = defineEnv({
  what: "web",
  shape: {
    NODE_ENV: z.string().default("development"),
    // Set by Vercel on its machines.
    VERCEL: flag,
    // local: one machine (generated secrets, open metrics on loopback). production: a public deployment.
    // Unset: production when NODE_ENV=production on Vercel, else local.
    CODEYARD_ENV: z.enum(["local", "production"], { error: "use local or production" }).optional(),
    // Signs session cookies (JWT). Required in production; local mode keeps a generated one in .data/auth-secret.
    NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters: e.g. `openssl rand -hex 32`").optional(),
    // The site's public URL: next-auth callbacks, and the Origin that state-changing requests must carry.
    NEXTAUTH_URL: z.url("must be a URL such as https://codeyard.example").optional(),
    // GitHub sign-in is offered when both are set.
    GITHUB_ID: z.string().min(1).optional(),
    GITHUB_SECRET: z.string().min(1).optional(),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    // The interface the server listens on (scripts/start-local.ts and `next -H`). Loopback keeps it private.
    HOST: z.string().min(1).default("127.0.0.1"),
    // Proxies in front of the app that append to X-Forwarded-For (0: none). Ignored on Vercel.
    TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
    // Bearer token for /api/metrics and health details; without it they are open on loopback in local mode only.
    METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
    // Quota store: Upstash (hosted) when both are set, else a Redis server, else in-process (single instance only).
    UPSTASH_REDIS_REST_URL: z.url().optional(),
    UPSTASH_REDIS_REST_TOKEN: z.string().min(1).optional(),
    REDIS_URL: z.url().optional(),
    QUOTA_USER_PER_MINUTE: count(5),
    QUOTA_USER_PER_DAY: count(50),
    QUOTA_ANON_PER_MINUTE: count(5),
    QUOTA_ANON_PER_DAY: count(20),
    QUOTA_SUBMIT_PER_MINUTE: count(5),
    QUOTA_SUBMIT_PER_DAY: count(100),
    // Accounts created per address per hour (a classroom behind one address may need more).
    AUTH_SIGNUPS_PER_IP_PER_HOUR: count(5),
    // Failed sign-ins per name per 15 minutes; the lockout grows (twice as many per hour, four times per day).
    AUTH_SIGNIN_FAILURES_PER_NAME: count(5),
    // Failed sign-ins per address per 15 minutes (any names), and ten times that per day.
    AUTH_SIGNIN_FAILURES_PER_IP: count(30),
    // Errors are sent to Sentry at this DSN; unset: nowhere.
    SENTRY_DSN: z.url().optional(),
    // New runs are refused (503) when the estimated wait in the queue exceeds this.
    BACKPRESSURE_MAX_WAIT_MS: count(5_000),
    // Guardian approval emails for the 8-11 group (smtp://user:pass@host:587). Unset: the link is logged instead.
    SMTP_URL: z.url().optional(),
    SMTP_FROM: z.string().min(3).default("Codeyard <no-reply@codeyard.local>"),
    // Shared with the runner (its RUNNER_TICKET_KEY): signs the short-lived tickets browsers open live-run and
    // terminal sockets with. Unset: no live view (runs are polled) and no terminal.
    RUNNER_TICKET_KEY: TicketKey.optional(),
    // The runners' addresses (RUNNER_URL, RUNNER_URLS, RUNNER_PUBLIC_URL) are read by @codeyard/inngest's env.
  },
  check(e, ctx) {
    if (modeOf(e) === "production" && !building && !e.NEXTAUTH_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["NEXTAUTH_SECRET"],
        message: "is required in production (it signs sessions): set it to the output of `openssl rand -hex 32`",
      });
    }
    if (Boolean(e.UPSTASH_REDIS_REST_URL) !== Boolean(e.UPSTASH_REDIS_REST_TOKEN)) {
      ctx.addIssue({
        code: "custom",
        path: ["UPSTASH_REDIS_REST_TOKEN"],
        message: "set both UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN, or neither",
      });
    }
  },
});

const mode = modeOf(parsed);

export const env = { ...parsed, CODEYARD_ENV: mode, production: mode === "production" };
