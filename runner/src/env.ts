// The runner's only reader of process.env: a bad config fails at boot with one clear message.
import { z } from "zod";
import { answerDefaults } from "./answers";
import { defaultTerminalsPerSlot } from "./capacity";
import { defaultGradingSlots, defaultRunnerSlots, formatIssues } from "./contract";
import { defaultInteractiveWallMs } from "./sandbox-run";
import { defaultMaxSessions } from "./sizing";
import { TicketKey } from "./ticket";

const EnvSchema = z
  .object({
    RUNNER_TOKEN: z
      .string({
        error:
          "RUNNER_TOKEN is required: set it to a shared secret of 16+ characters, e.g. `export RUNNER_TOKEN=$(openssl rand -hex 24)`",
      })
      .min(16, "RUNNER_TOKEN must be at least 16 characters: generate one with `openssl rand -hex 24`")
      // A bearer token (RFC 6750 token68); any other character could never be sent in the header.
      .regex(/^[A-Za-z0-9._~+/-]+=*$/, "RUNNER_TOKEN may hold only letters, digits and ._~+/- (then = padding)"),
    RUNNER_HOST: z.string().min(1).default("127.0.0.1"),
    RUNNER_PORT: z.coerce.number().int().min(1).max(65535).default(8787),
    /** Requests in flight at once, runs and gradings together; past it the API answers 429 with Retry-After. */
    RUNNER_MAX_CONCURRENT: z.coerce.number().int().min(1).max(64).default(defaultRunnerSlots),
    /** Of those, the slots gradings may hold; the rest stay free for runs. Half of them when unset. */
    RUNNER_GRADING_SLOTS: z.coerce.number().int().min(1).max(64).optional(),
    /** How long, and how many, finished answers are kept to answer a repeated id without running it again. */
    RUNNER_ANSWER_TTL_MS: z.coerce.number().int().min(1_000).max(86_400_000).default(answerDefaults.ttlMs),
    RUNNER_ANSWER_ENTRIES: z.coerce.number().int().min(1).max(100_000).default(answerDefaults.maxEntries),
    /** Warm single-use sandboxes kept ready per language (about 65 MB each for Python); 0 starts one per run. */
    RUNNER_POOL_SIZE: z.coerce.number().int().min(0).max(32).default(2),
    /** A signed-in user's session sandbox is removed after this long without a run. */
    RUNNER_SESSION_IDLE_MS: z.coerce.number().int().min(1_000).max(86_400_000).default(300_000),
    /** An anonymous visitor's guest session sandbox goes sooner: a guest has no terminal or workspace to keep. */
    RUNNER_GUEST_IDLE_MS: z.coerce.number().int().min(1_000).max(86_400_000).default(120_000),
    /**
     * Session sandboxes kept at once; past it the least recently used idle one goes. Default: as many as the
     * machine's memory holds at their memory limit (see sizing.ts).
     */
    RUNNER_MAX_SESSIONS: z.coerce.number().int().min(0).max(256).default(defaultMaxSessions),
    /**
     * Key shared with the web app to sign live tickets (GET /v1/live/:executionId): 32+ characters. Unset, the
     * live view is off (503) and runs still work through POST /v1/executions.
     */
    RUNNER_TICKET_KEY: TicketKey.optional(),
    /** Browser origins allowed to open a live socket: the web app's, comma-separated, exact match. */
    RUNNER_ALLOWED_ORIGINS: z
      .string()
      .default("http://localhost:3000,http://127.0.0.1:3000")
      .transform((list) =>
        list
          .split(",")
          .map((origin) => origin.trim().replace(/\/$/, ""))
          .filter(Boolean),
      )
      .pipe(
        z
          .array(
            z.url({ protocol: /^https?$/, error: "RUNNER_ALLOWED_ORIGINS holds origins like https://codeyard.dev" }),
          )
          .min(1),
      ),
    /** Wall limit of an interactive run (stdin open for the live socket); its CPU limit is the usual one. */
    RUNNER_INTERACTIVE_WALL_MS: z.coerce.number().int().min(1_000).max(600_000).default(defaultInteractiveWallMs),
    /** A terminal's shell outlives a dropped connection this long, so a reconnect finds it running. */
    RUNNER_TERMINAL_GRACE_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(300_000),
    /** A terminal nobody typed into for this long ends ("Session paused to save resources"). */
    RUNNER_TERMINAL_IDLE_MS: z.coerce.number().int().min(5_000).max(86_400_000).default(900_000),
    /** Terminals open at once per user, and in all (each holds its user's session sandbox). */
    RUNNER_TERMINALS_PER_USER: z.coerce.number().int().min(0).max(16).default(3),
    RUNNER_MAX_TERMINALS: z.coerce.number().int().min(0).max(256).default(16),
    /** Open terminals that share one of RUNNER_MAX_CONCURRENT's slots (they never take the last one). */
    RUNNER_TERMINALS_PER_SLOT: z.coerce.number().int().min(1).max(64).default(defaultTerminalsPerSlot),
    /** On SIGTERM or POST /v1/drain, how long runs in flight may take to finish before they are stopped. */
    RUNNER_DRAIN_MS: z.coerce.number().int().min(0).max(600_000).default(30_000),
    /**
     * Names this runner's containers, so a start sweeps only the leftovers of its own instance when several
     * runners share one Docker engine: unique per runner running at once, stable across its restarts.
     */
    RUNNER_INSTANCE_ID: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/, "RUNNER_INSTANCE_ID may hold letters, digits and _.- (63 at most)")
      .optional(),
    /**
     * Registry the sandbox images are published to (e.g. ghcr.io/<owner>): a missing image is pulled from it by
     * its content-hashed tag at start. Unset: build them with `pnpm sandbox:build`.
     */
    SANDBOX_REGISTRY: z
      .string()
      .regex(/^[a-z0-9.-]+(:\d+)?(\/[a-z0-9._-]+)*\/?$/, "SANDBOX_REGISTRY looks like ghcr.io/<owner>")
      .optional(),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    /** Unexpected errors go to Sentry at this DSN (https://<key>@<host>/<project>); unset: nowhere. */
    SENTRY_DSN: z.url({ error: "SENTRY_DSN must be the DSN Sentry shows, https://<key>@<host>/<project>" }).optional(),
    /** The environment Sentry files this runner's errors under. */
    SENTRY_ENVIRONMENT: z.string().min(1).default("production"),
    /** Path of the Docker engine's unix socket; the default socket when unset. */
    DOCKER_SOCKET: z.string().min(1).optional(),
  })
  .transform((env) => ({
    ...env,
    RUNNER_GRADING_SLOTS: env.RUNNER_GRADING_SLOTS ?? defaultGradingSlots(env.RUNNER_MAX_CONCURRENT),
  }))
  .refine((env) => env.RUNNER_MAX_CONCURRENT === 1 || env.RUNNER_GRADING_SLOTS < env.RUNNER_MAX_CONCURRENT, {
    message: "RUNNER_GRADING_SLOTS must be less than RUNNER_MAX_CONCURRENT, so runs always keep a slot",
    path: ["RUNNER_GRADING_SLOTS"],
  });
export type Env = z.infer<typeof EnvSchema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  // An empty variable (e.g. `RUNNER_PORT=` copied from .env.example) means unset, so its default applies.
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  const parsed = EnvSchema.safeParse(present);
  if (parsed.success) return parsed.data;
  throw new Error(`invalid runner configuration:\n  ${formatIssues(parsed.error, "\n  ")}`);
}

function loadEnv(): Env {
  try {
    return parseEnv(process.env);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}

export const env = loadEnv();
