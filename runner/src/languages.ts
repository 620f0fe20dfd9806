// Language registry: one entry per language. Adding a language is one entry here plus one folder in sandbox/
// (a Dockerfile and a supervisor speaking frames.ts). argv is a fixed array: no shell, no format string.
import { type SandboxLanguage, sandboxImage } from "@codeyard/sandbox";
import { mainFile, type ResolvedLimits, type RunnerLanguage, type RunRequest, requestPaths } from "./contract";

export interface LanguageSpec {
  /** Sandbox image folder under sandbox/. */
  sandbox: SandboxLanguage;
  /** Content-hashed image tag. */
  image: string;
  /** Run when the request has it; else its first file. */
  defaultEntry: string;
  /**
   * What the supervisor runs: ["python3", file] in a fork of its preloaded interpreter (["python3", "-I", file]
   * without the file's folder on sys.path), anything else exec'd.
   */
  command: (entry: string, limits: ResolvedLimits) => string[];
  /** Memory the supervisor and preloaded runtime hold before the program starts, added to limits.memoryMb. */
  runtimeMemoryMb: number;
  /** CPU share of one sandbox while it runs a program. */
  cpus: number;
  /** Processes and threads per sandbox, supervisor included. */
  pids: number;
}

function spec(sandbox: SandboxLanguage, rest: Omit<LanguageSpec, "sandbox" | "image">): LanguageSpec {
  return { sandbox, image: sandboxImage(sandbox).tag, ...rest };
}

/** The grader's file in a grading run: a name no learner file may take (see grading.ts). */
export const graderPath = "codeyard_grader.py";

export const languages: Record<RunnerLanguage, LanguageSpec> = {
  python: spec("python", {
    defaultEntry: mainFile.python,
    // The grader runs isolated: no learner module next to it shadows one it imports.
    command: (entry) => (entry === graderPath ? ["python3", "-I", entry] : ["python3", entry]),
    // numpy, pandas and matplotlib preloaded: about 60 MB.
    runtimeMemoryMb: 64,
    cpus: 0.5,
    pids: 64,
  }),
  javascript: spec("node", {
    defaultEntry: mainFile.javascript,
    // V8's heap limit above the cgroup's, so running out of memory ends in the kernel's OOM kill (memory_limit).
    // The grader is Python in this image too (its supervisor's python3), and spawns node for each test.
    command: (entry, limits) =>
      entry === graderPath ? ["python3", "-I", entry] : ["node", `--max-old-space-size=${limits.memoryMb * 4}`, entry],
    // The supervisor is a Python process that preloads nothing: about 9 MB.
    runtimeMemoryMb: 16,
    cpus: 0.5,
    pids: 64,
  }),
};

/** The requested entry, else the default entry file when present, else the first file. */
export function entryFile(language: RunnerLanguage, paths: readonly string[], entry?: string): string {
  if (entry && paths.includes(entry)) return entry;
  const { defaultEntry } = languages[language];
  if (paths.includes(defaultEntry)) return defaultEntry;
  const first = paths[0];
  if (first === undefined) throw new Error("a run needs at least one file");
  return first;
}

/** The supervisor's run message (see sandbox/supervisor/supervisor.py). */
export function runMessage(request: RunRequest, limits: ResolvedLimits) {
  const language = languages[request.language];
  const files = request.workspace
    ? {
        workspace: {
          files: request.workspace.files.map((f) => ({ path: f.path, sha256: f.sha256 })),
          contents: Object.fromEntries(
            request.workspace.files.flatMap((f) => (f.content === undefined ? [] : [[f.sha256, f.content]])),
          ),
        },
      }
    : { files: request.files ?? [] };
  return {
    type: "run",
    ...files,
    argv: language.command(entryFile(request.language, requestPaths(request), request.entry), limits),
    stdin: request.stdin ?? "",
    interactive: request.interactive === true,
    // RLIMIT_CPU per process, in whole seconds: a backstop behind the runner's own cgroup measurement.
    cpuSeconds: Math.ceil(limits.cpuMs / 1000) + 1,
  };
}
