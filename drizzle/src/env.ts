import { createEnv } from "@t3-oss/env-core";
import { z } from "zod";

export const env = createEnv({
  server: {
    // Postgres (Neon, Vercel, Supabase or self-hosted). Unset: an embedded PGlite database in PGLITE_DIR.
    DATABASE_URL: z.url().optional(),
    PGLITE_DIR: z.string().min(1).default(".data/pglite"),
    // Server on which tests create (and drop) a throwaway database of their own.
    TEST_DATABASE_URL: z.url().default("postgres://postgres@127.0.0.1:5432/postgres"),
  },
  // A copy: env-core deletes empty keys from the object it is given.
  runtimeEnv: { ...process.env },
  // An empty variable (copied from .env.example) means unset, so its default applies.
  emptyStringAsUndefined: true,
  onValidationError: (issues) => {
    throw new Error(
      `Invalid database configuration:\n${issues.map((i) => `  ${i.path?.join(".")}: ${i.message}`).join("\n")}`,
    );
  },
});
