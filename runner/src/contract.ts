// Wire contract between the runner and its callers (the Inngest functions). Zod only: no dockerode here.
//
// Exactly once. The `id` of a RunRequest or GradeRequest names one piece of work, and the runner runs its
// program at most once per id:
// - a request repeating an id that is still running joins it and gets the same answer when it ends; it never
//   takes a slot and never gets 429;
// - a request repeating an id that ended recently (RUNNER_ANSWER_TTL_MS, default 15 min; per kind at most
//   RUNNER_ANSWER_ENTRIES answers, default 1000, and 64 MiB) gets the stored answer without running anything;
// - a repeated id whose request differs (other files, stdin, limits, session, tests) gets 409: do not retry;
// - not remembered, so the same id may be sent again: a 429, a 503, and an `internal_error` RunResult given
//   when the program never reached a sandbox or the runner was shutting down. Runs and gradings are separate
//   id spaces. The memory is per runner process: after a restart, or past the window, a repeat runs again.
import { z } from "zod";
import { FilePath } from "./contract/paths";
import { RunStatus } from "./contract/status";
import { TerminalCounts } from "./contract/terminal";
import { WorkspaceManifest } from "./contract/workspace";

export * from "./contract/live";
export * from "./contract/paths";
export * from "./contract/status";
export * from "./contract/terminal";
export * from "./contract/workspace";

/** One line per issue, `path: message`: the runner's only zod error formatter (400 answers, env at boot). */
export function formatIssues(error: z.core.$ZodError, separator = "; "): string {
  return error.issues.map((issue) => `${issue.path.map(String).join(".") || "body"}: ${issue.message}`).join(separator);
}

export const runnerLanguages = ["python", "javascript"] as const;
export const RunnerLanguage = z.enum(runnerLanguages, {
  error: `language must be one of: ${runnerLanguages.join(", ")}`,
});
export type RunnerLanguage = z.infer<typeof RunnerLanguage>;

/** The file a language runs by default, and the learner's one file in lessons and gradings. */
export const mainFile: Record<RunnerLanguage, string> = { python: "main.py", javascript: "main.js" };

export const maxFileBytes = 64 * 1024;
export const maxFiles = 20;
export const maxStdinBytes = 64 * 1024;

/** Server maxima; a request may ask for less, never more. */
export const limitMaxima = { wallMs: 15_000, cpuMs: 10_000, memoryMb: 512, outputBytes: 1024 * 1024 } as const;
export const limitDefaults = { wallMs: 5_000, memoryMb: 128, outputBytes: 64 * 1024 } as const;

export const RunnerFile = z.object({
  path: FilePath,
  content: z.string().refine((c) => Buffer.byteLength(c) <= maxFileBytes, "file is larger than 64 KiB"),
});
export type RunnerFile = z.infer<typeof RunnerFile>;

export const RunLimits = z.object({
  wallMs: z.number().int().min(100).max(limitMaxima.wallMs).optional(),
  /**
   * CPU time of all the run's processes together. Defaults to wallMs: a sandbox gets at most one CPU, so
   * then only the wall clock can end a busy loop (timeout). Ask for less to have it end as cpu_limit.
   */
  cpuMs: z.number().int().min(100).max(limitMaxima.cpuMs).optional(),
  memoryMb: z.number().int().min(32).max(limitMaxima.memoryMb).optional(),
  outputBytes: z.number().int().min(1024).max(limitMaxima.outputBytes).optional(),
});
export type RunLimits = z.infer<typeof RunLimits>;
export type ResolvedLimits = Required<RunLimits>;

/** Fills in defaults and caps at the server maxima, so a caller that skipped validation still gets bounded runs. */
export function resolveLimits(limits: RunLimits = {}): ResolvedLimits {
  return {
    wallMs: Math.min(limits.wallMs ?? limitDefaults.wallMs, limitMaxima.wallMs),
    cpuMs: Math.min(limits.cpuMs ?? limits.wallMs ?? limitDefaults.wallMs, limitMaxima.cpuMs),
    memoryMb: Math.min(limits.memoryMb ?? limitDefaults.memoryMb, limitMaxima.memoryMb),
    outputBytes: Math.min(limits.outputBytes ?? limitDefaults.outputBytes, limitMaxima.outputBytes),
  };
}

