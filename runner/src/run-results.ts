// Results the runner answers without a program's own figures (a sandbox that failed, a run cancelled before it
// started), and which kind of sandbox a run had better get.
import type { RunRequest, RunResult } from "./contract";

/** A module a preloaded sandbox holds, named anywhere in a Python file: a hint, a false positive costs nothing. */
const heavyModule = /\b(?:numpy|pandas|matplotlib)\b/;

/** Whether a run had better find its sandbox's heavy modules preloaded. */
export function mayUseHeavyModules(request: RunRequest): boolean {
  if (request.language !== "python") return false;
  const contents = request.workspace
    ? request.workspace.files.map((f) => f.content ?? "")
    : (request.files ?? []).map((f) => f.content);
  return contents.some((content) => heavyModule.test(content));
}

export function internalErrorResult(request: RunRequest, message?: string): RunResult {
  return {
    id: request.id,
    status: "internal_error",
    exitCode: null,
    signal: null,
    stdout: "",
    stderr: message ?? "internal error: the sandbox could not run this program",
    truncated: false,
    wallMs: 0,
    message: message ? "The run stopped because the runner shut down. Please run it again." : "The sandbox failed.",
  };
}

/** A run cancelled before its program started. */
export function cancelledResult(request: RunRequest): RunResult {
  return {
    id: request.id,
    status: "cancelled",
    exitCode: null,
    signal: null,
    stdout: "",
    stderr: "",
    truncated: false,
    wallMs: 0,
    message: "Stopped: the run was cancelled.",
  };
}
