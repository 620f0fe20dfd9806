// What playwright.config.ts hands the test workers: the e2e run's own PostgreSQL server.
import { z } from "zod";

const Env = z.object({
  E2E_PG_DIR: z.string().min(1, "run the e2e tests through `pnpm e2e`, which starts their PostgreSQL server"),
  E2E_PG_PORT: z.coerce.number().int().positive(),
  E2E_DATABASE_URL: z.string().min(1, "run the e2e tests through `pnpm e2e`, which starts their PostgreSQL server"),
});

export const env = Env.parse(process.env);
