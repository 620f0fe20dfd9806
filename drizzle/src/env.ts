import { z } from "zod";

const Env = z.object({
  // Postgres (Neon, Vercel, Supabase or self-hosted). Unset: an embedded PGlite database in PGLITE_DIR.
  DATABASE_URL: z.string().url().optional(),
  PGLITE_DIR: z.string().min(1).default(".data/pglite"),
  // Server on which tests create (and drop) a throwaway database of their own.
  TEST_DATABASE_URL: z.string().url().default("postgres://postgres@127.0.0.1:5432/postgres"),
});

// An empty variable (copied from .env.example) means unset, so its default applies.
const present = Object.fromEntries(Object.entries(process.env).filter(([, value]) => value !== ""));
const parsed = Env.safeParse(present);
if (!parsed.success) {
  throw new Error(`Invalid database configuration:\n${z.prettifyError(parsed.error)}`);
}

export const env = parsed.data;