export const RunFiles = z
  .array(RunnerFile)
  .min(1, "at least one file is needed")
  .max(maxFiles)
  .refine((files) => new Set(files.map((f) => f.path)).size === files.length, "file paths must be unique");

/**
 * A session key of this form is an anonymous visitor's guest (`guest:<id>`), never a user id (a uuid): its
 * sandbox is reaped after RUNNER_GUEST_IDLE_MS, as a guest has no terminal or workspace to keep warm.
 */
export const guestSessionPrefix = "guest:";

export const RunRequest = z
  .object({
    id: z.string().min(1).max(100),
    language: RunnerLanguage,
    /** The program's files, all sent every time: anonymous runs. Exactly one of `files` and `workspace`. */
    files: RunFiles.optional(),
    /** A session's workspace as a manifest (see contract/workspace.ts); needs `session`. */
    workspace: WorkspaceManifest.optional(),
    stdin: z
      .string()
      .refine((s) => Buffer.byteLength(s) <= maxStdinBytes, "stdin is larger than 64 KiB")
      .optional(),
    limits: RunLimits.optional(),
    /** The file to run; the language's default entry (main.py, main.js) or the first file when unset. */
    entry: FilePath.optional(),
    /**
     * A signed-in user's runs share one warm sandbox that no one else uses (faster, same isolation between
     * users); without it every run gets a fresh single-use sandbox.
     */
    session: z.object({ userId: z.string().min(1).max(200) }).optional(),
    /**
     * stdin stays open for input sent over the live socket (after `stdin`, if given) until the browser sends
     * `eof`; the wall limit is then RUNNER_INTERACTIVE_WALL_MS (default 120 s) instead of limits.wallMs. The
     * CPU limit is unchanged (limits.cpuMs, which defaults to the non-interactive wall limit).
     */
    interactive: z.boolean().optional(),
    /**
     * Who may open this run's live view: the user id a live ticket must name. Defaults to session.userId; an
     * anonymous visitor's id (the web app's choice) for runs without a session. Without either, no live view.
     */
    viewer: z.string().min(1).max(200).optional(),
  })
  .refine((r) => (r.files === undefined) !== (r.workspace === undefined), {
    message: "send exactly one of files and workspace",
    path: ["files"],
  })
  .refine((r) => r.workspace === undefined || r.session !== undefined, {
    message: "a workspace run needs a session",
    path: ["workspace"],
  })
  .refine((r) => r.entry === undefined || requestPaths(r).includes(r.entry), {
    message: "entry must name one of the files",
    path: ["entry"],
  });

/** The paths of a run's files, whichever way they were sent. */
export function requestPaths(r: { files?: { path: string }[]; workspace?: { files: { path: string }[] } }): string[] {
  return (r.files ?? r.workspace?.files ?? []).map((f) => f.path);
}
export type RunRequest = z.infer<typeof RunRequest>;

export const maxImages = 4;
export const maxImageBytes = 512 * 1024;
export const maxImagesTotalBytes = 1024 * 1024;

export const RunImage = z.object({
  mediaType: z.literal("image/png"),
  /** Base64 of the PNG file. */
  data: z.string().max(Math.ceil(maxImageBytes / 3) * 4),
});
export type RunImage = z.infer<typeof RunImage>;

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
  /** Time from handing the program to the sandbox until it ended, in milliseconds. */
  wallMs: z.number().int().nonnegative(),
  /** One sentence for the learner saying how the run ended, e.g. "Stopped after 5.0 s: the time limit.". */
  message: z.string().optional(),
  /** CPU time of all the run's processes, from the sandbox's cgroup. */
  cpuMs: z.number().int().nonnegative().optional(),
  /** Peak memory the run added on top of the sandbox's preloaded runtime, from the cgroup, in KiB. */
  memoryKib: z.number().int().nonnegative().optional(),
  /** Figures the program drew (matplotlib), in drawing order; at most maxImages, each a PNG. */
  images: z.array(RunImage).max(maxImages).optional(),
});
export type RunResult = z.infer<typeof RunResult>;

