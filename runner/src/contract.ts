// Wire contract between the runner and its callers (the Inngest functions). Zod only: no dockerode here.
import { z } from "zod";

export const runnerLanguages = ["python"] as const;
export const RunnerLanguage = z.enum(runnerLanguages, {
  error: `language must be one of: ${runnerLanguages.join(", ")}`,
});
export type RunnerLanguage = z.infer<typeof RunnerLanguage>;

export const maxFileBytes = 64 * 1024;
export const maxFiles = 20;
export const maxStdinBytes = 64 * 1024;

/** Server maxima; a request may ask for less, never more. */
export const limitMaxima = { wallMs: 15_000, memoryMb: 512, outputBytes: 1024 * 1024 } as const;
export const limitDefaults = { wallMs: 5_000, memoryMb: 128, outputBytes: 64 * 1024 } as const;

export const FilePath = z
  .string()
  .min(1, "file path is empty")
  .max(200, "file path is longer than 200 characters")
  .refine((p) => !p.startsWith("/"), "file path must be relative")
  .refine((p) => !/[\0\n\r\\]/.test(p), "file path contains a NUL, newline or backslash")
  .refine((p) => p.split("/").every((part) => part !== "" && part !== "." && part !== ".."), {
    message: "file path must not contain empty, '.' or '..' segments",
  });

export const RunnerFile = z.object({
  path: FilePath,
  content: z.string().refine((c) => Buffer.byteLength(c) <= maxFileBytes, "file is larger than 64 KiB"),
});
export type RunnerFile = z.infer<typeof RunnerFile>;

export const RunLimits = z.object({
  wallMs: z.number().int().min(100).max(limitMaxima.wallMs).optional(),
  memoryMb: z.number().int().min(32).max(limitMaxima.memoryMb).optional(),
  outputBytes: z.number().int().min(1024).max(limitMaxima.outputBytes).optional(),
});
export type RunLimits = z.infer<typeof RunLimits>;
export type ResolvedLimits = Required<RunLimits>;

/** Fills in defaults and caps at the server maxima, so a caller that skipped validation still gets bounded runs. */
export function resolveLimits(limits: RunLimits = {}): ResolvedLimits {
  return {
    wallMs: Math.min(limits.wallMs ?? limitDefaults.wallMs, limitMaxima.wallMs),
    memoryMb: Math.min(limits.memoryMb ?? limitDefaults.memoryMb, limitMaxima.memoryMb),
    outputBytes: Math.min(limits.outputBytes ?? limitDefaults.outputBytes, limitMaxima.outputBytes),
  };
}

export const RunRequest = z.object({
  id: z.string().min(1).max(100),
  language: RunnerLanguage,
  files: z
    .array(RunnerFile)
    .min(1, "at least one file is needed")
    .max(maxFiles)
    .refine((files) => new Set(files.map((f) => f.path)).size === files.length, "file paths must be unique"),
  stdin: z
    .string()
    .refine((s) => Buffer.byteLength(s) <= maxStdinBytes, "stdin is larger than 64 KiB")
    .optional(),
  limits: RunLimits.optional(),
});
export type RunRequest = z.infer<typeof RunRequest>;

export const runStatuses = [
  "ok",
  "runtime_error",
  "timeout",
  "memory_limit",
  "output_limit",
  "internal_error",
] as const;
export const RunStatus = z.enum(runStatuses);
export type RunStatus = z.infer<typeof RunStatus>;

export const RunResult = z.object({
  id: z.string(),
  status: RunStatus,
  /** The container's exit code; null when the run never reached an exit (internal_error). */
  exitCode: z.number().int().nullable(),
  /** Name of the signal that ended the program (e.g. SIGSEGV), only for runtime_error. */
  signal: z.string().nullable(),
  stdout: z.string(),
  stderr: z.string(),
  /** stdout or stderr hit limits.outputBytes and was cut (on a UTF-8 character boundary). */
  truncated: z.boolean(),
  /** Time from container start to exit, in milliseconds. */
  wallMs: z.number().int().nonnegative(),
});
export type RunResult = z.infer<typeof RunResult>;

/** Body of every non-2xx answer. */
export const RunnerError = z.object({ error: z.string() });
export type RunnerError = z.infer<typeof RunnerError>;
