// A signed-in user's run goes to their session sandbox as a manifest (runner/src/contract/workspace.ts):
// every file's hash, with content only for files the sandbox did not see in the user's previous run.
import type { ExecutionFile } from "@codeyard/drizzle";
import { sha256Of, type WorkspaceManifest } from "@codeyard/runner/contract";

/**
 * `seen` is what the sandbox last ran (null when unknown: everything is sent). `alsoSend` names paths the
 * runner said it lacks (its 409): they carry content whatever `seen` says.
 */
export function sessionManifest(
  files: ExecutionFile[],
  seen: ExecutionFile[] | null,
  alsoSend: readonly string[] = [],
): WorkspaceManifest {
  const seenHashes = new Map((seen ?? []).map((f) => [f.path, sha256Of(f.content)]));
  const resend = new Set(alsoSend);
  return {
    files: files.map((f) => {
      const sha256 = sha256Of(f.content);
      const known = seen !== null && seenHashes.get(f.path) === sha256 && !resend.has(f.path);
      return known ? { path: f.path, sha256 } : { path: f.path, sha256, content: f.content };
    }),
  };
}

/** How many files of a manifest carry content: the figure the logs and the bench report. */
export function sentFiles(manifest: WorkspaceManifest): number {
  return manifest.files.filter((f) => f.content !== undefined).length;
}