/** Body of every non-2xx answer. */
export const RunnerError = z.object({ error: z.string() });
export type RunnerError = z.infer<typeof RunnerError>;

// --- Capacity: one figure for the runner, Inngest's concurrency limits and the web's backpressure ---

/** In-flight slots a runner has by default (RUNNER_MAX_CONCURRENT). */
export const defaultRunnerSlots = 4;

/** The share of the slots gradings may hold at once by default, so runs always keep the rest. */
export function defaultGradingSlots(slots: number): number {
  return Math.max(1, Math.floor(slots / 2));
}

/**
 * `GET /v1/capacity`. Runs may use every slot; gradings at most `gradingSlots` of them. Callers size their own
 * limits from this: at most `slots` requests to one runner at once, of which at most `gradingSlots` gradings.
 */
export const RunnerCapacity = z.object({
  slots: z.number().int().positive(),
  gradingSlots: z.number().int().positive(),
  inFlight: z.object({
    runs: z.number().int().nonnegative(),
    gradings: z.number().int().nonnegative(),
    /** Slots the open terminals hold (one per RUNNER_TERMINALS_PER_SLOT of them); absent from older runners. */
    terminals: z.number().int().nonnegative().optional(),
  }),
  /** Open terminals (each holds a session sandbox); absent when the terminal is off. */
  terminals: TerminalCounts.optional(),
});
export type RunnerCapacity = z.infer<typeof RunnerCapacity>;

/**
 * Which limit refused a request: `runner`, every slot is in flight; `gradings`, the gradings' share is.
 * A run is only ever refused by `runner`; runs still get slots while the gradings' share is full.
 */
export const BusyPool = z.enum(["runner", "gradings"]);
export type BusyPool = z.infer<typeof BusyPool>;

/** Body of a 429 (with `Retry-After` in seconds). Never sent to a request that repeats an id in flight. */
export const RunnerBusy = RunnerError.extend({ pool: BusyPool });
export type RunnerBusy = z.infer<typeof RunnerBusy>;

// --- Grading: a learner's program against hidden tests (see sandbox/grader/grader.py) ---

/**
 * Hidden unless `shown`: a shown test's verdict may carry its input or call, the expected value and the learner's
 * output; a hidden one's carries its name, status and `hint` only.
 */
const testVisibility = {
  shown: z.boolean().optional(),
  hint: z.string().min(1).max(500).optional(),
};

export const GraderTest = z.union([
  z.strictObject({
    name: z.string().min(1).max(200),
    stdin: z.string().max(maxStdinBytes).optional(),
    stdout: z.string().max(64 * 1024),
    ...testVisibility,
  }),
  z.strictObject({
    name: z.string().min(1).max(200),
    call: z.string().min(1).max(2000),
    expect: z
      .string()
      .min(1)
      .max(64 * 1024),
    ...testVisibility,
  }),
]);
export type GraderTest = z.infer<typeof GraderTest>;

export const GradeRequest = z.object({
  id: z.string().min(1).max(100),
  /** Python grades main.py in the Python sandbox; JavaScript grades main.js in the Node.js sandbox. */
  language: RunnerLanguage,
  files: RunFiles,
  tests: z.array(GraderTest).min(1).max(50),
  limits: z.object({ wallMs: z.number().int().min(1000).max(limitMaxima.wallMs).optional() }).optional(),
});
export type GradeRequest = z.infer<typeof GradeRequest>;

export const TestOutcome = z.object({
  name: z.string().max(200),
  status: z.enum(["pass", "fail", "error"]),
  message: z.string().max(4000).optional(),
  output: z.string().max(1000).optional(),
});
export type TestOutcome = z.infer<typeof TestOutcome>;

/**
 * Exercism test-runner results (version 3), plus the run's own figures. A grading whose sandbox failed or was
 * cancelled once the program had started is a final `error` verdict (the program is not run again); only a
 * grading that could not start at all answers 503, and may be sent again.
 */
export const GradeResult = z.object({
  id: z.string(),
  status: z.enum(["pass", "fail", "error"]),
  message: z.string().max(4000).optional(),
  tests: z.array(TestOutcome).max(50),
  wallMs: z.number().int().nonnegative(),
});
export type GradeResult = z.infer<typeof GradeResult>;
