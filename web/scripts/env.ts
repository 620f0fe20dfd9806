// Settings of the local launcher (scripts/start-local.ts). The app's own settings live in the packages' env.ts.
import { z } from "zod";
import { defineEnv } from "../lib/security/define-env";

const port = z.coerce.number().int().min(1).max(65535);

function parse() {
  try {
    return defineEnv({
      what: "launcher",
      shape: {
        PORT: port.default(3000),
        // The web app listens here; 127.0.0.1 keeps it private to this machine. 0.0.0.0 opens it to the network.
        HOST: z.string().min(1).default("127.0.0.1"),
        RUNNER_HOST: z.string().default("127.0.0.1"),
        RUNNER_PORT: port.default(8787),
        RUNNER_URL: z.url().optional(),
        RUNNER_TOKEN: z.string().min(16).optional(),
        RUNNER_TICKET_KEY: z.string().min(32).optional(),
        DATABASE_URL: z.url().optional(),
        PGLITE_DIR: z.string().optional(),
        NEXTAUTH_SECRET: z.string().min(32).optional(),
        NEXTAUTH_URL: z.url().optional(),
        // Where `pnpm bench:load` starts its own stack (web, runner): away from a running `pnpm start`.
        LOAD_PORT: port.default(3200),
        LOAD_RUNNER_PORT: port.default(8903),
        // The Chromium the live-output bench drives (as the e2e suite does).
        CHROMIUM_PATH: z.string().min(1).default("/usr/bin/chromium"),
      },
    });
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}

export const env = parse();
/** The environment the launcher's children inherit. */
export const inheritedEnv = process.env;
