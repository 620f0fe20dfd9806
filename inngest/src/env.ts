import { z } from "zod";

const flag = z
  .enum(["1", "0", "true", "false", ""])
  .optional()
  .transform((v) => v === "1" || v === "true");

const building = process.env.NEXT_PHASE === "phase-production-build";

const Env = z
  .object({
    NODE_ENV: z.string().default("development"),
    // Set either to use an Inngest server (Cloud, or the dev server); neither: runs are driven in-process.
    INNGEST_EVENT_KEY: z.string().min(1).optional(),
    INNGEST_DEV: flag,
    INNGEST_SIGNING_KEY: z.string().min(1).optional(),
    RUNNER_URL: z.string().url().default("http://127.0.0.1:8787"),
    RUNNER_TOKEN: z.string().min(16, "RUNNER_TOKEN must be at least 16 characters").optional(),
    // Runs the runner can take at once: Inngest's global concurrency limit for execute-code.
    RUNNER_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(4),
    // Finished runs are deleted after this many days.
    RETENTION_DAYS: z.coerce.number().int().min(1).default(7),
    // Unfinished runs older than this are presumed lost and sent again (idempotent steps make that safe).
    REQUEUE_AFTER_SECONDS: z.coerce.number().int().min(1).default(120),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  })
  .refine((e) => building || e.NODE_ENV !== "production" || e.RUNNER_TOKEN, {
    message: "RUNNER_TOKEN is required in production: the same secret the runner was started with",
    path: ["RUNNER_TOKEN"],
  });

// An empty variable (copied from .env.example) means unset, so its default applies.
const present = Object.fromEntries(Object.entries(process.env).filter(([, value]) => value !== ""));
const parsed = Env.safeParse(present);
if (!parsed.success) {
  throw new Error(`Invalid Inngest/runner configuration:\n${z.prettifyError(parsed.error)}`);
}

export const env = {
  ...parsed.data,
  dispatchMode: parsed.data.INNGEST_EVENT_KEY || parsed.data.INNGEST_DEV ? ("inngest" as const) : ("inline" as const),
};
