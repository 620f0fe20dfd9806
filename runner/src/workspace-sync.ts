// The runner's side of the workspace manifest (contract/workspace.ts): when a run cannot start because the
// session sandbox lacks some content, it ends in a MissingContentError that the service answers with 409.
import type { RunRequest } from "./contract";

export class MissingContentError extends Error {
  constructor(readonly missing: string[]) {
    super(`the sandbox lacks the content of ${missing.length} file(s)`);
    this.name = "MissingContentError";
  }
}

/** Paths a sandbox with an empty store cannot fill: workspace entries sent without content. */
export function pathsWithoutContent(request: RunRequest): string[] {
  return request.workspace?.files.filter((f) => f.content === undefined).map((f) => f.path) ?? [];
}

/** Throws when a fresh sandbox (nothing stored yet) could not run this request. */
export function requireContentForFreshSandbox(request: RunRequest): void {
  const missing = pathsWithoutContent(request);
  if (missing.length > 0) throw new MissingContentError(missing);
}

/** The manifest as the supervisor's answer may name it: only paths of this request count. */
export function checkedMissing(request: RunRequest, reported: string[]): string[] {
  const listed = new Set(request.workspace?.files.map((f) => f.path) ?? []);
  return reported.filter((path) => listed.has(path));
}
