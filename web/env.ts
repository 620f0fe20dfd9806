import { z } from "zod";

const Env = z.object({
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

// An empty variable (copied from .env.example) means unset, so its default applies.
const present = Object.fromEntries(Object.entries(process.env).filter(([, value]) => value !== ""));
const parsed = Env.safeParse(present);
if (!parsed.success) {
  throw new Error(`Invalid web configuration:\n${z.prettifyError(parsed.error)}`);
}

export const env = parsed.data;
