// Settings of the local launcher (scripts/start-local.ts). The app's own settings live in the packages' env.ts.
import { z } from "zod";

const Env = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  RUNNER_HOST: z.string().default("127.0.0.1"),
  RUNNER_PORT: z.coerce.number().int().min(1).max(65535).default(8787),
  RUNNER_URL: z.string().url().optional(),
  RUNNER_TOKEN: z.string().min(16).optional(),
  DATABASE_URL: z.string().url().optional(),
  PGLITE_DIR: z.string().optional(),
  NEXTAUTH_SECRET: z.string().min(32).optional(),
  NEXTAUTH_URL: z.string().url().optional(),
});

// An empty variable (copied from .env.example) means unset, so its default applies.
const present = Object.fromEntries(Object.entries(process.env).filter(([, value]) => value !== ""));
const parsed = Env.safeParse(present);
if (!parsed.success) {
  console.error(`Invalid configuration:\n${z.prettifyError(parsed.error)}`);
  process.exit(1);
}

export const env = parsed.data;
/** The environment the launcher's children inherit. */
export const inheritedEnv = process.env;
