// How a run ended: one list for the RunResult, the live view's `end` frame and drizzle's enum.
import { z } from "zod";

export const runStatuses = [
  "ok",
  "runtime_error",
  "timeout",
  "cpu_limit",
  "memory_limit",
  "output_limit",
  "internal_error",
  "cancelled",
] as const;
export const RunStatus = z.enum(runStatuses);
export type RunStatus = z.infer<typeof RunStatus>;
